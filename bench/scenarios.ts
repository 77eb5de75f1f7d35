/**
 * What the benchmark asks of the server. Fixtures (ids, a name fragment, a delta-sync instant) are
 * read from the seeded database, so every tier and seed gets requests that hit real, typical rows.
 */
import { sql } from 'drizzle-orm';
import { rows, type Database } from '../src/platform/db/database.js';

const ROSTER = '/ims/oneroster/rostering/v1p2';
export const GRADEBOOK = '/ims/oneroster/gradebook/v1p2';

export interface Fixtures {
  /** Active users: the deep page starts one page before the end. */
  users: number;
  /** The start of the district's most common family name (what someone types into a search box). */
  familyNameFragment: string;
  /** The instant after which about 1 % of users changed (a nightly delta sync). */
  modifiedAfter: string;
  userId: string;
  /** The fullest class, and the school with the most enrollments (the worst case of each collection). */
  classId: string;
  schoolId: string;
  gradebook?: {
    studentId: string;
    lineItemId: string;
    /** Results the write scenario replaces in turn (one row each, so writers do not queue on one lock). */
    results: { sourcedId: string; lineItem: string; student: string; scoreDate: string }[];
  };
}

export interface Scenario {
  name: string;
  kind: 'read' | 'write';
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Writes change their target on every request. */
  vary?: (n: number) => { path: string; body: string };
}

async function one<T>(db: Database, query: ReturnType<typeof sql>): Promise<T> {
  const [first] = await rows<T>(db.drizzle, query);
  return first;
}

export async function loadFixtures(db: Database): Promise<Fixtures> {
  const { users } = await one<{ users: number }>(db, sql`select count(*)::int as users from users where status <> 'tobedeleted'`);
  const { family } = await one<{ family: string }>(db, sql`select family_name as family from users group by 1 order by count(*) desc, 1 limit 1`);
  const { modified } = await one<{ modified: string }>(
    db,
    sql`select to_char(percentile_disc(0.99) within group (order by date_last_modified) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as modified from users`,
  );
  const { userId } = await one<{ userId: string }>(
    db,
    sql`select sourced_id as "userId" from users order by sourced_id offset ${Math.floor(users / 2)} limit 1`,
  );
  const { classId } = await one<{ classId: string }>(
    db,
    sql`select class_sourced_id as "classId" from enrollments where role = 'student' group by 1 order by count(*) desc, 1 limit 1`,
  );
  const { schoolId } = await one<{ schoolId: string }>(
    db,
    sql`select school_sourced_id as "schoolId" from enrollments group by 1 order by count(*) desc, 1 limit 1`,
  );
  const fixtures: Fixtures = { users, familyNameFragment: family.slice(0, 5), modifiedAfter: modified, userId, classId, schoolId };

  const { exists } = await one<{ exists: boolean }>(db, sql`select to_regclass('results') is not null as exists`);
  if (exists) {
    const { studentId } = await one<{ studentId: string }>(
      db,
      sql`select user_sourced_id as "studentId" from enrollments where class_sourced_id = ${classId} and role = 'student' order by sourced_id limit 1`,
    );
    const { lineItemId } = await one<{ lineItemId: string }>(
      db,
      sql`select sourced_id as "lineItemId" from line_items where class_sourced_id = ${classId} order by sourced_id limit 1`,
    );
    const results = await rows<{ sourcedId: string; lineItem: string; student: string; scoreDate: string }>(
      db.drizzle,
      sql`select sourced_id as "sourcedId", line_item_sourced_id as "lineItem", student_sourced_id as student, score_date as "scoreDate" from results order by sourced_id limit 5000`,
    );
    fixtures.gradebook = { studentId, lineItemId, results };
  }
  return fixtures;
}

const q = (value: string) => encodeURIComponent(value);

export function scenarios(f: Fixtures, client: { id: string; secret: string }): Scenario[] {
  const list: Scenario[] = [
    { name: 'users: first page', kind: 'read', method: 'GET', path: `${ROSTER}/users` },
    { name: "users: familyName~'…'", kind: 'read', method: 'GET', path: `${ROSTER}/users?filter=${q(`familyName~'${f.familyNameFragment}'`)}` },
    { name: "users: dateLastModified>'…'", kind: 'read', method: 'GET', path: `${ROSTER}/users?filter=${q(`dateLastModified>'${f.modifiedAfter}'`)}` },
    { name: 'users: deep page', kind: 'read', method: 'GET', path: `${ROSTER}/users?offset=${Math.max(0, f.users - 100)}` },
    { name: 'users/{id}', kind: 'read', method: 'GET', path: `${ROSTER}/users/${f.userId}` },
    { name: 'classes/{id}/students', kind: 'read', method: 'GET', path: `${ROSTER}/classes/${f.classId}/students` },
    { name: 'schools/{id}/enrollments', kind: 'read', method: 'GET', path: `${ROSTER}/schools/${f.schoolId}/enrollments` },
  ];
  const g = f.gradebook;
  if (g) {
    list.push(
      { name: 'classes/{id}/students/{id}/results', kind: 'read', method: 'GET', path: `${GRADEBOOK}/classes/${f.classId}/students/${g.studentId}/results` },
      {
        name: "results: lineItem.sourcedId='…'",
        kind: 'read',
        method: 'GET',
        path: `${GRADEBOOK}/results?filter=${q(`lineItem.sourcedId='${g.lineItemId}'`)}`,
      },
    );
    const put = (n: number) => {
      const r = g.results[n % g.results.length];
      const result = {
        sourcedId: r.sourcedId,
        status: 'active',
        lineItem: { sourcedId: r.lineItem },
        student: { sourcedId: r.student },
        scoreStatus: 'fully graded',
        score: 50 + (n % 50),
        scoreDate: r.scoreDate,
        comment: `revised ${n}`,
      };
      return { path: `${GRADEBOOK}/results/${r.sourcedId}`, body: JSON.stringify({ result }) };
    };
    list.push({ name: 'PUT results/{id}', kind: 'write', method: 'PUT', ...put(0), headers: { 'content-type': 'application/json' }, vary: put });
  }
  list.push({
    name: 'POST /oauth/token',
    kind: 'write',
    method: 'POST',
    path: '/oauth/token',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${q(client.id)}:${q(client.secret)}`).toString('base64')}`,
    },
    body: 'grant_type=client_credentials',
  });
  return list;
}
