CREATE TABLE "portal_codes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"phone_index" text NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"used_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_tickets" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"access_code_hash" text NOT NULL,
	"link_hash" text NOT NULL,
	"phone_index" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "portal_tickets_number_unique" UNIQUE("number"),
	CONSTRAINT "portal_tickets_linkHash_unique" UNIQUE("link_hash")
);
--> statement-breakpoint
CREATE TABLE "portal_unit_tokens" (
	"serial_unit_id" uuid PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "portal_unit_tokens_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE INDEX "portal_codes_phone_idx" ON "portal_codes" USING btree ("phone_index","created_at");--> statement-breakpoint
CREATE INDEX "portal_sessions_ticket_idx" ON "portal_sessions" USING btree ("ticket_id");