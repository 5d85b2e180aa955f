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
CREATE INDEX "kb_articles_status_idx" ON "kb_articles" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "kb_articles_search_idx" ON "kb_articles" USING gin ("search_vector");