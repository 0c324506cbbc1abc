CREATE TYPE "public"."board_update_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TYPE "public"."highlight_report_status" AS ENUM('draft', 'submitted', 'returned', 'reviewed');--> statement-breakpoint
CREATE TYPE "public"."rag" AS ENUM('red', 'amber', 'green');--> statement-breakpoint
CREATE TYPE "public"."milestone_status" AS ENUM('not_started', 'on_track', 'at_risk', 'late', 'complete');--> statement-breakpoint
CREATE TYPE "public"."product_status" AS ENUM('planned', 'delivered');--> statement-breakpoint
CREATE TYPE "public"."budget_line_kind" AS ENUM('revenue', 'capital');--> statement-breakpoint
CREATE TYPE "public"."plan_status" AS ENUM('draft', 'submitted', 'approved', 'revised');--> statement-breakpoint
CREATE TYPE "public"."decision_effect_kind" AS ENUM('approves_plan', 'changes_budget', 'changes_milestone', 'changes_risk');--> statement-breakpoint
CREATE TYPE "public"."issue_priority" AS ENUM('low', 'medium', 'high', 'critical');--> statement-breakpoint
CREATE TYPE "public"."issue_status" AS ENUM('open', 'resolved', 'closed');--> statement-breakpoint
CREATE TYPE "public"."risk_status" AS ENUM('open', 'closed', 'occurred');--> statement-breakpoint
CREATE TYPE "public"."contribution_level" AS ENUM('none', 'some', 'major');--> statement-breakpoint
CREATE TYPE "public"."workstream_status" AS ENUM('proposed', 'active', 'closed');--> statement-breakpoint
CREATE TABLE "board_update_versions" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"board_update_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"markdown" text NOT NULL,
	"change_note" text DEFAULT '' NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by_name" text NOT NULL,
	CONSTRAINT "board_update_versions_partnership_id_id_pk" PRIMARY KEY("partnership_id","id")
);
--> statement-breakpoint
CREATE TABLE "board_updates" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"markdown" text NOT NULL,
	"status" "board_update_status" DEFAULT 'draft' NOT NULL,
	"first_published_at" timestamp with time zone,
	"last_published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "board_updates_partnership_id_id_pk" PRIMARY KEY("partnership_id","id")
);
--> statement-breakpoint
CREATE TABLE "highlight_reports" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"workstream_id" uuid NOT NULL,
	"month" date NOT NULL,
	"status" "highlight_report_status" DEFAULT 'draft' NOT NULL,
	"overall_rag" "rag",
	"overall_reason" text,
	"schedule_rag" "rag",
	"schedule_reason" text,
	"finance_rag" "rag",
	"finance_reason" text,
	"risk_rag" "rag",
	"risk_reason" text,
	"achievements" text DEFAULT '' NOT NULL,
	"next_period" text DEFAULT '' NOT NULL,
	"milestones_due" text DEFAULT '' NOT NULL,
	"escalations" text DEFAULT '' NOT NULL,
	"is_example" boolean DEFAULT false NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by_name" text,
	"reviewed_at" timestamp with time zone,
	"reviewed_by_name" text,
	"review_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "highlight_reports_partnership_id_id_pk" PRIMARY KEY("partnership_id","id"),
	CONSTRAINT "highlight_reports_first_day" CHECK (extract(day from "highlight_reports"."month") = 1),
	CONSTRAINT "highlight_reports_overall_reason" CHECK ("highlight_reports"."overall_rag" is null or "highlight_reports"."overall_rag" = 'green' or coalesce(btrim("highlight_reports"."overall_reason"), '') <> ''),
	CONSTRAINT "highlight_reports_schedule_reason" CHECK ("highlight_reports"."schedule_rag" is null or "highlight_reports"."schedule_rag" = 'green' or coalesce(btrim("highlight_reports"."schedule_reason"), '') <> ''),
	CONSTRAINT "highlight_reports_finance_reason" CHECK ("highlight_reports"."finance_rag" is null or "highlight_reports"."finance_rag" = 'green' or coalesce(btrim("highlight_reports"."finance_reason"), '') <> ''),
	CONSTRAINT "highlight_reports_risk_reason" CHECK ("highlight_reports"."risk_rag" is null or "highlight_reports"."risk_rag" = 'green' or coalesce(btrim("highlight_reports"."risk_reason"), '') <> ''),
	CONSTRAINT "highlight_reports_submitted_rated" CHECK ("highlight_reports"."status" = 'draft' or ("highlight_reports"."overall_rag" is not null and "highlight_reports"."schedule_rag" is not null and "highlight_reports"."finance_rag" is not null and "highlight_reports"."risk_rag" is not null))
);
--> statement-breakpoint
CREATE TABLE "maturity_assessments" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"framework_id" uuid NOT NULL,
	"organisation_id" uuid,
	"area_name" text,
	"assessed_on" date NOT NULL,
	"assessor_person_id" uuid,
	"assessor_name" text NOT NULL,
	"method" text DEFAULT 'self' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"is_example" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "maturity_assessments_partnership_id_id_pk" PRIMARY KEY("partnership_id","id"),
	CONSTRAINT "maturity_assessments_subject" CHECK (("maturity_assessments"."organisation_id" is null) <> (coalesce(btrim("maturity_assessments"."area_name"), '') = ''))
);
--> statement-breakpoint
CREATE TABLE "maturity_descriptors" (
	"partnership_id" uuid NOT NULL,
	"dimension_id" uuid NOT NULL,
	"level_id" uuid NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "maturity_descriptors_partnership_id_dimension_id_level_id_pk" PRIMARY KEY("partnership_id","dimension_id","level_id")
);
--> statement-breakpoint
CREATE TABLE "maturity_dimensions" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"framework_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	CONSTRAINT "maturity_dimensions_partnership_id_id_pk" PRIMARY KEY("partnership_id","id")
);
--> statement-breakpoint
CREATE TABLE "maturity_frameworks" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"workstream_id" uuid,
	"published" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "maturity_frameworks_partnership_id_id_pk" PRIMARY KEY("partnership_id","id")
);
--> statement-breakpoint
CREATE TABLE "maturity_levels" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"framework_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"title" text NOT NULL,
	CONSTRAINT "maturity_levels_partnership_id_id_pk" PRIMARY KEY("partnership_id","id"),
	CONSTRAINT "maturity_levels_rank" CHECK ("maturity_levels"."rank" >= 1)
);
--> statement-breakpoint
CREATE TABLE "maturity_ratings" (
	"partnership_id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"dimension_id" uuid NOT NULL,
	"level_id" uuid NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	CONSTRAINT "maturity_ratings_partnership_id_assessment_id_dimension_id_pk" PRIMARY KEY("partnership_id","assessment_id","dimension_id")
);
--> statement-breakpoint
CREATE TABLE "milestones" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"workstream_id" uuid NOT NULL,
	"plan_id" uuid,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"baseline_on" date NOT NULL,
	"forecast_on" date,
	"actual_on" date,
	"status" "milestone_status" DEFAULT 'not_started' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"is_example" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "milestones_partnership_id_id_pk" PRIMARY KEY("partnership_id","id"),
	CONSTRAINT "milestones_complete_has_actual" CHECK ("milestones"."status" <> 'complete' or "milestones"."actual_on" is not null)
);
--> statement-breakpoint
CREATE TABLE "products" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"workstream_id" uuid NOT NULL,
	"plan_id" uuid,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" "product_status" DEFAULT 'planned' NOT NULL,
	"planned_on" date,
	"delivered_on" date,
	"evidence_url" text,
	"is_example" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_partnership_id_id_pk" PRIMARY KEY("partnership_id","id"),
	CONSTRAINT "products_delivered_has_date" CHECK ("products"."status" <> 'delivered' or "products"."delivered_on" is not null)
);
--> statement-breakpoint
CREATE TABLE "budget_line_months" (
	"partnership_id" uuid NOT NULL,
	"budget_line_id" uuid NOT NULL,
	"month" date NOT NULL,
	"planned_pence" bigint DEFAULT 0 NOT NULL,
	"actual_pence" bigint,
	"forecast_pence" bigint,
	CONSTRAINT "budget_line_months_partnership_id_budget_line_id_month_pk" PRIMARY KEY("partnership_id","budget_line_id","month"),
	CONSTRAINT "budget_line_months_first_day" CHECK (extract(day from "budget_line_months"."month") = 1),
	CONSTRAINT "budget_line_months_range" CHECK (abs("budget_line_months"."planned_pence") < 9000000000000 and abs(coalesce("budget_line_months"."actual_pence", 0)) < 9000000000000 and abs(coalesce("budget_line_months"."forecast_pence", 0)) < 9000000000000)
);
--> statement-breakpoint
CREATE TABLE "budget_lines" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"description" text NOT NULL,
	"kind" "budget_line_kind" NOT NULL,
	"funding_source" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_lines_partnership_id_id_pk" PRIMARY KEY("partnership_id","id")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"workstream_id" uuid NOT NULL,
	"financial_year" integer NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"status" "plan_status" DEFAULT 'draft' NOT NULL,
	"objectives" text DEFAULT '' NOT NULL,
	"planned_products" text DEFAULT '' NOT NULL,
	"is_example" boolean DEFAULT false NOT NULL,
	"submitted_at" timestamp with time zone,
	"approved_on" date,
	"approved_by_decision_id" uuid,
	"revised_from_plan_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_partnership_id_id_pk" PRIMARY KEY("partnership_id","id"),
	CONSTRAINT "plans_financial_year" CHECK ("plans"."financial_year" between 2000 and 2100),
	CONSTRAINT "plans_approved_by" CHECK ("plans"."status" not in ('approved') or "plans"."approved_on" is not null)
);
--> statement-breakpoint
CREATE TABLE "decision_effects" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"workstream_id" uuid NOT NULL,
	"kind" "decision_effect_kind" NOT NULL,
	"plan_id" uuid,
	"milestone_id" uuid,
	"risk_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decision_effects_partnership_id_id_pk" PRIMARY KEY("partnership_id","id"),
	CONSTRAINT "decision_effects_target" CHECK (("decision_effects"."kind" in ('approves_plan', 'changes_budget') and "decision_effects"."plan_id" is not null)
       or ("decision_effects"."kind" = 'changes_milestone' and "decision_effects"."milestone_id" is not null)
       or ("decision_effects"."kind" = 'changes_risk' and "decision_effects"."risk_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "programme_issues" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"reference" integer NOT NULL,
	"workstream_id" uuid,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"impact" text DEFAULT '' NOT NULL,
	"priority" "issue_priority" DEFAULT 'medium' NOT NULL,
	"owner_person_id" uuid,
	"raised_from_risk_id" uuid,
	"raised_on" date NOT NULL,
	"status" "issue_status" DEFAULT 'open' NOT NULL,
	"resolution" text,
	"resolved_on" date,
	"escalated_to_body_id" uuid,
	"published" boolean DEFAULT false NOT NULL,
	"is_example" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_issues_partnership_id_id_pk" PRIMARY KEY("partnership_id","id"),
	CONSTRAINT "programme_issues_resolution" CHECK ("programme_issues"."status" = 'open' or coalesce(btrim("programme_issues"."resolution"), '') <> '')
);
--> statement-breakpoint
CREATE TABLE "risk_bands" (
	"partnership_id" uuid PRIMARY KEY NOT NULL,
	"moderate_from" integer DEFAULT 4 NOT NULL,
	"high_from" integer DEFAULT 8 NOT NULL,
	"extreme_from" integer DEFAULT 15 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_bands_order" CHECK (1 < "risk_bands"."moderate_from" and "risk_bands"."moderate_from" < "risk_bands"."high_from" and "risk_bands"."high_from" < "risk_bands"."extreme_from" and "risk_bands"."extreme_from" <= 25)
);
--> statement-breakpoint
CREATE TABLE "risk_reviews" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"risk_id" uuid NOT NULL,
	"reviewed_on" date NOT NULL,
	"likelihood" integer NOT NULL,
	"consequence" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"decision_id" uuid,
	"recorded_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_reviews_partnership_id_id_pk" PRIMARY KEY("partnership_id","id"),
	CONSTRAINT "risk_reviews_likelihood" CHECK ("risk_reviews"."likelihood" between 1 and 5),
	CONSTRAINT "risk_reviews_consequence" CHECK ("risk_reviews"."consequence" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "risks" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"reference" integer NOT NULL,
	"workstream_id" uuid,
	"title" text NOT NULL,
	"cause" text DEFAULT '' NOT NULL,
	"event" text DEFAULT '' NOT NULL,
	"effect" text DEFAULT '' NOT NULL,
	"owner_person_id" uuid,
	"category" text DEFAULT '' NOT NULL,
	"inherent_likelihood" integer NOT NULL,
	"inherent_consequence" integer NOT NULL,
	"current_likelihood" integer NOT NULL,
	"current_consequence" integer NOT NULL,
	"target_likelihood" integer NOT NULL,
	"target_consequence" integer NOT NULL,
	"controls" text DEFAULT '' NOT NULL,
	"assurances" text DEFAULT '' NOT NULL,
	"review_on" date,
	"status" "risk_status" DEFAULT 'open' NOT NULL,
	"escalated_to_body_id" uuid,
	"published" boolean DEFAULT false NOT NULL,
	"is_example" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risks_partnership_id_id_pk" PRIMARY KEY("partnership_id","id"),
	CONSTRAINT "risks_inherent_likelihood" CHECK ("risks"."inherent_likelihood" between 1 and 5),
	CONSTRAINT "risks_inherent_consequence" CHECK ("risks"."inherent_consequence" between 1 and 5),
	CONSTRAINT "risks_current_likelihood" CHECK ("risks"."current_likelihood" between 1 and 5),
	CONSTRAINT "risks_current_consequence" CHECK ("risks"."current_consequence" between 1 and 5),
	CONSTRAINT "risks_target_likelihood" CHECK ("risks"."target_likelihood" between 1 and 5),
	CONSTRAINT "risks_target_consequence" CHECK ("risks"."target_consequence" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "agenda_item_workstreams" (
	"partnership_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"workstream_id" uuid NOT NULL,
	CONSTRAINT "agenda_item_workstreams_partnership_id_agenda_item_id_workstream_id_pk" PRIMARY KEY("partnership_id","agenda_item_id","workstream_id")
);
--> statement-breakpoint
CREATE TABLE "decision_workstreams" (
	"partnership_id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"workstream_id" uuid NOT NULL,
	CONSTRAINT "decision_workstreams_partnership_id_decision_id_workstream_id_pk" PRIMARY KEY("partnership_id","decision_id","workstream_id")
);
--> statement-breakpoint
CREATE TABLE "workstream_contributors" (
	"partnership_id" uuid NOT NULL,
	"workstream_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "workstream_contributors_partnership_id_workstream_id_user_id_pk" PRIMARY KEY("partnership_id","workstream_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "workstream_leads" (
	"partnership_id" uuid NOT NULL,
	"workstream_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"role_label" text,
	CONSTRAINT "workstream_leads_partnership_id_workstream_id_person_id_pk" PRIMARY KEY("partnership_id","workstream_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "workstream_objectives" (
	"partnership_id" uuid NOT NULL,
	"workstream_id" uuid NOT NULL,
	"objective_id" uuid NOT NULL,
	"level" "contribution_level" NOT NULL,
	"rationale" text DEFAULT '' NOT NULL,
	CONSTRAINT "workstream_objectives_partnership_id_workstream_id_objective_id_pk" PRIMARY KEY("partnership_id","workstream_id","objective_id")
);
--> statement-breakpoint
CREATE TABLE "workstream_organisations" (
	"partnership_id" uuid NOT NULL,
	"workstream_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "workstream_organisations_partnership_id_workstream_id_organisation_id_pk" PRIMARY KEY("partnership_id","workstream_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "workstreams" (
	"partnership_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"sro_person_id" uuid,
	"overseeing_body_id" uuid,
	"status" "workstream_status" DEFAULT 'proposed' NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workstreams_partnership_id_id_pk" PRIMARY KEY("partnership_id","id")
);
--> statement-breakpoint
ALTER TABLE "actions" ADD COLUMN "workstream_id" uuid;--> statement-breakpoint
ALTER TABLE "actions" ADD COLUMN "risk_id" uuid;--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "slug" text;--> statement-breakpoint
ALTER TABLE "board_update_versions" ADD CONSTRAINT "board_update_versions_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_update_versions" ADD CONSTRAINT "board_update_versions_partnership_id_board_update_id_board_updates_partnership_id_id_fk" FOREIGN KEY ("partnership_id","board_update_id") REFERENCES "public"."board_updates"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_updates" ADD CONSTRAINT "board_updates_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_updates" ADD CONSTRAINT "board_updates_partnership_id_meeting_id_meetings_partnership_id_id_fk" FOREIGN KEY ("partnership_id","meeting_id") REFERENCES "public"."meetings"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_updates" ADD CONSTRAINT "board_updates_partnership_id_body_id_bodies_partnership_id_id_fk" FOREIGN KEY ("partnership_id","body_id") REFERENCES "public"."bodies"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "highlight_reports" ADD CONSTRAINT "highlight_reports_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "highlight_reports" ADD CONSTRAINT "highlight_reports_partnership_id_workstream_id_workstreams_partnership_id_id_fk" FOREIGN KEY ("partnership_id","workstream_id") REFERENCES "public"."workstreams"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_assessments" ADD CONSTRAINT "maturity_assessments_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_assessments" ADD CONSTRAINT "maturity_assessments_partnership_id_framework_id_maturity_frameworks_partnership_id_id_fk" FOREIGN KEY ("partnership_id","framework_id") REFERENCES "public"."maturity_frameworks"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_assessments" ADD CONSTRAINT "maturity_assessments_partnership_id_organisation_id_organisations_partnership_id_id_fk" FOREIGN KEY ("partnership_id","organisation_id") REFERENCES "public"."organisations"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_assessments" ADD CONSTRAINT "maturity_assessments_partnership_id_assessor_person_id_people_partnership_id_id_fk" FOREIGN KEY ("partnership_id","assessor_person_id") REFERENCES "public"."people"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_descriptors" ADD CONSTRAINT "maturity_descriptors_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_descriptors" ADD CONSTRAINT "maturity_descriptors_partnership_id_dimension_id_maturity_dimensions_partnership_id_id_fk" FOREIGN KEY ("partnership_id","dimension_id") REFERENCES "public"."maturity_dimensions"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_descriptors" ADD CONSTRAINT "maturity_descriptors_partnership_id_level_id_maturity_levels_partnership_id_id_fk" FOREIGN KEY ("partnership_id","level_id") REFERENCES "public"."maturity_levels"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_dimensions" ADD CONSTRAINT "maturity_dimensions_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_dimensions" ADD CONSTRAINT "maturity_dimensions_partnership_id_framework_id_maturity_frameworks_partnership_id_id_fk" FOREIGN KEY ("partnership_id","framework_id") REFERENCES "public"."maturity_frameworks"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_frameworks" ADD CONSTRAINT "maturity_frameworks_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_frameworks" ADD CONSTRAINT "maturity_frameworks_partnership_id_workstream_id_workstreams_partnership_id_id_fk" FOREIGN KEY ("partnership_id","workstream_id") REFERENCES "public"."workstreams"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_levels" ADD CONSTRAINT "maturity_levels_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_levels" ADD CONSTRAINT "maturity_levels_partnership_id_framework_id_maturity_frameworks_partnership_id_id_fk" FOREIGN KEY ("partnership_id","framework_id") REFERENCES "public"."maturity_frameworks"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_ratings" ADD CONSTRAINT "maturity_ratings_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_ratings" ADD CONSTRAINT "maturity_ratings_partnership_id_assessment_id_maturity_assessments_partnership_id_id_fk" FOREIGN KEY ("partnership_id","assessment_id") REFERENCES "public"."maturity_assessments"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_ratings" ADD CONSTRAINT "maturity_ratings_partnership_id_dimension_id_maturity_dimensions_partnership_id_id_fk" FOREIGN KEY ("partnership_id","dimension_id") REFERENCES "public"."maturity_dimensions"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_ratings" ADD CONSTRAINT "maturity_ratings_partnership_id_level_id_maturity_levels_partnership_id_id_fk" FOREIGN KEY ("partnership_id","level_id") REFERENCES "public"."maturity_levels"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_partnership_id_workstream_id_workstreams_partnership_id_id_fk" FOREIGN KEY ("partnership_id","workstream_id") REFERENCES "public"."workstreams"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_partnership_id_plan_id_plans_partnership_id_id_fk" FOREIGN KEY ("partnership_id","plan_id") REFERENCES "public"."plans"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_partnership_id_workstream_id_workstreams_partnership_id_id_fk" FOREIGN KEY ("partnership_id","workstream_id") REFERENCES "public"."workstreams"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_partnership_id_plan_id_plans_partnership_id_id_fk" FOREIGN KEY ("partnership_id","plan_id") REFERENCES "public"."plans"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_line_months" ADD CONSTRAINT "budget_line_months_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_line_months" ADD CONSTRAINT "budget_line_months_partnership_id_budget_line_id_budget_lines_partnership_id_id_fk" FOREIGN KEY ("partnership_id","budget_line_id") REFERENCES "public"."budget_lines"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_lines" ADD CONSTRAINT "budget_lines_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_lines" ADD CONSTRAINT "budget_lines_partnership_id_plan_id_plans_partnership_id_id_fk" FOREIGN KEY ("partnership_id","plan_id") REFERENCES "public"."plans"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_partnership_id_workstream_id_workstreams_partnership_id_id_fk" FOREIGN KEY ("partnership_id","workstream_id") REFERENCES "public"."workstreams"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_partnership_id_approved_by_decision_id_decisions_partnership_id_id_fk" FOREIGN KEY ("partnership_id","approved_by_decision_id") REFERENCES "public"."decisions"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_partnership_id_revised_from_plan_id_plans_partnership_id_id_fk" FOREIGN KEY ("partnership_id","revised_from_plan_id") REFERENCES "public"."plans"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_effects" ADD CONSTRAINT "decision_effects_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_effects" ADD CONSTRAINT "decision_effects_partnership_id_decision_id_decisions_partnership_id_id_fk" FOREIGN KEY ("partnership_id","decision_id") REFERENCES "public"."decisions"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_effects" ADD CONSTRAINT "decision_effects_partnership_id_workstream_id_workstreams_partnership_id_id_fk" FOREIGN KEY ("partnership_id","workstream_id") REFERENCES "public"."workstreams"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_effects" ADD CONSTRAINT "decision_effects_partnership_id_plan_id_plans_partnership_id_id_fk" FOREIGN KEY ("partnership_id","plan_id") REFERENCES "public"."plans"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_effects" ADD CONSTRAINT "decision_effects_partnership_id_milestone_id_milestones_partnership_id_id_fk" FOREIGN KEY ("partnership_id","milestone_id") REFERENCES "public"."milestones"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_effects" ADD CONSTRAINT "decision_effects_partnership_id_risk_id_risks_partnership_id_id_fk" FOREIGN KEY ("partnership_id","risk_id") REFERENCES "public"."risks"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_issues" ADD CONSTRAINT "programme_issues_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_issues" ADD CONSTRAINT "programme_issues_partnership_id_workstream_id_workstreams_partnership_id_id_fk" FOREIGN KEY ("partnership_id","workstream_id") REFERENCES "public"."workstreams"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_issues" ADD CONSTRAINT "programme_issues_partnership_id_owner_person_id_people_partnership_id_id_fk" FOREIGN KEY ("partnership_id","owner_person_id") REFERENCES "public"."people"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_issues" ADD CONSTRAINT "programme_issues_partnership_id_raised_from_risk_id_risks_partnership_id_id_fk" FOREIGN KEY ("partnership_id","raised_from_risk_id") REFERENCES "public"."risks"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_issues" ADD CONSTRAINT "programme_issues_partnership_id_escalated_to_body_id_bodies_partnership_id_id_fk" FOREIGN KEY ("partnership_id","escalated_to_body_id") REFERENCES "public"."bodies"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_bands" ADD CONSTRAINT "risk_bands_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_reviews" ADD CONSTRAINT "risk_reviews_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_reviews" ADD CONSTRAINT "risk_reviews_partnership_id_risk_id_risks_partnership_id_id_fk" FOREIGN KEY ("partnership_id","risk_id") REFERENCES "public"."risks"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_reviews" ADD CONSTRAINT "risk_reviews_partnership_id_decision_id_decisions_partnership_id_id_fk" FOREIGN KEY ("partnership_id","decision_id") REFERENCES "public"."decisions"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_partnership_id_workstream_id_workstreams_partnership_id_id_fk" FOREIGN KEY ("partnership_id","workstream_id") REFERENCES "public"."workstreams"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_partnership_id_owner_person_id_people_partnership_id_id_fk" FOREIGN KEY ("partnership_id","owner_person_id") REFERENCES "public"."people"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_partnership_id_escalated_to_body_id_bodies_partnership_id_id_fk" FOREIGN KEY ("partnership_id","escalated_to_body_id") REFERENCES "public"."bodies"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_item_workstreams" ADD CONSTRAINT "agenda_item_workstreams_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_item_workstreams" ADD CONSTRAINT "agenda_item_workstreams_partnership_id_agenda_item_id_agenda_items_partnership_id_id_fk" FOREIGN KEY ("partnership_id","agenda_item_id") REFERENCES "public"."agenda_items"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_item_workstreams" ADD CONSTRAINT "agenda_item_workstreams_partnership_id_workstream_id_workstreams_partnership_id_id_fk" FOREIGN KEY ("partnership_id","workstream_id") REFERENCES "public"."workstreams"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_workstreams" ADD CONSTRAINT "decision_workstreams_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_workstreams" ADD CONSTRAINT "decision_workstreams_partnership_id_decision_id_decisions_partnership_id_id_fk" FOREIGN KEY ("partnership_id","decision_id") REFERENCES "public"."decisions"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_workstreams" ADD CONSTRAINT "decision_workstreams_partnership_id_workstream_id_workstreams_partnership_id_id_fk" FOREIGN KEY ("partnership_id","workstream_id") REFERENCES "public"."workstreams"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstream_contributors" ADD CONSTRAINT "workstream_contributors_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstream_contributors" ADD CONSTRAINT "workstream_contributors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstream_contributors" ADD CONSTRAINT "workstream_contributors_partnership_id_workstream_id_workstreams_partnership_id_id_fk" FOREIGN KEY ("partnership_id","workstream_id") REFERENCES "public"."workstreams"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstream_leads" ADD CONSTRAINT "workstream_leads_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstream_leads" ADD CONSTRAINT "workstream_leads_partnership_id_workstream_id_workstreams_partnership_id_id_fk" FOREIGN KEY ("partnership_id","workstream_id") REFERENCES "public"."workstreams"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstream_leads" ADD CONSTRAINT "workstream_leads_partnership_id_person_id_people_partnership_id_id_fk" FOREIGN KEY ("partnership_id","person_id") REFERENCES "public"."people"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstream_objectives" ADD CONSTRAINT "workstream_objectives_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstream_objectives" ADD CONSTRAINT "workstream_objectives_partnership_id_workstream_id_workstreams_partnership_id_id_fk" FOREIGN KEY ("partnership_id","workstream_id") REFERENCES "public"."workstreams"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstream_objectives" ADD CONSTRAINT "workstream_objectives_partnership_id_objective_id_partnership_objectives_partnership_id_id_fk" FOREIGN KEY ("partnership_id","objective_id") REFERENCES "public"."partnership_objectives"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstream_organisations" ADD CONSTRAINT "workstream_organisations_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstream_organisations" ADD CONSTRAINT "workstream_organisations_partnership_id_workstream_id_workstreams_partnership_id_id_fk" FOREIGN KEY ("partnership_id","workstream_id") REFERENCES "public"."workstreams"("partnership_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstream_organisations" ADD CONSTRAINT "workstream_organisations_partnership_id_organisation_id_organisations_partnership_id_id_fk" FOREIGN KEY ("partnership_id","organisation_id") REFERENCES "public"."organisations"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstreams" ADD CONSTRAINT "workstreams_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstreams" ADD CONSTRAINT "workstreams_partnership_id_sro_person_id_people_partnership_id_id_fk" FOREIGN KEY ("partnership_id","sro_person_id") REFERENCES "public"."people"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstreams" ADD CONSTRAINT "workstreams_partnership_id_overseeing_body_id_bodies_partnership_id_id_fk" FOREIGN KEY ("partnership_id","overseeing_body_id") REFERENCES "public"."bodies"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "board_update_versions_number_key" ON "board_update_versions" USING btree ("partnership_id","board_update_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "board_updates_meeting_key" ON "board_updates" USING btree ("partnership_id","meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "board_updates_slug_key" ON "board_updates" USING btree ("partnership_id","slug");--> statement-breakpoint
CREATE INDEX "board_updates_published_idx" ON "board_updates" USING btree ("partnership_id","first_published_at") WHERE "board_updates"."status" = 'published';--> statement-breakpoint
CREATE UNIQUE INDEX "highlight_reports_month_key" ON "highlight_reports" USING btree ("partnership_id","workstream_id","month");--> statement-breakpoint
CREATE INDEX "highlight_reports_month_idx" ON "highlight_reports" USING btree ("partnership_id","month");--> statement-breakpoint
CREATE INDEX "maturity_assessments_subject_idx" ON "maturity_assessments" USING btree ("partnership_id","framework_id","organisation_id","area_name","assessed_on");--> statement-breakpoint
CREATE INDEX "maturity_dimensions_framework_idx" ON "maturity_dimensions" USING btree ("partnership_id","framework_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "maturity_levels_rank_key" ON "maturity_levels" USING btree ("partnership_id","framework_id","rank");--> statement-breakpoint
CREATE INDEX "milestones_workstream_idx" ON "milestones" USING btree ("partnership_id","workstream_id","baseline_on");--> statement-breakpoint
CREATE INDEX "milestones_due_idx" ON "milestones" USING btree ("partnership_id","forecast_on") WHERE "milestones"."status" <> 'complete';--> statement-breakpoint
CREATE INDEX "products_workstream_idx" ON "products" USING btree ("partnership_id","workstream_id","delivered_on");--> statement-breakpoint
CREATE INDEX "budget_lines_plan_idx" ON "budget_lines" USING btree ("partnership_id","plan_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_revision_key" ON "plans" USING btree ("partnership_id","workstream_id","financial_year","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_current_key" ON "plans" USING btree ("partnership_id","workstream_id","financial_year") WHERE "plans"."status" <> 'revised';--> statement-breakpoint
CREATE INDEX "plans_year_idx" ON "plans" USING btree ("partnership_id","financial_year");--> statement-breakpoint
CREATE INDEX "decision_effects_decision_idx" ON "decision_effects" USING btree ("partnership_id","decision_id");--> statement-breakpoint
CREATE INDEX "decision_effects_workstream_idx" ON "decision_effects" USING btree ("partnership_id","workstream_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_issues_reference_key" ON "programme_issues" USING btree ("partnership_id","reference");--> statement-breakpoint
CREATE INDEX "programme_issues_workstream_idx" ON "programme_issues" USING btree ("partnership_id","workstream_id","status");--> statement-breakpoint
CREATE INDEX "risk_reviews_risk_idx" ON "risk_reviews" USING btree ("partnership_id","risk_id","reviewed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "risks_reference_key" ON "risks" USING btree ("partnership_id","reference");--> statement-breakpoint
CREATE INDEX "risks_workstream_idx" ON "risks" USING btree ("partnership_id","workstream_id","status");--> statement-breakpoint
CREATE INDEX "risks_current_score_idx" ON "risks" USING btree ("partnership_id",("current_likelihood" * "current_consequence") desc) WHERE "risks"."status" = 'open';--> statement-breakpoint
CREATE INDEX "agenda_item_workstreams_ws_idx" ON "agenda_item_workstreams" USING btree ("partnership_id","workstream_id");--> statement-breakpoint
CREATE INDEX "decision_workstreams_ws_idx" ON "decision_workstreams" USING btree ("partnership_id","workstream_id");--> statement-breakpoint
CREATE INDEX "workstream_contributors_user_idx" ON "workstream_contributors" USING btree ("partnership_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workstreams_slug_key" ON "workstreams" USING btree ("partnership_id","slug");--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_partnership_id_workstream_id_workstreams_partnership_id_id_fk" FOREIGN KEY ("partnership_id","workstream_id") REFERENCES "public"."workstreams"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_partnership_id_risk_id_risks_partnership_id_id_fk" FOREIGN KEY ("partnership_id","risk_id") REFERENCES "public"."risks"("partnership_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "actions_workstream_status_due_idx" ON "actions" USING btree ("partnership_id","workstream_id","status","due_on","id");--> statement-breakpoint
CREATE INDEX "actions_risk_idx" ON "actions" USING btree ("partnership_id","risk_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bodies_slug_key" ON "bodies" USING btree ("partnership_id","slug") WHERE "bodies"."slug" is not null;