CREATE TABLE "followup_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"ticket_number" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"parent_id" uuid,
	"agent_id" uuid,
	"priority" text,
	"resolved_at" timestamp (3) with time zone NOT NULL,
	"call_from" timestamp (3) with time zone NOT NULL,
	"rating" integer,
	"satisfied" boolean,
	"problem_solved" boolean,
	"comments" text,
	"attempts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"close_reason" text,
	"completed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "followup_tasks_kind_check" CHECK ("followup_tasks"."kind" in ('routine','special')),
	CONSTRAINT "followup_tasks_status_check" CHECK ("followup_tasks"."status" in ('pending','completed','closed','cancelled')),
	CONSTRAINT "followup_tasks_rating_check" CHECK ("followup_tasks"."rating" is null or "followup_tasks"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"contact_id" uuid,
	"channel" text NOT NULL,
	"purchase_info" text DEFAULT '' NOT NULL,
	"description" text NOT NULL,
	"status" text NOT NULL,
	"grade" text,
	"grade_reason" text,
	"contact_note" text,
	"contacted_at" timestamp (3) with time zone,
	"handling_summary" text,
	"handled_at" timestamp (3) with time zone,
	"round" integer DEFAULT 1 NOT NULL,
	"round_started_at" timestamp (3) with time zone NOT NULL,
	"followups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"ticket_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"repair_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rma_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"owner_id" uuid,
	"received_at" timestamp (3) with time zone NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"close_reason" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "complaints_number_unique" UNIQUE("number"),
	CONSTRAINT "complaints_status_check" CHECK ("complaints"."status" in ('received','contacted','handling','handled','satisfied','escalated','withdrawn')),
	CONSTRAINT "complaints_grade_check" CHECK ("complaints"."grade" is null or "complaints"."grade" in ('general','complex'))
);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"complaint_id" uuid NOT NULL,
	"number" text NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"customer_claim" text NOT NULL,
	"negotiation" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"stages" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"opened_at" timestamp (3) with time zone NOT NULL,
	"concluded_at" timestamp (3) with time zone,
	"end_reason" text,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "disputes_number_unique" UNIQUE("number"),
	CONSTRAINT "disputes_status_check" CHECK ("disputes"."status" in ('negotiation','mediation','arbitration','litigation','concluded','withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "mediation_bodies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "mediation_bodies_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "followup_tasks_open_uq" ON "followup_tasks" USING btree ("ticket_id","kind") WHERE "followup_tasks"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "followup_tasks_queue_idx" ON "followup_tasks" USING btree ("status","call_from");--> statement-breakpoint
CREATE INDEX "followup_tasks_ticket_idx" ON "followup_tasks" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "complaints_status_idx" ON "complaints" USING btree ("status","received_at");--> statement-breakpoint
CREATE INDEX "complaints_customer_idx" ON "complaints" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "disputes_complaint_uq" ON "disputes" USING btree ("complaint_id");