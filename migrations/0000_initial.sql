CREATE TYPE "public"."one_time_link_purpose" AS ENUM('invite', 'reset');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'secretary', 'member', 'contributor', 'viewer');--> statement-breakpoint
CREATE TYPE "public"."token_scope" AS ENUM('read', 'write');--> statement-breakpoint
CREATE TYPE "public"."body_kind" AS ENUM('programme_board', 'sub_board', 'joint_committee', 'working_group', 'advisory_group');--> statement-breakpoint
CREATE TYPE "public"."membership_role" AS ENUM('chair', 'co_chair', 'vice_chair', 'member', 'in_attendance', 'secretary');--> statement-breakpoint
CREATE TYPE "public"."terms_of_reference_status" AS ENUM('draft', 'ratified', 'superseded');--> statement-breakpoint
CREATE TYPE "public"."organisation_kind" AS ENUM('ccg_icb', 'nhs_trust', 'foundation_trust', 'local_authority', 'primary_care_network', 'voluntary_sector', 'national_body', 'other');--> statement-breakpoint
CREATE TABLE "audit_events" (
	"partnership_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_name" text NOT NULL,
	"record_type" text NOT NULL,
	"record_id" uuid NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"request_id" text,
	CONSTRAINT "audit_events_partnership_id_id_pk" PRIMARY KEY("partnership_id","id")
);
--> statement-breakpoint
CREATE TABLE "one_time_links" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" "one_time_link_purpose" NOT NULL,
	"token_hash" text NOT NULL,
	"created_by_user_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "one_time_links_partnership_id_id_pk" PRIMARY KEY("partnership_id","id")
);
--> statement-breakpoint
CREATE TABLE "partnership_users" (
	"partnership_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partnership_users_partnership_id_user_id_pk" PRIMARY KEY("partnership_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "personal_access_tokens" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"scope" "token_scope" NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "personal_access_tokens_partnership_id_id_pk" PRIMARY KEY("partnership_id","id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_attempts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key_hash" text NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"password_changed_at" timestamp with time zone,
	"disabled_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bodies" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"kind" "body_kind" NOT NULL,
	"parent_body_id" uuid,
	"purpose" text DEFAULT '' NOT NULL,
	"meets_in_public" boolean DEFAULT true NOT NULL,
	"established_on" date,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bodies_partnership_id_id_pk" PRIMARY KEY("partnership_id","id"),
	CONSTRAINT "bodies_not_own_parent" CHECK ("bodies"."parent_body_id" is distinct from "bodies"."id")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" "membership_role" NOT NULL,
	"voting" boolean NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"representing" text,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"end_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_partnership_id_id_pk" PRIMARY KEY("partnership_id","id"),
	CONSTRAINT "memberships_dates" CHECK ("memberships"."ends_on" is null or "memberships"."ends_on" >= "memberships"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "terms_of_reference" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"version_label" text NOT NULL,
	"status" "terms_of_reference_status" DEFAULT 'draft' NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"document_url" text,
	"ratified_by_body_id" uuid,
	"ratified_on" date,
	"quorum_minimum_voting_members" integer NOT NULL,
	"quorum_representation" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "terms_of_reference_partnership_id_id_pk" PRIMARY KEY("partnership_id","id"),
	CONSTRAINT "terms_of_reference_ratified" CHECK ("terms_of_reference"."status" = 'draft' or ("terms_of_reference"."ratified_by_body_id" is not null and "terms_of_reference"."ratified_on" is not null)),
	CONSTRAINT "terms_of_reference_quorum_positive" CHECK ("terms_of_reference"."quorum_minimum_voting_members" >= 1)
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"kind" "organisation_kind" NOT NULL,
	"ods_code" text,
	"is_example" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_partnership_id_id_pk" PRIMARY KEY("partnership_id","id")
);
--> statement-breakpoint
CREATE TABLE "partnership_objectives" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partnership_objectives_partnership_id_id_pk" PRIMARY KEY("partnership_id","id")
);
--> statement-breakpoint
CREATE TABLE "partnerships" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"financial_year_start_month" integer DEFAULT 4 NOT NULL,
	"hostnames" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partnerships_fy_month" CHECK ("partnerships"."financial_year_start_month" between 1 and 12)
);
--> statement-breakpoint
CREATE TABLE "people" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"job_title" text,
	"organisation_id" uuid,
	"email" text,
	"is_example" boolean DEFAULT false NOT NULL,
	"user_id" uuid,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_partnership_id_id_pk" PRIMARY KEY("partnership_id","id")
);
--> statement-breakpoint
ALTER TABLE "one_time_links" ADD CONSTRAINT "one_time_links_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "one_time_links" ADD CONSTRAINT "one_time_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "one_time_links" ADD CONSTRAINT "one_time_links_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_users" ADD CONSTRAINT "partnership_users_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_users" ADD CONSTRAINT "partnership_users_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_access_tokens" ADD CONSTRAINT "personal_access_tokens_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_access_tokens" ADD CONSTRAINT "personal_access_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bodies" ADD CONSTRAINT "bodies_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bodies" ADD CONSTRAINT "bodies_partnership_id_parent_body_id_bodies_partnership_id_id_fk" FOREIGN KEY ("partnership_id","parent_body_id") REFERENCES "public"."bodies"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_partnership_id_body_id_bodies_partnership_id_id_fk" FOREIGN KEY ("partnership_id","body_id") REFERENCES "public"."bodies"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_partnership_id_person_id_people_partnership_id_id_fk" FOREIGN KEY ("partnership_id","person_id") REFERENCES "public"."people"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_of_reference" ADD CONSTRAINT "terms_of_reference_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_of_reference" ADD CONSTRAINT "terms_of_reference_partnership_id_body_id_bodies_partnership_id_id_fk" FOREIGN KEY ("partnership_id","body_id") REFERENCES "public"."bodies"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_of_reference" ADD CONSTRAINT "terms_of_reference_partnership_id_ratified_by_body_id_bodies_partnership_id_id_fk" FOREIGN KEY ("partnership_id","ratified_by_body_id") REFERENCES "public"."bodies"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_objectives" ADD CONSTRAINT "partnership_objectives_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_partnership_id_organisation_id_organisations_partnership_id_id_fk" FOREIGN KEY ("partnership_id","organisation_id") REFERENCES "public"."organisations"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_record_idx" ON "audit_events" USING btree ("partnership_id","record_type","record_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "one_time_links_token_key" ON "one_time_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "partnership_users_user_idx" ON "partnership_users" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "personal_access_tokens_hash_key" ON "personal_access_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "personal_access_tokens_user_idx" ON "personal_access_tokens" USING btree ("partnership_id","user_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sign_in_attempts_key_idx" ON "sign_in_attempts" USING btree ("key_hash","attempted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "bodies_parent_idx" ON "bodies" USING btree ("partnership_id","parent_body_id");--> statement-breakpoint
CREATE INDEX "memberships_body_idx" ON "memberships" USING btree ("partnership_id","body_id","starts_on");--> statement-breakpoint
CREATE INDEX "memberships_person_idx" ON "memberships" USING btree ("partnership_id","person_id");--> statement-breakpoint
CREATE INDEX "terms_of_reference_body_idx" ON "terms_of_reference" USING btree ("partnership_id","body_id");--> statement-breakpoint
CREATE INDEX "organisations_name_idx" ON "organisations" USING btree ("partnership_id",lower("name"),"id");--> statement-breakpoint
CREATE UNIQUE INDEX "partnerships_slug_key" ON "partnerships" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "people_name_idx" ON "people" USING btree ("partnership_id",lower("name"),"id");--> statement-breakpoint
CREATE INDEX "people_organisation_idx" ON "people" USING btree ("partnership_id","organisation_id");