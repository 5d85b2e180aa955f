CREATE TABLE "mail_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"direction" text NOT NULL,
	"message_id" text NOT NULL,
	"ticket_id" uuid,
	"event_id" integer,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"address_enc" text,
	"address_bidx" text,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"html_safe" text,
	"raw_enc" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"dedupe_key" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "mail_messages_direction_check" CHECK ("mail_messages"."direction" in ('in','out'))
);
--> statement-breakpoint
CREATE TABLE "mail_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"host" text NOT NULL,
	"port" integer NOT NULL,
	"secure" boolean DEFAULT false NOT NULL,
	"username" text,
	"password_enc" text,
	"from_address" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by_id" uuid
);
--> statement-breakpoint
CREATE TABLE "message_templates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"channel" text NOT NULL,
	"locale" text NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by_id" uuid,
	CONSTRAINT "message_templates_channel_check" CHECK ("message_templates"."channel" in ('email','sms','robot')),
	CONSTRAINT "message_templates_locale_check" CHECK ("message_templates"."locale" in ('zh-CN','en'))
);
--> statement-breakpoint
CREATE TABLE "reply_macros" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "mail_messages_dedupe_uq" ON "mail_messages" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "mail_messages_message_id_idx" ON "mail_messages" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "mail_messages_ticket_idx" ON "mail_messages" USING btree ("ticket_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "message_templates_key_uq" ON "message_templates" USING btree ("key","channel","locale");--> statement-breakpoint
CREATE UNIQUE INDEX "reply_macros_title_uq" ON "reply_macros" USING btree ("title");--> statement-breakpoint
CREATE INDEX "reply_macros_updated_idx" ON "reply_macros" USING btree ("updated_at");