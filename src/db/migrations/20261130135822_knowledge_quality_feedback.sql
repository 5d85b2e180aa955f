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
CREATE TABLE "kb_article_feedback" (
	"article_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"ticket_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "kb_article_feedback_article_id_user_id_pk" PRIMARY KEY("article_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "kb_articles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"problem" text NOT NULL,
	"cause" text DEFAULT '' NOT NULL,
	"solution" text NOT NULL,
	"product_model_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"fault_category" text,
	"status" text NOT NULL,
	"public" boolean DEFAULT false NOT NULL,
	"source_ticket_id" uuid,
	"author_id" uuid,
	"reviewer_id" uuid,
	"published_at" timestamp with time zone,
	"helpful_count" integer DEFAULT 0 NOT NULL,
	"search_words" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (array_to_tsvector(string_to_array("kb_articles"."search_words", ' '))) STORED,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "kb_articles_status_check" CHECK ("kb_articles"."status" in ('draft','in_review','published','retired'))
);
--> statement-breakpoint
CREATE INDEX "report_quality_feedback_incident_idx" ON "report_quality_feedback" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "kb_articles_status_idx" ON "kb_articles" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "kb_articles_search_idx" ON "kb_articles" USING gin ("search_vector");