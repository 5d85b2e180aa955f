ALTER TABLE "message_templates" ADD COLUMN "button" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD COLUMN "text_enc" text;