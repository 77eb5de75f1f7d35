CREATE TABLE "academic_sessions" (
	"sourced_id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"metadata" jsonb,
	"title" text NOT NULL,
	"start_date" text NOT NULL,
	"end_date" text NOT NULL,
	"type" text NOT NULL,
	"parent_sourced_id" text,
	"school_year" text NOT NULL,
	"org_sourced_id" text
);
--> statement-breakpoint
CREATE TABLE "classes" (
	"sourced_id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"metadata" jsonb,
	"title" text NOT NULL,
	"class_code" text,
	"class_type" text,
	"location" text,
	"grades" text[] DEFAULT '{}'::text[] NOT NULL,
	"subjects" text[] DEFAULT '{}'::text[] NOT NULL,
	"course_sourced_id" text NOT NULL,
	"school_sourced_id" text NOT NULL,
	"term_sourced_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"subject_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"periods" text[] DEFAULT '{}'::text[] NOT NULL,
	"resource_sourced_ids" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"sourced_id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"metadata" jsonb,
	"title" text NOT NULL,
	"school_year_sourced_id" text,
	"academic_session_sourced_id" text,
	"course_code" text,
	"grades" text[] DEFAULT '{}'::text[] NOT NULL,
	"subjects" text[] DEFAULT '{}'::text[] NOT NULL,
	"subject_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"org_sourced_id" text,
	"level" text,
	"grading_scheme" text,
	"resource_sourced_ids" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demographics" (
	"sourced_id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"metadata" jsonb,
	"birth_date" text,
	"sex" text,
	"american_indian_or_alaska_native" boolean,
	"asian" boolean,
	"black_or_african_american" boolean,
	"native_hawaiian_or_other_pacific_islander" boolean,
	"white" boolean,
	"demographic_race_two_or_more_races" boolean,
	"hispanic_or_latino_ethnicity" boolean,
	"country_of_birth_code" text,
	"state_of_birth_abbreviation" text,
	"city_of_birth" text,
	"public_school_residence_status" text
);
--> statement-breakpoint
CREATE TABLE "enrollments" (
	"sourced_id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"metadata" jsonb,
	"role" text NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"begin_date" text,
	"end_date" text,
	"user_sourced_id" text NOT NULL,
	"class_sourced_id" text NOT NULL,
	"school_sourced_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oauth_clients" (
	"client_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"secret_hash" text NOT NULL,
	"scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "orgs" (
	"sourced_id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"metadata" jsonb,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"identifier" text,
	"parent_sourced_id" text
);
--> statement-breakpoint
CREATE TABLE "server_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"purpose" text NOT NULL,
	"algorithm" text NOT NULL,
	"private_key" jsonb NOT NULL,
	"public_key" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "user_agents" (
	"user_sourced_id" text NOT NULL,
	"agent_sourced_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "user_agents_user_sourced_id_agent_sourced_id_pk" PRIMARY KEY("user_sourced_id","agent_sourced_id")
);
--> statement-breakpoint
CREATE TABLE "user_credentials" (
	"id" text PRIMARY KEY NOT NULL,
	"user_sourced_id" text NOT NULL,
	"user_profile_id" text NOT NULL,
	"application_name" text NOT NULL,
	"username" text NOT NULL,
	"password_ciphertext" text NOT NULL,
	"key_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_roles" (
	"user_sourced_id" text NOT NULL,
	"position" integer NOT NULL,
	"role_type" text NOT NULL,
	"role" text NOT NULL,
	"org_sourced_id" text NOT NULL,
	"user_profile" text,
	"begin_date" text,
	"end_date" text,
	"metadata" jsonb,
	CONSTRAINT "user_roles_user_sourced_id_position_pk" PRIMARY KEY("user_sourced_id","position")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"sourced_id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"metadata" jsonb,
	"user_master_identifier" text,
	"username" text,
	"user_ids" jsonb,
	"enabled_user" boolean DEFAULT true NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"middle_name" text,
	"preferred_first_name" text,
	"preferred_middle_name" text,
	"preferred_last_name" text,
	"pronouns" text,
	"primary_org_sourced_id" text,
	"identifier" text,
	"email" text,
	"sms" text,
	"phone" text,
	"password" text,
	"grades" text[] DEFAULT '{}'::text[] NOT NULL,
	"user_profiles" jsonb,
	"resource_sourced_ids" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clr_credentials" (
	"issuer_id" text NOT NULL,
	"credential_id" text NOT NULL,
	"subject_id" text,
	"owner_client_id" text NOT NULL,
	"document" jsonb NOT NULL,
	"valid_from" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clr_credentials_pk" PRIMARY KEY("issuer_id","credential_id")
);
--> statement-breakpoint
CREATE TABLE "clr_profile" (
	"key" text PRIMARY KEY NOT NULL,
	"did_method" text DEFAULT 'key' NOT NULL,
	"name" text NOT NULL,
	"url" text,
	"email" text,
	"image" jsonb,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_line_items" (
	"sourced_id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"metadata" jsonb,
	"title" text NOT NULL,
	"description" text,
	"class_sourced_id" text,
	"parent_sourced_id" text,
	"score_scale_sourced_id" text,
	"result_value_min" double precision,
	"result_value_max" double precision,
	"learning_objective_set" jsonb,
	"course_sourced_id" text,
	"component_sourced_id" text,
	"component_resource_sourced_id" text
);
--> statement-breakpoint
CREATE TABLE "assessment_results" (
	"sourced_id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"metadata" jsonb,
	"student_sourced_id" text NOT NULL,
	"score_scale_sourced_id" text,
	"score_status" text NOT NULL,
	"score" double precision,
	"text_score" text,
	"score_date" text NOT NULL,
	"comment" text,
	"learning_objective_set" jsonb,
	"in_progress" boolean,
	"incomplete" boolean,
	"late" boolean,
	"missing" boolean,
	"assessment_line_item_sourced_id" text NOT NULL,
	"score_percentile" double precision
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"sourced_id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"metadata" jsonb,
	"title" text NOT NULL,
	"weight" double precision
);
--> statement-breakpoint
CREATE TABLE "line_items" (
	"sourced_id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"metadata" jsonb,
	"title" text NOT NULL,
	"description" text,
	"assign_date" text NOT NULL,
	"due_date" text NOT NULL,
	"class_sourced_id" text NOT NULL,
	"school_sourced_id" text NOT NULL,
	"category_sourced_id" text NOT NULL,
	"grading_period_sourced_id" text,
	"academic_session_sourced_id" text,
	"score_scale_sourced_id" text,
	"result_value_min" double precision,
	"result_value_max" double precision,
	"learning_objective_set" jsonb
);
--> statement-breakpoint
CREATE TABLE "results" (
	"sourced_id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"metadata" jsonb,
	"student_sourced_id" text NOT NULL,
	"score_scale_sourced_id" text,
	"score_status" text NOT NULL,
	"score" double precision,
	"text_score" text,
	"score_date" text NOT NULL,
	"comment" text,
	"learning_objective_set" jsonb,
	"in_progress" boolean,
	"incomplete" boolean,
	"late" boolean,
	"missing" boolean,
	"line_item_sourced_id" text NOT NULL,
	"class_sourced_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "score_scales" (
	"sourced_id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"metadata" jsonb,
	"title" text NOT NULL,
	"type" text NOT NULL,
	"class_sourced_id" text NOT NULL,
	"course_sourced_id" text,
	"score_scale_value" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "component_resources" (
	"sourced_id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"metadata" jsonb,
	"course_component_sourced_id" text NOT NULL,
	"resource_sourced_id" text NOT NULL,
	"title" text NOT NULL,
	"sort_order" double precision DEFAULT 0 NOT NULL,
	"lesson_type" text
);
--> statement-breakpoint
CREATE TABLE "course_components" (
	"sourced_id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"metadata" jsonb,
	"course_sourced_id" text NOT NULL,
	"parent_sourced_id" text,
	"title" text NOT NULL,
	"sort_order" double precision DEFAULT 0 NOT NULL,
	"prerequisite_sourced_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"prerequisite_criteria" text,
	"unlock_date" text
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"sourced_id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"metadata" jsonb,
	"title" text,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"importance" text,
	"vendor_resource_id" text NOT NULL,
	"vendor_id" text,
	"application_id" text
);
--> statement-breakpoint
CREATE INDEX "academic_sessions_parent_idx" ON "academic_sessions" USING btree ("parent_sourced_id");--> statement-breakpoint
CREATE INDEX "academic_sessions_org_idx" ON "academic_sessions" USING btree ("org_sourced_id");--> statement-breakpoint
CREATE INDEX "academic_sessions_dlm_idx" ON "academic_sessions" USING btree ("date_last_modified");--> statement-breakpoint
CREATE INDEX "classes_course_idx" ON "classes" USING btree ("course_sourced_id");--> statement-breakpoint
CREATE INDEX "classes_school_idx" ON "classes" USING btree ("school_sourced_id");--> statement-breakpoint
CREATE INDEX "classes_terms_idx" ON "classes" USING gin ("term_sourced_ids");--> statement-breakpoint
CREATE INDEX "classes_dlm_idx" ON "classes" USING btree ("date_last_modified");--> statement-breakpoint
CREATE INDEX "courses_org_idx" ON "courses" USING btree ("org_sourced_id");--> statement-breakpoint
CREATE INDEX "courses_dlm_idx" ON "courses" USING btree ("date_last_modified");--> statement-breakpoint
CREATE INDEX "demographics_dlm_idx" ON "demographics" USING btree ("date_last_modified");--> statement-breakpoint
CREATE INDEX "enrollments_class_role_idx" ON "enrollments" USING btree ("class_sourced_id","role","user_sourced_id");--> statement-breakpoint
CREATE INDEX "enrollments_user_idx" ON "enrollments" USING btree ("user_sourced_id");--> statement-breakpoint
CREATE INDEX "enrollments_school_idx" ON "enrollments" USING btree ("school_sourced_id");--> statement-breakpoint
CREATE INDEX "enrollments_school_visible_idx" ON "enrollments" USING btree ("school_sourced_id","sourced_id") WHERE "enrollments"."status" <> 'tobedeleted';--> statement-breakpoint
CREATE INDEX "enrollments_dlm_idx" ON "enrollments" USING btree ("date_last_modified");--> statement-breakpoint
CREATE INDEX "orgs_parent_idx" ON "orgs" USING btree ("parent_sourced_id");--> statement-breakpoint
CREATE INDEX "orgs_dlm_idx" ON "orgs" USING btree ("date_last_modified");--> statement-breakpoint
CREATE INDEX "server_keys_purpose_idx" ON "server_keys" USING btree ("purpose","created_at");--> statement-breakpoint
CREATE INDEX "user_agents_agent_idx" ON "user_agents" USING btree ("agent_sourced_id");--> statement-breakpoint
CREATE INDEX "user_credentials_user_idx" ON "user_credentials" USING btree ("user_sourced_id");--> statement-breakpoint
CREATE INDEX "user_roles_role_org_idx" ON "user_roles" USING btree ("role","org_sourced_id","user_sourced_id");--> statement-breakpoint
CREATE INDEX "users_dlm_idx" ON "users" USING btree ("date_last_modified");--> statement-breakpoint
CREATE INDEX "users_email_lower_idx" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_visible_idx" ON "users" USING btree ("sourced_id") WHERE "users"."status" <> 'tobedeleted';--> statement-breakpoint
CREATE INDEX "clr_credentials_credential_idx" ON "clr_credentials" USING btree ("credential_id");--> statement-breakpoint
CREATE INDEX "clr_credentials_subject_idx" ON "clr_credentials" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "clr_credentials_owner_idx" ON "clr_credentials" USING btree ("owner_client_id","updated_at");--> statement-breakpoint
CREATE INDEX "clr_credentials_updated_idx" ON "clr_credentials" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "assessment_line_items_class_idx" ON "assessment_line_items" USING btree ("class_sourced_id");--> statement-breakpoint
CREATE INDEX "assessment_line_items_parent_idx" ON "assessment_line_items" USING btree ("parent_sourced_id");--> statement-breakpoint
CREATE INDEX "assessment_line_items_course_idx" ON "assessment_line_items" USING btree ("course_sourced_id");--> statement-breakpoint
CREATE INDEX "assessment_line_items_component_idx" ON "assessment_line_items" USING btree ("component_sourced_id");--> statement-breakpoint
CREATE INDEX "assessment_line_items_component_resource_idx" ON "assessment_line_items" USING btree ("component_resource_sourced_id");--> statement-breakpoint
CREATE INDEX "assessment_line_items_dlm_idx" ON "assessment_line_items" USING btree ("date_last_modified");--> statement-breakpoint
CREATE INDEX "assessment_results_line_item_idx" ON "assessment_results" USING btree ("assessment_line_item_sourced_id");--> statement-breakpoint
CREATE INDEX "assessment_results_student_line_item_idx" ON "assessment_results" USING btree ("student_sourced_id","assessment_line_item_sourced_id");--> statement-breakpoint
CREATE INDEX "assessment_results_dlm_idx" ON "assessment_results" USING btree ("date_last_modified");--> statement-breakpoint
CREATE INDEX "categories_dlm_idx" ON "categories" USING btree ("date_last_modified");--> statement-breakpoint
CREATE INDEX "line_items_class_idx" ON "line_items" USING btree ("class_sourced_id","category_sourced_id");--> statement-breakpoint
CREATE INDEX "line_items_school_idx" ON "line_items" USING btree ("school_sourced_id");--> statement-breakpoint
CREATE INDEX "line_items_category_idx" ON "line_items" USING btree ("category_sourced_id");--> statement-breakpoint
CREATE INDEX "line_items_dlm_idx" ON "line_items" USING btree ("date_last_modified");--> statement-breakpoint
CREATE INDEX "results_line_item_idx" ON "results" USING btree ("line_item_sourced_id");--> statement-breakpoint
CREATE INDEX "results_student_line_item_idx" ON "results" USING btree ("student_sourced_id","line_item_sourced_id");--> statement-breakpoint
CREATE INDEX "results_dlm_idx" ON "results" USING btree ("date_last_modified");--> statement-breakpoint
CREATE INDEX "score_scales_class_idx" ON "score_scales" USING btree ("class_sourced_id");--> statement-breakpoint
CREATE INDEX "score_scales_dlm_idx" ON "score_scales" USING btree ("date_last_modified");--> statement-breakpoint
CREATE INDEX "component_resources_component_idx" ON "component_resources" USING btree ("course_component_sourced_id","sort_order");--> statement-breakpoint
CREATE INDEX "component_resources_resource_idx" ON "component_resources" USING btree ("resource_sourced_id");--> statement-breakpoint
CREATE INDEX "component_resources_dlm_idx" ON "component_resources" USING btree ("date_last_modified");--> statement-breakpoint
CREATE INDEX "course_components_course_idx" ON "course_components" USING btree ("course_sourced_id","sort_order");--> statement-breakpoint
CREATE INDEX "course_components_parent_idx" ON "course_components" USING btree ("parent_sourced_id");--> statement-breakpoint
CREATE INDEX "course_components_dlm_idx" ON "course_components" USING btree ("date_last_modified");--> statement-breakpoint
CREATE INDEX "resources_vendor_resource_idx" ON "resources" USING btree ("vendor_resource_id");--> statement-breakpoint
CREATE INDEX "resources_dlm_idx" ON "resources" USING btree ("date_last_modified");