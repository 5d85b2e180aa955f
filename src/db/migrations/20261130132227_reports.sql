CREATE TABLE "report_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"from_date" text NOT NULL,
	"to_date" text NOT NULL,
	"status" text NOT NULL,
	"progress" smallint DEFAULT 0 NOT NULL,
	"figures" jsonb,
	"xlsx" "bytea",
	"pdf" "bytea",
	"requested_by_id" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone,
	CONSTRAINT "report_documents_status_check" CHECK ("report_documents"."status" in ('queued','running','done','failed')),
	CONSTRAINT "report_documents_progress_check" CHECK ("report_documents"."progress" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "report_incidents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"group_key" text NOT NULL,
	"product_model_id" uuid,
	"batch" text,
	"fault_category" text,
	"ticket_ids" jsonb NOT NULL,
	"raised_at" timestamp (3) with time zone NOT NULL,
	"plan" text,
	"plan_submitted_at" timestamp (3) with time zone,
	"closed_at" timestamp (3) with time zone,
	"close_reason" text,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "report_incidents_number_unique" UNIQUE("number"),
	CONSTRAINT "report_incidents_kind_check" CHECK ("report_incidents"."kind" in ('batch_failure','safety_event')),
	CONSTRAINT "report_incidents_status_check" CHECK ("report_incidents"."status" in ('open','plan_submitted','closed'))
);
--> statement-breakpoint
CREATE TABLE "report_ticket_facts" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"ticket_version" integer NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"team" text,
	"owner_id" uuid,
	"customer_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"request_type" text NOT NULL,
	"priority" text,
	"product_model_id" uuid,
	"product_category" text,
	"batch" text,
	"serial_unit_id" uuid,
	"status" text NOT NULL,
	"is_open" boolean NOT NULL,
	"sla_state" text NOT NULL,
	"response_on_time" boolean,
	"resolution_on_time" boolean,
	"resolved_at" timestamp (3) with time zone,
	"first_time_fix" boolean,
	"reopened" boolean DEFAULT false NOT NULL,
	"repair_count" smallint DEFAULT 0 NOT NULL,
	"repair_ms" bigint,
	"waiting_parts_ms" bigint DEFAULT 0 NOT NULL,
	"fault_category" text,
	"satisfaction" smallint,
	"safety_event" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "report_documents_created_idx" ON "report_documents" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "report_incidents_open_group_uq" ON "report_incidents" USING btree ("group_key") WHERE status <> 'closed';--> statement-breakpoint
CREATE INDEX "report_incidents_raised_idx" ON "report_incidents" USING btree ("raised_at");--> statement-breakpoint
CREATE INDEX "report_ticket_facts_received_idx" ON "report_ticket_facts" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "report_ticket_facts_model_idx" ON "report_ticket_facts" USING btree ("product_model_id","received_at");--> statement-breakpoint
CREATE INDEX "report_ticket_facts_open_idx" ON "report_ticket_facts" USING btree ("received_at") WHERE is_open;