CREATE TABLE "dispatch_team_modes" (
	"team" text PRIMARY KEY NOT NULL,
	"mode" text NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "dispatch_team_modes_mode_check" CHECK ("dispatch_team_modes"."mode" in ('manual','auto','grab'))
);
--> statement-breakpoint
CREATE TABLE "engineer_skills" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"models" text[] DEFAULT '{}'::text[] NOT NULL,
	"fault_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"certifications" text[] DEFAULT '{}'::text[] NOT NULL,
	"regions" text[] DEFAULT '{}'::text[] NOT NULL,
	"capacity" integer DEFAULT 5 NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "engineer_skills_capacity_check" CHECK ("engineer_skills"."capacity" between 1 and 50)
);
