CREATE TABLE "audit_subject_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"key_enc" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"shredded_at" timestamp (3) with time zone,
	CONSTRAINT "audit_subject_keys_shredded_check" CHECK ((key_enc is null) = (shredded_at is not null))
);
--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD COLUMN "erasure_residue" jsonb;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_subject_keys_live_uq" ON "audit_subject_keys" USING btree ("subject_type","subject_id") WHERE key_enc is not null;