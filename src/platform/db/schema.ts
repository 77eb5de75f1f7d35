/**
 * The database schema (PostgreSQL, shared by PGlite and a real server).
 * Typed columns for everything a filter or sort can touch; jsonb only for free-form data.
 * References are sourcedId columns; integrity is checked by the write path (422 naming the field)
 * rather than by foreign keys, so soft deletes and distributed engines (Citus) stay simple.
 * Migrations are generated from this file with `npm run db:generate`.
 */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Columns every OneRoster object has. */
export const base = () => ({
  sourcedId: text('sourced_id').primaryKey(),
  status: text('status').notNull().default('active'),
  dateLastModified: timestamp('date_last_modified', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  metadata: jsonb('metadata'),
});

export const textArray = (name: string) =>
  text(name)
    .array()
    .notNull()
    .default(sql`'{}'::text[]`);

export const orgs = pgTable(
  'orgs',
  {
    ...base(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    identifier: text('identifier'),
    parentSourcedId: text('parent_sourced_id'),
  },
  (t) => [index('orgs_parent_idx').on(t.parentSourcedId), index('orgs_dlm_idx').on(t.dateLastModified)],
);

export const academicSessions = pgTable(
  'academic_sessions',
  {
    ...base(),
    title: text('title').notNull(),
    // Dates are kept as sent (the binding says date; clients send date-times too); ISO text orders correctly.
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    type: text('type').notNull(),
    parentSourcedId: text('parent_sourced_id'),
    schoolYear: text('school_year').notNull(),
    orgSourcedId: text('org_sourced_id'),
  },
  (t) => [
    index('academic_sessions_parent_idx').on(t.parentSourcedId),
    index('academic_sessions_org_idx').on(t.orgSourcedId),
    index('academic_sessions_dlm_idx').on(t.dateLastModified),
  ],
);

export const courses = pgTable(
  'courses',
  {
    ...base(),
    title: text('title').notNull(),
    schoolYearSourcedId: text('school_year_sourced_id'),
    academicSessionSourcedId: text('academic_session_sourced_id'),
    courseCode: text('course_code'),
    grades: textArray('grades'),
    subjects: textArray('subjects'),
    subjectCodes: textArray('subject_codes'),
    orgSourcedId: text('org_sourced_id'),
    level: text('level'),
    gradingScheme: text('grading_scheme'),
    resourceSourcedIds: textArray('resource_sourced_ids'),
  },
  (t) => [index('courses_org_idx').on(t.orgSourcedId), index('courses_dlm_idx').on(t.dateLastModified)],
);

export const classes = pgTable(
  'classes',
  {
    ...base(),
    title: text('title').notNull(),
    classCode: text('class_code'),
    classType: text('class_type'),
    location: text('location'),
    grades: textArray('grades'),
    subjects: textArray('subjects'),
    courseSourcedId: text('course_sourced_id').notNull(),
    schoolSourcedId: text('school_sourced_id').notNull(),
    termSourcedIds: textArray('term_sourced_ids'),
    subjectCodes: textArray('subject_codes'),
    periods: textArray('periods'),
    resourceSourcedIds: textArray('resource_sourced_ids'),
  },
  (t) => [
    index('classes_course_idx').on(t.courseSourcedId),
    index('classes_school_idx').on(t.schoolSourcedId),
    index('classes_terms_idx').using('gin', t.termSourcedIds),
    index('classes_dlm_idx').on(t.dateLastModified),
  ],
);

export const users = pgTable(
  'users',
  {
    ...base(),
    userMasterIdentifier: text('user_master_identifier'),
    username: text('username'),
    userIds: jsonb('user_ids'),
    enabledUser: boolean('enabled_user').notNull().default(true),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    middleName: text('middle_name'),
    preferredFirstName: text('preferred_first_name'),
    preferredMiddleName: text('preferred_middle_name'),
    preferredLastName: text('preferred_last_name'),
    pronouns: text('pronouns'),
    primaryOrgSourcedId: text('primary_org_sourced_id'),
    identifier: text('identifier'),
    email: text('email'),
    sms: text('sms'),
    phone: text('phone'),
    password: text('password'),
    grades: textArray('grades'),
    userProfiles: jsonb('user_profiles'),
    resourceSourcedIds: textArray('resource_sourced_ids'),
  },
  (t) => [
    index('users_dlm_idx').on(t.dateLastModified),
    // `email='…'` (single sign-on lookups) compiles to lower(email) = lower($1). Trigram indexes for `~` are in postgres-only.sql.
    index('users_email_lower_idx').on(sql`lower(${t.email})`),
    // Visible users in page order: /users pages (deep ones too) and the X-Total-Count behind them are index-only scans.
    index('users_visible_idx')
      .on(t.sourcedId)
      .where(sql`${t.status} <> 'tobedeleted'`),
  ],
);

/** A user's roles: a table, because "students of a school" and "/students" query it. */
export const userRoles = pgTable(
  'user_roles',
  {
    userSourcedId: text('user_sourced_id').notNull(),
    position: integer('position').notNull(),
    roleType: text('role_type').notNull(),
    role: text('role').notNull(),
    orgSourcedId: text('org_sourced_id').notNull(),
    userProfile: text('user_profile'),
    beginDate: text('begin_date'),
    endDate: text('end_date'),
    metadata: jsonb('metadata'),
  },
  (t) => [primaryKey({ columns: [t.userSourcedId, t.position] }), index('user_roles_role_org_idx').on(t.role, t.orgSourcedId, t.userSourcedId)],
);

/** Agent links (parent → child and the like): `agentSourcedId` is an agent of `userSourcedId`. */
export const userAgents = pgTable(
  'user_agents',
  {
    userSourcedId: text('user_sourced_id').notNull(),
    agentSourcedId: text('agent_sourced_id').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userSourcedId, t.agentSourcedId] }), index('user_agents_agent_idx').on(t.agentSourcedId)],
);

