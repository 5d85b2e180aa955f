CREATE TABLE "audit_checkpoint_heads" (
	"checkpoint_seq" integer NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_checkpoint_heads_checkpoint_seq_subject_type_subject_id_pk" PRIMARY KEY("checkpoint_seq","subject_type","subject_id")
);
--> statement-breakpoint
CREATE TABLE "audit_checkpoints" (
	"seq" integer PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"subjects" integer NOT NULL,
	"digest" text NOT NULL,
	"prev_mac" text,
	"mac" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chain_heads" (
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"hash" text NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "chain_heads_subject_type_subject_id_pk" PRIMARY KEY("subject_type","subject_id")
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "hash_version" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Chains written before heads existed get their head from their newest event, so an upgraded
-- database verifies at once (and a later truncation of those chains is caught from now on).
INSERT INTO "chain_heads" ("subject_type", "subject_id", "seq", "hash", "updated_at")
SELECT DISTINCT ON ("subject_type", "subject_id") "subject_type", "subject_id", "seq", "hash", now()
FROM "events" ORDER BY "subject_type", "subject_id", "seq" DESC;
