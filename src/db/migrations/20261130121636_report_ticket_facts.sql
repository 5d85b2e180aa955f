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
	"safety_relevant" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "report_ticket_facts_received_idx" ON "report_ticket_facts" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "report_ticket_facts_model_idx" ON "report_ticket_facts" USING btree ("product_model_id","received_at");--> statement-breakpoint
CREATE INDEX "report_ticket_facts_open_idx" ON "report_ticket_facts" USING btree ("received_at") WHERE is_open;