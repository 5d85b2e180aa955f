CREATE TABLE "report_mailings" (
	"period" text PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"recipients" jsonb NOT NULL,
	"scheduled_at" timestamp (3) with time zone NOT NULL,
	"mailed_at" timestamp (3) with time zone
);
