CREATE TABLE "report_quality_feedback" (
	"id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"status" text NOT NULL,
	"symptom" text NOT NULL,
	"frequency" text NOT NULL,
	"scope" text NOT NULL,
	"affected_units" integer NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"plan" text,
	"fix_date" text,
	"sent_at" timestamp (3) with time zone,
	"planned_at" timestamp (3) with time zone,
	"verified_at" timestamp (3) with time zone,
	"created_by_id" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "report_quality_feedback_status_check" CHECK ("report_quality_feedback"."status" in ('draft','sent','planned','verified','withdrawn'))
);
--> statement-breakpoint
CREATE INDEX "report_quality_feedback_incident_idx" ON "report_quality_feedback" USING btree ("incident_id");