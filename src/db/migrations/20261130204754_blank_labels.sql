CREATE TABLE "portal_blank_labels" (
	"token" text PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"bound_unit_id" uuid,
	"bound_at" timestamp (3) with time zone,
	"bound_by" uuid
);
--> statement-breakpoint
CREATE INDEX "portal_blank_labels_unit_idx" ON "portal_blank_labels" USING btree ("bound_unit_id");