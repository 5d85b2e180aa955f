CREATE TABLE "notification_mail_prefs" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"address_enc" text,
	"kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
