CREATE TYPE "public"."action_status" AS ENUM('open', 'in_progress', 'done', 'dropped');--> statement-breakpoint
CREATE TYPE "public"."decision_kind" AS ENUM('approved', 'ratified', 'agreed', 'endorsed', 'noted', 'approved_in_principle', 'recommended', 'deferred', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."decision_status" AS ENUM('in_force', 'superseded', 'rescinded');--> statement-breakpoint
CREATE TYPE "public"."declaration_action" AS ENUM('none', 'left_discussion', 'left_decision');--> statement-breakpoint
CREATE TYPE "public"."interest_category" AS ENUM('financial', 'non_financial_professional', 'non_financial_personal', 'indirect');--> statement-breakpoint
CREATE TYPE "public"."agenda_item_kind" AS ENUM('welcome_and_apologies', 'declarations_of_interest', 'minutes_of_last_meeting', 'matters_arising', 'update', 'deep_dive', 'decision', 'ratification', 'for_noting', 'discussion', 'consultation_response', 'presentation', 'any_other_business');--> statement-breakpoint
CREATE TYPE "public"."agenda_item_purpose" AS ENUM('for_decision', 'for_assurance', 'for_information', 'for_discussion');--> statement-breakpoint
CREATE TYPE "public"."attendance_status" AS ENUM('present', 'apologies', 'absent', 'deputy', 'in_attendance');--> statement-breakpoint
CREATE TYPE "public"."confidentiality" AS ENUM('part_1', 'part_2');--> statement-breakpoint
CREATE TYPE "public"."meeting_status" AS ENUM('planned', 'agenda_published', 'held', 'minutes_drafted', 'minutes_approved', 'cancelled', 'postponed');--> statement-breakpoint
CREATE TYPE "public"."minutes_status" AS ENUM('draft', 'circulated', 'approved');--> statement-breakpoint
CREATE TYPE "public"."paper_format" AS ENUM('pdf', 'docx', 'xlsx', 'pptx', 'odt');--> statement-breakpoint
CREATE TABLE "action_updates" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"action_id" uuid NOT NULL,
	"noted_on" date NOT NULL,
	"text" text NOT NULL,
	"author_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_updates_partnership_id_id_pk" PRIMARY KEY("partnership_id","id")
);
--> statement-breakpoint
CREATE TABLE "actions" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"description" text NOT NULL,
	"owner_person_id" uuid NOT NULL,
	"due_on" date,
	"status" "action_status" DEFAULT 'open' NOT NULL,
	"dropped_reason" text,
	"completed_on" date,
	"body_id" uuid NOT NULL,
	"source_meeting_id" uuid,
	"source_agenda_item_id" uuid,
	"decision_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "actions_partnership_id_id_pk" PRIMARY KEY("partnership_id","id"),
	CONSTRAINT "actions_dropped_reason" CHECK ("actions"."status" <> 'dropped' or coalesce(btrim("actions"."dropped_reason"), '') <> '')
);
--> statement-breakpoint
CREATE TABLE "decision_bodies" (
	"partnership_id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	CONSTRAINT "decision_bodies_partnership_id_decision_id_body_id_pk" PRIMARY KEY("partnership_id","decision_id","body_id")
);
--> statement-breakpoint
CREATE TABLE "decision_organisations" (
	"partnership_id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "decision_organisations_partnership_id_decision_id_organisation_id_pk" PRIMARY KEY("partnership_id","decision_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"decided_on" date NOT NULL,
	"text" text NOT NULL,
	"kind" "decision_kind" NOT NULL,
	"status" "decision_status" DEFAULT 'in_force' NOT NULL,
	"superseded_by_decision_id" uuid,
	"recommended_to_body_id" uuid,
	"taken_while_inquorate" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decisions_partnership_id_id_pk" PRIMARY KEY("partnership_id","id"),
	CONSTRAINT "decisions_recommended_to" CHECK (("decisions"."kind" = 'recommended') = ("decisions"."recommended_to_body_id" is not null)),
	CONSTRAINT "decisions_superseded_by" CHECK ("decisions"."status" <> 'superseded' or "decisions"."superseded_by_decision_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "forward_plan_entries" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"title" text NOT NULL,
	"kind" "agenda_item_kind" DEFAULT 'update' NOT NULL,
	"target_meeting_id" uuid,
	"target_month" date,
	"owner_person_id" uuid,
	"source_decision_id" uuid,
	"scheduled_agenda_item_id" uuid,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forward_plan_entries_partnership_id_id_pk" PRIMARY KEY("partnership_id","id")
);
--> statement-breakpoint
CREATE TABLE "interest_declarations" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"declared_on" date NOT NULL,
	"nil_return" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interest_declarations_partnership_id_id_pk" PRIMARY KEY("partnership_id","id")
);
--> statement-breakpoint
CREATE TABLE "interests" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"category" "interest_category" NOT NULL,
	"organisation_id" uuid,
	"description" text NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interests_partnership_id_id_pk" PRIMARY KEY("partnership_id","id")
);
--> statement-breakpoint
CREATE TABLE "meeting_declarations" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"interest_id" uuid,
	"description" text NOT NULL,
	"action" "declaration_action" DEFAULT 'none' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_declarations_partnership_id_id_pk" PRIMARY KEY("partnership_id","id")
);
--> statement-breakpoint
CREATE TABLE "agenda_item_bodies" (
	"partnership_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	CONSTRAINT "agenda_item_bodies_partnership_id_agenda_item_id_body_id_pk" PRIMARY KEY("partnership_id","agenda_item_id","body_id")
);
--> statement-breakpoint
CREATE TABLE "agenda_item_organisations" (
	"partnership_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "agenda_item_organisations_partnership_id_agenda_item_id_organisation_id_pk" PRIMARY KEY("partnership_id","agenda_item_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "agenda_item_presenters" (
	"partnership_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"role_label" text,
	CONSTRAINT "agenda_item_presenters_partnership_id_agenda_item_id_person_id_pk" PRIMARY KEY("partnership_id","agenda_item_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "agenda_items" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"parent_item_id" uuid,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"kind" "agenda_item_kind" NOT NULL,
	"purpose" "agenda_item_purpose",
	"duration_minutes" integer,
	"confidentiality" "confidentiality" DEFAULT 'part_1' NOT NULL,
	"exemption_reason" text,
	"recommendation" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agenda_items_partnership_id_id_pk" PRIMARY KEY("partnership_id","id"),
	CONSTRAINT "agenda_items_part_2_reason" CHECK ("agenda_items"."confidentiality" = 'part_1' or coalesce(btrim("agenda_items"."exemption_reason"), '') <> ''),
	CONSTRAINT "agenda_items_duration" CHECK ("agenda_items"."duration_minutes" is null or "agenda_items"."duration_minutes" between 0 and 1440)
);
--> statement-breakpoint
CREATE TABLE "agenda_template_items" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"kind" "agenda_item_kind" NOT NULL,
	"duration_minutes" integer,
	CONSTRAINT "agenda_template_items_partnership_id_id_pk" PRIMARY KEY("partnership_id","id")
);
--> statement-breakpoint
CREATE TABLE "attendance" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"status" "attendance_status" NOT NULL,
	"deputy_for_person_id" uuid,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_partnership_id_id_pk" PRIMARY KEY("partnership_id","id"),
	CONSTRAINT "attendance_deputy_for" CHECK (("attendance"."status" = 'deputy') = ("attendance"."deputy_for_person_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "item_minutes" (
	"partnership_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"discussion" text DEFAULT '' NOT NULL,
	"public_summary" text DEFAULT '' NOT NULL,
	"outcome" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "item_minutes_partnership_id_agenda_item_id_pk" PRIMARY KEY("partnership_id","agenda_item_id")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"title" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"venue" text,
	"online_url" text,
	"has_public_session" boolean DEFAULT true NOT NULL,
	"has_private_session" boolean DEFAULT false NOT NULL,
	"status" "meeting_status" DEFAULT 'planned' NOT NULL,
	"status_reason" text,
	"agenda_published_at" timestamp with time zone,
	"minutes_status" "minutes_status",
	"minutes_approved_by_decision_id" uuid,
	"sequence" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_partnership_id_id_pk" PRIMARY KEY("partnership_id","id"),
	CONSTRAINT "meetings_ends_after_start" CHECK ("meetings"."ends_at" >= "meetings"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "paper_versions" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"paper_id" uuid NOT NULL,
	"version_number" integer NOT NULL,
	"file_name" text NOT NULL,
	"format" "paper_format" NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"extracted_text" text,
	"page_count" integer,
	"uploaded_by_user_id" uuid,
	"uploaded_by_name" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "paper_versions_partnership_id_id_pk" PRIMARY KEY("partnership_id","id")
);
--> statement-breakpoint
CREATE TABLE "papers" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"title" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "papers_partnership_id_id_pk" PRIMARY KEY("partnership_id","id")
);
--> statement-breakpoint
ALTER TABLE "action_updates" ADD CONSTRAINT "action_updates_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_updates" ADD CONSTRAINT "action_updates_partnership_id_action_id_actions_partnership_id_id_fk" FOREIGN KEY ("partnership_id","action_id") REFERENCES "public"."actions"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_partnership_id_owner_person_id_people_partnership_id_id_fk" FOREIGN KEY ("partnership_id","owner_person_id") REFERENCES "public"."people"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_partnership_id_body_id_bodies_partnership_id_id_fk" FOREIGN KEY ("partnership_id","body_id") REFERENCES "public"."bodies"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_partnership_id_source_meeting_id_meetings_partnership_id_id_fk" FOREIGN KEY ("partnership_id","source_meeting_id") REFERENCES "public"."meetings"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_partnership_id_source_agenda_item_id_agenda_items_partnership_id_id_fk" FOREIGN KEY ("partnership_id","source_agenda_item_id") REFERENCES "public"."agenda_items"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_partnership_id_decision_id_decisions_partnership_id_id_fk" FOREIGN KEY ("partnership_id","decision_id") REFERENCES "public"."decisions"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_bodies" ADD CONSTRAINT "decision_bodies_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_bodies" ADD CONSTRAINT "decision_bodies_partnership_id_decision_id_decisions_partnership_id_id_fk" FOREIGN KEY ("partnership_id","decision_id") REFERENCES "public"."decisions"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_bodies" ADD CONSTRAINT "decision_bodies_partnership_id_body_id_bodies_partnership_id_id_fk" FOREIGN KEY ("partnership_id","body_id") REFERENCES "public"."bodies"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_organisations" ADD CONSTRAINT "decision_organisations_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_organisations" ADD CONSTRAINT "decision_organisations_partnership_id_decision_id_decisions_partnership_id_id_fk" FOREIGN KEY ("partnership_id","decision_id") REFERENCES "public"."decisions"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_organisations" ADD CONSTRAINT "decision_organisations_partnership_id_organisation_id_organisations_partnership_id_id_fk" FOREIGN KEY ("partnership_id","organisation_id") REFERENCES "public"."organisations"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_partnership_id_body_id_bodies_partnership_id_id_fk" FOREIGN KEY ("partnership_id","body_id") REFERENCES "public"."bodies"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_partnership_id_meeting_id_meetings_partnership_id_id_fk" FOREIGN KEY ("partnership_id","meeting_id") REFERENCES "public"."meetings"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_partnership_id_agenda_item_id_agenda_items_partnership_id_id_fk" FOREIGN KEY ("partnership_id","agenda_item_id") REFERENCES "public"."agenda_items"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_partnership_id_superseded_by_decision_id_decisions_partnership_id_id_fk" FOREIGN KEY ("partnership_id","superseded_by_decision_id") REFERENCES "public"."decisions"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_partnership_id_recommended_to_body_id_bodies_partnership_id_id_fk" FOREIGN KEY ("partnership_id","recommended_to_body_id") REFERENCES "public"."bodies"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forward_plan_entries" ADD CONSTRAINT "forward_plan_entries_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forward_plan_entries" ADD CONSTRAINT "forward_plan_entries_partnership_id_body_id_bodies_partnership_id_id_fk" FOREIGN KEY ("partnership_id","body_id") REFERENCES "public"."bodies"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forward_plan_entries" ADD CONSTRAINT "forward_plan_entries_partnership_id_target_meeting_id_meetings_partnership_id_id_fk" FOREIGN KEY ("partnership_id","target_meeting_id") REFERENCES "public"."meetings"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forward_plan_entries" ADD CONSTRAINT "forward_plan_entries_partnership_id_owner_person_id_people_partnership_id_id_fk" FOREIGN KEY ("partnership_id","owner_person_id") REFERENCES "public"."people"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forward_plan_entries" ADD CONSTRAINT "forward_plan_entries_partnership_id_source_decision_id_decisions_partnership_id_id_fk" FOREIGN KEY ("partnership_id","source_decision_id") REFERENCES "public"."decisions"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forward_plan_entries" ADD CONSTRAINT "forward_plan_entries_partnership_id_scheduled_agenda_item_id_agenda_items_partnership_id_id_fk" FOREIGN KEY ("partnership_id","scheduled_agenda_item_id") REFERENCES "public"."agenda_items"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interest_declarations" ADD CONSTRAINT "interest_declarations_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interest_declarations" ADD CONSTRAINT "interest_declarations_partnership_id_person_id_people_partnership_id_id_fk" FOREIGN KEY ("partnership_id","person_id") REFERENCES "public"."people"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interests" ADD CONSTRAINT "interests_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interests" ADD CONSTRAINT "interests_partnership_id_person_id_people_partnership_id_id_fk" FOREIGN KEY ("partnership_id","person_id") REFERENCES "public"."people"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interests" ADD CONSTRAINT "interests_partnership_id_organisation_id_organisations_partnership_id_id_fk" FOREIGN KEY ("partnership_id","organisation_id") REFERENCES "public"."organisations"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_declarations" ADD CONSTRAINT "meeting_declarations_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_declarations" ADD CONSTRAINT "meeting_declarations_partnership_id_meeting_id_meetings_partnership_id_id_fk" FOREIGN KEY ("partnership_id","meeting_id") REFERENCES "public"."meetings"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_declarations" ADD CONSTRAINT "meeting_declarations_partnership_id_agenda_item_id_agenda_items_partnership_id_id_fk" FOREIGN KEY ("partnership_id","agenda_item_id") REFERENCES "public"."agenda_items"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_declarations" ADD CONSTRAINT "meeting_declarations_partnership_id_person_id_people_partnership_id_id_fk" FOREIGN KEY ("partnership_id","person_id") REFERENCES "public"."people"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_declarations" ADD CONSTRAINT "meeting_declarations_partnership_id_interest_id_interests_partnership_id_id_fk" FOREIGN KEY ("partnership_id","interest_id") REFERENCES "public"."interests"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_item_bodies" ADD CONSTRAINT "agenda_item_bodies_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_item_bodies" ADD CONSTRAINT "agenda_item_bodies_partnership_id_agenda_item_id_agenda_items_partnership_id_id_fk" FOREIGN KEY ("partnership_id","agenda_item_id") REFERENCES "public"."agenda_items"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_item_bodies" ADD CONSTRAINT "agenda_item_bodies_partnership_id_body_id_bodies_partnership_id_id_fk" FOREIGN KEY ("partnership_id","body_id") REFERENCES "public"."bodies"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_item_organisations" ADD CONSTRAINT "agenda_item_organisations_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_item_organisations" ADD CONSTRAINT "agenda_item_organisations_partnership_id_agenda_item_id_agenda_items_partnership_id_id_fk" FOREIGN KEY ("partnership_id","agenda_item_id") REFERENCES "public"."agenda_items"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_item_organisations" ADD CONSTRAINT "agenda_item_organisations_partnership_id_organisation_id_organisations_partnership_id_id_fk" FOREIGN KEY ("partnership_id","organisation_id") REFERENCES "public"."organisations"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_item_presenters" ADD CONSTRAINT "agenda_item_presenters_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_item_presenters" ADD CONSTRAINT "agenda_item_presenters_partnership_id_agenda_item_id_agenda_items_partnership_id_id_fk" FOREIGN KEY ("partnership_id","agenda_item_id") REFERENCES "public"."agenda_items"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_item_presenters" ADD CONSTRAINT "agenda_item_presenters_partnership_id_person_id_people_partnership_id_id_fk" FOREIGN KEY ("partnership_id","person_id") REFERENCES "public"."people"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_partnership_id_meeting_id_meetings_partnership_id_id_fk" FOREIGN KEY ("partnership_id","meeting_id") REFERENCES "public"."meetings"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_partnership_id_parent_item_id_agenda_items_partnership_id_id_fk" FOREIGN KEY ("partnership_id","parent_item_id") REFERENCES "public"."agenda_items"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_template_items" ADD CONSTRAINT "agenda_template_items_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_template_items" ADD CONSTRAINT "agenda_template_items_partnership_id_body_id_bodies_partnership_id_id_fk" FOREIGN KEY ("partnership_id","body_id") REFERENCES "public"."bodies"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_partnership_id_meeting_id_meetings_partnership_id_id_fk" FOREIGN KEY ("partnership_id","meeting_id") REFERENCES "public"."meetings"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_partnership_id_person_id_people_partnership_id_id_fk" FOREIGN KEY ("partnership_id","person_id") REFERENCES "public"."people"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_partnership_id_deputy_for_person_id_people_partnership_id_id_fk" FOREIGN KEY ("partnership_id","deputy_for_person_id") REFERENCES "public"."people"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_minutes" ADD CONSTRAINT "item_minutes_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_minutes" ADD CONSTRAINT "item_minutes_partnership_id_agenda_item_id_agenda_items_partnership_id_id_fk" FOREIGN KEY ("partnership_id","agenda_item_id") REFERENCES "public"."agenda_items"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_partnership_id_body_id_bodies_partnership_id_id_fk" FOREIGN KEY ("partnership_id","body_id") REFERENCES "public"."bodies"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_versions" ADD CONSTRAINT "paper_versions_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_versions" ADD CONSTRAINT "paper_versions_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_versions" ADD CONSTRAINT "paper_versions_partnership_id_paper_id_papers_partnership_id_id_fk" FOREIGN KEY ("partnership_id","paper_id") REFERENCES "public"."papers"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "papers" ADD CONSTRAINT "papers_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "papers" ADD CONSTRAINT "papers_partnership_id_agenda_item_id_agenda_items_partnership_id_id_fk" FOREIGN KEY ("partnership_id","agenda_item_id") REFERENCES "public"."agenda_items"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_updates_action_idx" ON "action_updates" USING btree ("partnership_id","action_id","noted_on");--> statement-breakpoint
CREATE INDEX "actions_body_status_due_idx" ON "actions" USING btree ("partnership_id","body_id","status","due_on");--> statement-breakpoint
CREATE INDEX "actions_owner_idx" ON "actions" USING btree ("partnership_id","owner_person_id","status");--> statement-breakpoint
CREATE INDEX "actions_due_idx" ON "actions" USING btree ("partnership_id","due_on","id");--> statement-breakpoint
CREATE INDEX "decisions_body_date_idx" ON "decisions" USING btree ("partnership_id","body_id","decided_on");--> statement-breakpoint
CREATE INDEX "decisions_date_idx" ON "decisions" USING btree ("partnership_id","decided_on");--> statement-breakpoint
CREATE INDEX "decisions_item_idx" ON "decisions" USING btree ("partnership_id","agenda_item_id");--> statement-breakpoint
CREATE INDEX "forward_plan_body_idx" ON "forward_plan_entries" USING btree ("partnership_id","body_id","target_month");--> statement-breakpoint
CREATE INDEX "interest_declarations_person_idx" ON "interest_declarations" USING btree ("partnership_id","person_id","declared_on");--> statement-breakpoint
CREATE INDEX "interests_person_idx" ON "interests" USING btree ("partnership_id","person_id");--> statement-breakpoint
CREATE INDEX "interests_organisation_idx" ON "interests" USING btree ("partnership_id","organisation_id");--> statement-breakpoint
CREATE INDEX "meeting_declarations_item_idx" ON "meeting_declarations" USING btree ("partnership_id","agenda_item_id");--> statement-breakpoint
CREATE INDEX "agenda_item_organisations_org_idx" ON "agenda_item_organisations" USING btree ("partnership_id","organisation_id");--> statement-breakpoint
CREATE INDEX "agenda_items_meeting_idx" ON "agenda_items" USING btree ("partnership_id","meeting_id","position");--> statement-breakpoint
CREATE INDEX "agenda_template_body_idx" ON "agenda_template_items" USING btree ("partnership_id","body_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_person_key" ON "attendance" USING btree ("partnership_id","meeting_id","person_id");--> statement-breakpoint
CREATE INDEX "meetings_body_starts_idx" ON "meetings" USING btree ("partnership_id","body_id","starts_at");--> statement-breakpoint
CREATE INDEX "meetings_starts_idx" ON "meetings" USING btree ("partnership_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "paper_versions_number_key" ON "paper_versions" USING btree ("partnership_id","paper_id","version_number");--> statement-breakpoint
CREATE INDEX "papers_item_idx" ON "papers" USING btree ("partnership_id","agenda_item_id","position");