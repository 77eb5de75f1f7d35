import { Type } from '@sinclair/typebox';
import { sql, type SQL } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { defineResource, view, assertExist, findMissing, missingReference, refObject } from '../../platform/resource/resource.js';
import { resourceColumns, textArray } from '../../platform/resource/columns.js';
import { f, GUIDRef, toUtcDateTime, type Field } from '../../platform/resource/fields.js';
import { compileIdentifier, compileText } from '../../platform/query/compile.js';
import type { Predicate } from '../../platform/query/filter-parser.js';
import { CodeMinor, ImsxError, invalidData } from '../../platform/errors.js';
import { firstRow, type Executor } from '../../platform/db/database.js';
import { ROSTERING } from '../base-paths.js';
import { resources } from '../resources/resources.resource.js';
import { orgs } from './orgs.resource.js';

export const usersTable = pgTable(
  'users',
  {
    ...resourceColumns(),
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
export const userRolesTable = pgTable(
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
export const userAgentsTable = pgTable(
  'user_agents',
  {
    userSourcedId: text('user_sourced_id').notNull(),
    agentSourcedId: text('agent_sourced_id').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userSourcedId, t.agentSourcedId] }), index('user_agents_agent_idx').on(t.agentSourcedId)],
);

/** OneRoster 1.2 role vocabulary plus the platform's spellings (administrator, system_administrator). */
export const ROLE_VALUES = [
  'administrator',
  'aide',
  'counselor',
  'districtAdministrator',
  'guardian',
  'parent',
  'principal',
  'proctor',
  'relative',
  'siteAdministrator',
  'student',
  'systemAdministrator',
  'system_administrator',
  'teacher',
] as const;

const roleEnum = Type.Union([...ROLE_VALUES.map((v) => Type.Literal(v)), Type.String({ pattern: '^ext:[a-zA-Z0-9.\\-_]+$' })]);
const date = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}' });

const RoleInput = Type.Object({
  roleType: Type.Union([Type.Literal('primary'), Type.Literal('secondary')]),
  role: roleEnum,
  org: GUIDRef('org'),
  userProfile: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  beginDate: Type.Optional(Type.Union([date, Type.Null()])),
  endDate: Type.Optional(Type.Union([date, Type.Null()])),
  metadata: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])),
});

const RoleOutput = Type.Object({
  roleType: Type.String(),
  role: Type.String(),
  org: Type.Object({ href: Type.String(), sourcedId: Type.String(), type: Type.String() }),
  userProfile: Type.Optional(Type.String()),
  beginDate: Type.Optional(Type.String()),
  endDate: Type.Optional(Type.String()),
  metadata: Type.Optional(Type.Unknown()),
});

type RoleRow = {
  roleType: string;
  role: string;
  org: string;
  userProfile?: string | null;
  beginDate?: string | null;
  endDate?: string | null;
  metadata?: unknown;
};
type RoleIn = {
  roleType: string;
  role: string;
  org: { sourcedId: string };
  userProfile?: string | null;
  beginDate?: string | null;
  endDate?: string | null;
  metadata?: unknown;
};

const ROLE_COLUMNS: Record<string, string> = {
  '': 'r.role',
  role: 'r.role',
  roleType: 'r.role_type',
  org: 'r.org_sourced_id',
  'org.sourcedId': 'r.org_sourced_id',
  orgSourcedId: 'r.org_sourced_id',
  userProfile: 'r.user_profile',
  beginDate: 'r.begin_date',
  endDate: 'r.end_date',
};

/** `roles.role='student'`, `roles.org.sourcedId='s1'`: true when any of the user's roles matches. */
function filterRoles(p: Predicate, subPath: string): SQL {
  const column = ROLE_COLUMNS[subPath];
  if (!column)
    throw new ImsxError(400, CodeMinor.invalidFilterField, `Unknown filter field '${p.field}'.`, [{ field: p.field, message: 'not a filterable field' }]);
  // The org is a reference: its sourcedId compares exactly, as every sourcedId does.
  const compile = column === ROLE_COLUMNS.org ? compileIdentifier : compileText;
  return sql`exists (select 1 from user_roles r where r.user_sourced_id = t.sourced_id and ${compile(sql.raw(column), p)})`;
}

const roles: Field = {
  kind: 'computed',
  select: sql`(select coalesce(json_agg(json_build_object('roleType', r.role_type, 'role', r.role, 'org', r.org_sourced_id,
      'userProfile', r.user_profile, 'beginDate', r.begin_date, 'endDate', r.end_date, 'metadata', r.metadata) order by r.position), '[]'::json)
      from user_roles r where r.user_sourced_id = t.sourced_id)`,
  required: true,
  schema: Type.Array(RoleInput, { minItems: 1 }),
  outSchema: Type.Array(RoleOutput),
  filter: filterRoles,
  sortable: false,
  present: (value, ctx) =>
    (value as RoleRow[]).map((r) => {
      const out: Record<string, unknown> = { roleType: r.roleType, role: r.role, org: refObject(orgs.target, r.org, ctx) };
      for (const key of ['userProfile', 'beginDate', 'endDate', 'metadata'] as const) if (r[key] !== null && r[key] !== undefined) out[key] = r[key];
      return out;
    }),
};