export const enrollments = pgTable(
  'enrollments',
  {
    ...base(),
    role: text('role').notNull(),
    primary: boolean('is_primary').notNull().default(false),
    beginDate: text('begin_date'),
    endDate: text('end_date'),
    userSourcedId: text('user_sourced_id').notNull(),
    classSourcedId: text('class_sourced_id').notNull(),
    schoolSourcedId: text('school_sourced_id').notNull(),
  },
  (t) => [
    index('enrollments_class_role_idx').on(t.classSourcedId, t.role, t.userSourcedId),
    index('enrollments_user_idx').on(t.userSourcedId),
    index('enrollments_school_idx').on(t.schoolSourcedId),
    // Visible rows only (what lists show by default), in page order: a school's page and its count are index-only scans.
    index('enrollments_school_visible_idx')
      .on(t.schoolSourcedId, t.sourcedId)
      .where(sql`${t.status} <> 'tobedeleted'`),
    index('enrollments_dlm_idx').on(t.dateLastModified),
  ],
);

export const demographics = pgTable(
  'demographics',
  {
    ...base(),
    birthDate: text('birth_date'),
    sex: text('sex'),
    americanIndianOrAlaskaNative: boolean('american_indian_or_alaska_native'),
    asian: boolean('asian'),
    blackOrAfricanAmerican: boolean('black_or_african_american'),
    nativeHawaiianOrOtherPacificIslander: boolean('native_hawaiian_or_other_pacific_islander'),
    white: boolean('white'),
    demographicRaceTwoOrMoreRaces: boolean('demographic_race_two_or_more_races'),
    hispanicOrLatinoEthnicity: boolean('hispanic_or_latino_ethnicity'),
    countryOfBirthCode: text('country_of_birth_code'),
    stateOfBirthAbbreviation: text('state_of_birth_abbreviation'),
    cityOfBirth: text('city_of_birth'),
    publicSchoolResidenceStatus: text('public_school_residence_status'),
  },
  (t) => [index('demographics_dlm_idx').on(t.dateLastModified)],
);

/** Third-party application credentials stored for a user; the password is AES-256-GCM ciphertext. */
export const userCredentials = pgTable(
  'user_credentials',
  {
    id: text('id').primaryKey(),
    userSourcedId: text('user_sourced_id').notNull(),
    userProfileId: text('user_profile_id').notNull(),
    applicationName: text('application_name').notNull(),
    username: text('username').notNull(),
    passwordCiphertext: text('password_ciphertext').notNull(),
    keyId: text('key_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('user_credentials_user_idx').on(t.userSourcedId)],
);

export const oauthClients = pgTable('oauth_clients', {
  clientId: text('client_id').primaryKey(),
  name: text('name').notNull(),
  secretHash: text('secret_hash').notNull(),
  scopes: textArray('scopes'),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
});

/**
 * Server keys (token signing, credential signing, secret encryption). Kept in the database so every
 * process sharing it signs and verifies alike; rotation retires a key without deleting it.
 */
export const serverKeys = pgTable(
  'server_keys',
  {
    kid: text('kid').primaryKey(),
    purpose: text('purpose').notNull(),
    algorithm: text('algorithm').notNull(),
    privateKey: jsonb('private_key').notNull(),
    publicKey: jsonb('public_key'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    retiredAt: timestamp('retired_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [index('server_keys_purpose_idx').on(t.purpose, t.createdAt)],
);
