CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"name" text NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"team" text,
	"password_hash" text NOT NULL,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username"),
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('admin','manager','agent','engineer','finance','logistics','quality'))
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"at" timestamp (3) with time zone NOT NULL,
	"visibility" text DEFAULT 'internal' NOT NULL,
	"body" text,
	"data" jsonb,
	"prev_hash" text,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"name_enc" text NOT NULL,
	"phone_enc" text,
	"phone_bidx" text,
	"email_enc" text,
	"email_bidx" text,
	"address_enc" text,
	"is_primary" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'company' NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_models" (
	"id" uuid PRIMARY KEY NOT NULL,
	"model_number" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"warranty_months" integer NOT NULL,
	"custom_made" boolean DEFAULT false NOT NULL,
	"safety_relevant" boolean DEFAULT false NOT NULL,
	"discontinued" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "product_models_modelNumber_unique" UNIQUE("model_number")
);
--> statement-breakpoint
CREATE TABLE "serial_units" (
	"id" uuid PRIMARY KEY NOT NULL,
	"serial_number" text NOT NULL,
	"product_model_id" uuid NOT NULL,
	"customer_id" uuid,
	"purchase_date" date,
	"purchase_channel" text,
	"delivered_at" date,
	"batch" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"channel" text NOT NULL,
	"request_type" text NOT NULL,
	"status" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"priority" text,
	"priority_reason" text,
	"graded_by_id" uuid,
	"graded_at" timestamp with time zone,
	"customer_urgency" text,
	"customer_id" uuid NOT NULL,
	"contact_id" uuid,
	"serial_unit_id" uuid,
	"product_model_id" uuid,
	"occurred_at" timestamp with time zone,
	"environment" text,
	"tried_steps" text,
	"recorder_id" uuid,
	"owner_id" uuid,
	"team" text,
	"received_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"sla_policy_id" uuid,
	"sla_state" text DEFAULT 'none' NOT NULL,
	"sla_next_due_at" timestamp (3) with time zone,
	"sla_breached" boolean DEFAULT false NOT NULL,
	"search_plain" text DEFAULT '' NOT NULL,
	"search_words" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (array_to_tsvector(string_to_array("tickets"."search_words", ' '))) STORED,
	CONSTRAINT "tickets_number_unique" UNIQUE("number"),
	CONSTRAINT "tickets_status_check" CHECK ("tickets"."status" in ('received','graded','in_progress','waiting_customer','waiting_parts','resolved','followed_up','closed','cancelled')),
	CONSTRAINT "tickets_priority_check" CHECK ("tickets"."priority" is null or "tickets"."priority" in ('urgent','important','general'))
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" bigint NOT NULL,
	"uploaded_by_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer,
	"response" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_scope_key_pk" PRIMARY KEY("user_id","scope","key")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"available_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"ticket_id" uuid,
	"title" text NOT NULL,
	"body" text,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "customer_contracts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"name" text NOT NULL,
	"overrides" jsonb NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_calendars" (
	"id" text PRIMARY KEY NOT NULL,
	"definition" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by_id" uuid
);
--> statement-breakpoint
CREATE TABLE "sla_clocks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"target" text NOT NULL,
	"spec" jsonb NOT NULL,
	"policy_id" uuid,
	"status" text NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"paused_at" timestamp (3) with time zone,
	"pauses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"stopped_at" timestamp (3) with time zone,
	"breached_at" timestamp (3) with time zone,
	"warn_at" timestamp (3) with time zone,
	"warned_at" timestamp (3) with time zone,
	"breach_recorded_at" timestamp (3) with time zone,
	CONSTRAINT "sla_clocks_status_check" CHECK ("sla_clocks"."status" in ('running','paused','met','breached','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"rules" jsonb NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by_id" uuid
);
--> statement-breakpoint
CREATE TABLE "timeout_explanations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"text" text NOT NULL,
	"status" text NOT NULL,
	"submitted_by_id" uuid,
	"submitted_at" timestamp with time zone NOT NULL,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "serial_units" ADD CONSTRAINT "serial_units_product_model_id_product_models_id_fk" FOREIGN KEY ("product_model_id") REFERENCES "public"."product_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "events_subject_seq_uq" ON "events" USING btree ("subject_type","subject_id","seq");--> statement-breakpoint
CREATE INDEX "events_type_at_idx" ON "events" USING btree ("type","at");--> statement-breakpoint
CREATE INDEX "contacts_customer_idx" ON "contacts" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "contacts_phone_bidx" ON "contacts" USING btree ("phone_bidx");--> statement-breakpoint
CREATE INDEX "contacts_email_bidx" ON "contacts" USING btree ("email_bidx");--> statement-breakpoint
CREATE INDEX "customers_name_trgm" ON "customers" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "serial_units_model_serial_uq" ON "serial_units" USING btree ("product_model_id","serial_number");--> statement-breakpoint
CREATE INDEX "serial_units_serial_idx" ON "serial_units" USING btree ("serial_number");--> statement-breakpoint
CREATE INDEX "serial_units_customer_idx" ON "serial_units" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "tickets_status_idx" ON "tickets" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "tickets_owner_idx" ON "tickets" USING btree ("owner_id","status");--> statement-breakpoint
CREATE INDEX "tickets_customer_idx" ON "tickets" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "tickets_serial_idx" ON "tickets" USING btree ("serial_unit_id");--> statement-breakpoint
CREATE INDEX "tickets_created_idx" ON "tickets" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "tickets_sla_next_due_idx" ON "tickets" USING btree ("sla_next_due_at");--> statement-breakpoint
CREATE INDEX "tickets_search_vector_idx" ON "tickets" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "tickets_search_plain_trgm" ON "tickets" USING gin ("search_plain" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "attachments_subject_idx" ON "attachments" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("available_at") WHERE delivered_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_uq" ON "notifications" USING btree ("user_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "customer_contracts_customer_idx" ON "customer_contracts" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "sla_clocks_ticket_idx" ON "sla_clocks" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "sla_clocks_due_running_idx" ON "sla_clocks" USING btree ("due_at") WHERE status = 'running';--> statement-breakpoint
CREATE INDEX "sla_clocks_warn_running_idx" ON "sla_clocks" USING btree ("warn_at") WHERE status = 'running' and warned_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "sla_policies_key_version_uq" ON "sla_policies" USING btree ("key","version");--> statement-breakpoint
CREATE INDEX "timeout_explanations_ticket_idx" ON "timeout_explanations" USING btree ("ticket_id");