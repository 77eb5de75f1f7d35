import { Type } from '@sinclair/typebox';
import { sql, type SQL } from 'drizzle-orm';
import {
  defineResource,
  view,
  withPresenter,
  assertExist,
  findMissing,
  missingReference,
  refObject,
  type PresentContext,
} from '../../platform/resource/resource.js';
import { f, GUIDRef, type Field } from '../../platform/resource/fields.js';
import { compileText } from '../../platform/query/compile.js';
import type { Predicate } from '../../platform/query/filter-parser.js';
import { CodeMinor, ImsxError, invalidData } from '../../platform/errors.js';
import type { Executor } from '../../platform/db/database.js';
import { refs } from '../refs.js';

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
  return sql`exists (select 1 from user_roles r where r.user_sourced_id = t.sourced_id and ${compileText(sql.raw(column), p)})`;
}

const roles: Field = withPresenter(
  {
    kind: 'computed',
    select: sql`(select coalesce(json_agg(json_build_object('roleType', r.role_type, 'role', r.role, 'org', r.org_sourced_id,
      'userProfile', r.user_profile, 'beginDate', r.begin_date, 'endDate', r.end_date, 'metadata', r.metadata) order by r.position), '[]'::json)
      from user_roles r where r.user_sourced_id = t.sourced_id)`,
    required: true,
    schema: Type.Array(RoleInput, { minItems: 1 }),
    outSchema: Type.Array(RoleOutput),
    filter: filterRoles,
    sortable: false,
  },
  (value, ctx: PresentContext) =>
    (value as RoleRow[]).map((r) => {
      const out: Record<string, unknown> = { roleType: r.roleType, role: r.role, org: refObject(refs.org, r.org, ctx) };
      for (const key of ['userProfile', 'beginDate', 'endDate', 'metadata'] as const) if (r[key] !== null && r[key] !== undefined) out[key] = r[key];
      return out;
    }),
);

async function writeRoles(tx: Executor, userSourcedId: string, list: RoleIn[]): Promise<void> {
  const missing = await findMissing(
    tx,
    refs.org,
    list.map((r) => r.org.sourcedId),
  );
  if (missing >= 0) throw missingReference(refs.org, `roles[${missing}].org`, list[missing].org.sourcedId);
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
  if (ids.length) await assertExist(tx, refs.user, ids, 'agents', true);
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
        Type.Object({ type: Type.String(), username: Type.String(), password: Type.Optional(Type.String()), credentialId: Type.Optional(Type.String()) }),
      ),
    ),
  },
  { additionalProperties: true },
);

export const users = defineResource({
  name: 'user',
  plural: 'users',
  entity: 'User',
  table: 'users',
  searchFields: ['givenName', 'familyName', 'email'],
  fields: {
    ...f.common(),
    userMasterIdentifier: f.text('user_master_identifier'),
    username: f.text('username'),
    userIds: f.json('user_ids', Type.Union([Type.Array(UserId), Type.Null()])),
    enabledUser: f.trueFalse('enabled_user', { inputDefault: true }),
    givenName: f.text('given_name', { required: true }),
    familyName: f.text('family_name', { required: true }),
    middleName: f.text('middle_name'),
    preferredFirstName: f.text('preferred_first_name'),
    preferredMiddleName: f.text('preferred_middle_name'),
    preferredLastName: f.text('preferred_last_name'),
    pronouns: f.text('pronouns'),
    roles,
    primaryOrg: f.ref('primary_org_sourced_id', refs.org),
    userProfiles: { ...f.json('user_profiles', Type.Union([Type.Array(UserProfile), Type.Null()])), outDefault: [] },
    identifier: f.text('identifier'),
    email: f.text('email'),
    sms: f.text('sms'),
    phone: f.text('phone'),
    // Accepted (the binding has it) but never sent back.
    password: { ...f.text('password'), writeOnly: true },
    grades: f.textArray('grades'),
    agents: {
      ...f.refArray('agents', refs.user),
      column: undefined,
      select: sql`array(select a.agent_sourced_id from user_agents a where a.user_sourced_id = t.sourced_id order by a.position, a.agent_sourced_id)`,
    },
    resources: f.refArray('resource_sourced_ids', refs.resource),
  },
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