async function writeRoles(tx: Executor, userSourcedId: string, list: RoleIn[]): Promise<void> {
  list.forEach((role, index) => {
    for (const key of ['beginDate', 'endDate'] as const) {
      const value = role[key];
      if (typeof value === 'string' && toUtcDateTime(value) === undefined)
        throw invalidData(`roles[${index}].${key}`, `'${value}' is not a valid date or date-time.`);
    }
  });
  const missing = await findMissing(
    tx,
    orgs.target,
    list.map((r) => r.org.sourcedId),
  );
  if (missing >= 0) throw missingReference(orgs.target, `roles[${missing}].org`, list[missing].org.sourcedId);
  await tx.execute(sql`delete from user_roles where user_sourced_id = ${userSourcedId}`);
  const values = list.map(
    (r, position) =>
      sql`(${userSourcedId}, ${position}, ${r.roleType}, ${r.role}, ${r.org.sourcedId}, ${r.userProfile ?? null}, ${r.beginDate ?? null}, ${r.endDate ?? null}, ${r.metadata == null ? null : JSON.stringify(r.metadata)}::jsonb)`,
  );
  await tx.execute(
    sql`insert into user_roles (user_sourced_id, position, role_type, role, org_sourced_id, user_profile, begin_date, end_date, metadata) values ${sql.join(values, sql`, `)}`,
  );
}

/** Replaces the user's agent links (only when the body names `agents`, so a PUT without it keeps them). */
export async function writeAgents(tx: Executor, userSourcedId: string, agents: { sourcedId: string }[]): Promise<void> {
  const ids = [...new Set(agents.map((a) => a.sourcedId))];
  if (ids.includes(userSourcedId)) throw invalidData('agents', 'a user cannot be their own agent.');
  if (ids.length) await assertExist(tx, users.target, ids, 'agents', true);
  await tx.execute(sql`delete from user_agents where user_sourced_id = ${userSourcedId}`);
  if (ids.length)
    await tx.execute(
      sql`insert into user_agents (user_sourced_id, agent_sourced_id, position) values ${sql.join(
        ids.map((id, i) => sql`(${userSourcedId}, ${id}, ${i})`),
        sql`, `,
      )}`,
    );
}

const UserId = Type.Object({ type: Type.String(), identifier: Type.String() });
const UserProfile = Type.Object(
  {
    profileId: Type.String(),
    profileType: Type.String(),
    vendorId: Type.String(),
    applicationId: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    credentials: Type.Optional(
      Type.Array(
        Type.Object({
          // The platform's schema requires it; the binding's Credential allows it.
          id: Type.Optional(Type.String()),
          type: Type.String(),
          username: Type.String(),
          password: Type.Optional(Type.String()),
          credentialId: Type.Optional(Type.String()),
        }),
      ),
    ),
  },
  { additionalProperties: true },
);

export const users = defineResource({
  name: 'user',
  table: usersTable,
  basePath: ROSTERING,
  searchFields: ['givenName', 'familyName', 'email'],
  fields: (t) => ({
    ...f.common(t),
    userMasterIdentifier: f.text(t.userMasterIdentifier),
    username: f.text(t.username),
    userIds: f.json(t.userIds, Type.Union([Type.Array(UserId), Type.Null()])),
    enabledUser: f.trueFalse(t.enabledUser, { inputDefault: true }),
    givenName: f.text(t.givenName, { required: true }),
    familyName: f.text(t.familyName, { required: true }),
    middleName: f.text(t.middleName),
    preferredFirstName: f.text(t.preferredFirstName),
    preferredMiddleName: f.text(t.preferredMiddleName),
    preferredLastName: f.text(t.preferredLastName),
    pronouns: f.text(t.pronouns),
    roles,
    primaryOrg: f.ref(t.primaryOrgSourcedId, () => orgs),
    userProfiles: { ...f.json(t.userProfiles, Type.Union([Type.Array(UserProfile), Type.Null()])), outDefault: [] },
    identifier: f.text(t.identifier),
    email: f.text(t.email),
    sms: f.text(t.sms),
    phone: f.text(t.phone),
    // Accepted (the binding has it) but never sent back.
    password: { ...f.text(t.password), writeOnly: true },
    grades: f.textArray(t.grades),
    // Stored in user_agents (afterWrite), read back in their order.
    agents: {
      kind: 'refArray',
      ref: { to: 'self' },
      outDefault: [],
      select: sql`array(select a.agent_sourced_id from user_agents a where a.user_sourced_id = t.sourced_id order by a.position, a.agent_sourced_id)`,
    },
    resources: f.refArray(t.resourceSourcedIds, () => resources),
  }),
  hooks: {
    async afterWrite(tx, input, ctx) {
      if (input.roles !== undefined) await writeRoles(tx, ctx.sourcedId, input.roles as RoleIn[]);
      if (input.agents !== undefined) await writeAgents(tx, ctx.sourcedId, (input.agents as { sourcedId: string }[] | null) ?? []);
    },
  },
});

const holdsRole = (role: string) => sql`exists (select 1 from user_roles r where r.user_sourced_id = t.sourced_id and r.role = ${role})`;

export const students = view(users, { scope: holdsRole('student'), entity: 'Student' });
export const teachers = view(users, { scope: holdsRole('teacher'), entity: 'Teacher' });

/** SQL: whether the user (a parameter or an expression) holds the student role at any org. */
export const holdsStudentRole = (userSourcedId: string | SQL | null): SQL =>
  sql`exists (select 1 from user_roles r where r.user_sourced_id = ${userSourcedId} and r.role = 'student')`;

/** Whether the user holds the student role at any org. */
export async function isStudent(tx: Executor, userSourcedId: string): Promise<boolean> {
  return (await firstRow<{ yes: boolean }>(tx, sql`select ${holdsStudentRole(userSourcedId)} as yes`))!.yes;
}
