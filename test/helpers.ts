/**
 * Test harness: a real app on a real database. PGlite in memory by default; with DATABASE_URL set,
 * a fresh PostgreSQL schema per test file (dropped afterwards), so runs never collide.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../src/config.js';
import { openDatabase, type Database } from '../src/platform/db/database.js';
import { buildApp, type Learnstack } from '../src/app.js';
import { scopeCatalog } from '../src/services.js';

export const ROSTER = '/ims/oneroster/rostering/v1p2';
export const GRADEBOOK = '/ims/oneroster/gradebook/v1p2';
export const RESOURCES = '/ims/oneroster/resources/v1p2';

/** Full scope URI from a short name: 'roster.readonly' → https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly */
export const scope = (name: string) => scopeCatalog.uri(name.includes(':') ? name : `or:${name}`);

export interface TestContext extends Learnstack {
  app: FastifyInstance;
  db: Database;
  config: Readonly<Config>;
  /** A bearer token with exactly these scopes (short names or URIs). */
  token(...scopes: string[]): Promise<string>;
  /** Admin token, cached. */
  admin(): Promise<string>;
  request(method: string, url: string, options?: { token?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface TestContextOptions {
  /** Runs on the opened database before the start-up migration (e.g. to build an older schema with data). */
  beforeMigrate?: (db: Database) => Promise<void>;
}

export async function createTestContext(overrides: Partial<Config> = {}, options: TestContextOptions = {}): Promise<TestContext> {
  const schema = process.env.DATABASE_URL ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const config = loadConfig(process.env, {
    dataDir: 'memory://',
    logLevel: 'silent',
    publicBaseUrl: 'https://learnstack.test',
    ...(schema ? { databaseSchema: schema } : {}),
    ...overrides,
  });
  const db = await openDatabase(config);
  await options.beforeMigrate?.(db);
  await db.migrate();
  const built = await buildApp(config, db);
  await built.app.ready();
  let adminToken: string | undefined;
  const token = (...scopes: string[]) => built.tokens.issue('test-client', scopes.map((s) => (s.startsWith('https://') ? s : scope(s))).join(' '));
  const admin = async () => (adminToken ??= await token('admin'));
  return {
    ...built,
    db,
    config,
    token,
    admin,
    async request(method, url, options = {}) {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      const bearer = options.token === undefined ? await admin() : options.token;
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      return built.app.inject({ method: method as never, url, headers, ...(options.body !== undefined ? { payload: options.body as never } : {}) });
    },
    async close() {
      await built.app.close();
      await db.close();
      if (schema) {
        const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await client.connect();
        await client.query(`drop schema if exists "${schema}" cascade`);
        await client.end();
      }
    },
  };
}

/** The imsx codeMinor of an error response. */
export function codeMinor(response: LightMyRequestResponse): string | undefined {
  return response.json().imsx_CodeMinor?.imsx_codeMinorField?.[0]?.imsx_codeMinorFieldValue;
}

/** Seeds a small district: district → school(s), school year + term + grading period, course, class, users, enrollments. */
export async function seedRoster(ctx: TestContext, prefix = 'x') {
  const id = (s: string) => `${prefix}-${s}`;
  const ok = async (method: string, url: string, body: unknown) => {
    const res = await ctx.request(method, `${ROSTER}${url}`, { body });
    if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
    return res;
  };
  await ok('POST', '/orgs', { org: { sourcedId: id('district'), name: 'Springfield District', type: 'district', identifier: 'D1' } });
  await ok('POST', '/schools', {
    org: { sourcedId: id('school'), name: 'Springfield High', type: 'school', identifier: 'S1', parent: { sourcedId: id('district') } },
  });
  await ok('POST', '/schools', { org: { sourcedId: id('school2'), name: 'Shelbyville Elementary', type: 'school', parent: { sourcedId: id('district') } } });
  await ok('POST', '/academicSessions', {
    academicSession: {
      sourcedId: id('year'),
      title: '2026-2027',
      type: 'schoolYear',
      startDate: '2026-08-01',
      endDate: '2027-06-30',
      schoolYear: '2027',
      org: { sourcedId: id('district') },
    },
  });
  await ok('POST', '/academicSessions', {
    academicSession: {
      sourcedId: id('term'),
      title: 'Fall 2026',
      type: 'term',
      startDate: '2026-08-01',
      endDate: '2026-12-20',
      schoolYear: '2027',
      parent: { sourcedId: id('year') },
      org: { sourcedId: id('school') },
    },
  });
  await ok('POST', '/gradingPeriods', {
    academicSession: {
      sourcedId: id('gp1'),
      title: 'Q1',
      type: 'gradingPeriod',
      startDate: '2026-08-01',
      endDate: '2026-10-15',
      schoolYear: '2027',
      parent: { sourcedId: id('term') },
    },
  });
  await ok('POST', '/courses', {
    course: {
      sourcedId: id('course'),
      title: 'Algebra I',
      courseCode: 'ALG1',
      grades: ['09'],
      subjects: ['Math'],
      org: { sourcedId: id('school') },
      schoolYear: { sourcedId: id('year') },
    },
  });
  await ok('POST', '/classes', {
    class: {
      sourcedId: id('class'),
      title: 'Algebra I - P1',
      classCode: 'ALG1-1',
      classType: 'scheduled',
      course: { sourcedId: id('course') },
      school: { sourcedId: id('school') },
      terms: [{ sourcedId: id('term') }],
      periods: ['1'],
    },
  });
  const user = (key: string, givenName: string, familyName: string, role: string, extra: Record<string, unknown> = {}) =>
    ok('POST', '/users', {
      user: {
        sourcedId: id(key),
        givenName,
        familyName,
        email: `${givenName.toLowerCase()}.${familyName.toLowerCase()}@example.edu`,
        enabledUser: true,
        roles: [{ roleType: 'primary', role, org: { sourcedId: id('school') } }],
        ...extra,
      },
    });
  await user('teacher', 'Edna', 'Krabappel', 'teacher');
  await user('bart', 'Bart', 'Simpson', 'student', { grades: ['09'], metadata: { house: 'blue', level: 3 } });
  await user('lisa', 'Lisa', 'Simpson', 'student', { grades: ['09', '10'], metadata: { house: 'red', level: 7 } });
  await user('milhouse', 'Milhouse', 'Van Houten', 'student', { grades: ['10'] });
  await user('homer', 'Homer', 'Simpson', 'parent');
  await ok('POST', '/enrollments', {
    enrollment: { sourcedId: id('e-teacher'), role: 'teacher', primary: true, user: { sourcedId: id('teacher') }, class: { sourcedId: id('class') } },
  });
  await ok('POST', '/enrollments', {
    enrollment: { sourcedId: id('e-bart'), role: 'student', user: { sourcedId: id('bart') }, class: { sourcedId: id('class') }, beginDate: '2026-08-01' },
  });
  await ok('POST', '/enrollments', {
    enrollment: { sourcedId: id('e-lisa'), role: 'student', user: { sourcedId: id('lisa') }, class: { sourcedId: id('class') } },
  });
  return { id };
}
