/**
 * Migrations are incremental and checked in: each schema change adds a numbered migration, and a
 * database gets, at start-up, the migrations newer than the last one it recorded. These tests keep the
 * history sound and prove that a database created by the first migration upgrades with its data.
 */
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import drizzleConfig from '../drizzle.config.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, rows, type Database } from '../src/platform/db/database.js';
import { createTestContext, ROSTER, GRADEBOOK, type TestContext } from './helpers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const folder = resolve(root, drizzleConfig.out ?? 'drizzle');
const drizzleKit = resolve(root, 'node_modules/.bin/drizzle-kit');

interface JournalEntry {
  idx: number;
  version: string;
  when: number;
  tag: string;
  breakpoints: boolean;
}
interface Journal {
  entries: JournalEntry[];
}

const journalOf = (dir: string): Journal => JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8'));
const checkedIn = journalOf(folder).entries;

const temporary: string[] = [];
afterAll(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'learnstack-migrations-'));
  temporary.push(dir);
  return dir;
}

/** A copy of the checked-in migrations whose journal (and files) `edit` changes. */
function migrationsCopy(edit: (journal: Journal, dir: string) => void): string {
  const dir = tempDir();
  cpSync(folder, dir, { recursive: true });
  const journal = journalOf(dir);
  edit(journal, dir);
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify(journal, null, 2));
  return dir;
}

/** The journal timestamps a database recorded, oldest first, from the table database.ts migrates with. */
async function recorded(db: Database, schema: string | undefined): Promise<number[]> {
  const table = sql.raw(`"${schema ?? 'drizzle'}"."__drizzle_migrations"`);
  return (await rows<{ created_at: string }>(db.drizzle, sql`select created_at from ${table} order by id`)).map((r) => Number(r.created_at));
}

describe('migrations', () => {
  it('match the schema declarations (run `npm run db:generate` after changing a table)', () => {
    const dir = tempDir();
    const out = join(dir, 'migrations');
    cpSync(folder, out, { recursive: true });
    // drizzle.config.ts's globs, made absolute because drizzle-kit runs in the copy; `out` stays
    // relative, as drizzle-kit cannot open an absolute one.
    const schema = [drizzleConfig.schema ?? []].flat().map((glob) => resolve(root, glob));
    writeFileSync(join(dir, 'drizzle.config.json'), JSON.stringify({ ...drizzleConfig, schema, out: './migrations' }));
    const before = readdirSync(out).filter((f) => f.endsWith('.sql'));
    const output = execFileSync(drizzleKit, ['generate', '--config', 'drizzle.config.json'], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    expect(readdirSync(out).filter((f) => f.endsWith('.sql'))).toEqual(before);
    // drizzle-kit exits 0 even when it fails, so success is its own word for it.
    expect(output).toContain('No schema changes');
  });

  it('form one history: numbered in order, each newer than the one before', () => {
    checkedIn.forEach((entry, i) => {
      expect(entry.idx).toBe(i);
      expect(entry.tag.startsWith(`${String(i).padStart(4, '0')}_`)).toBe(true);
      expect(existsSync(join(folder, `${entry.tag}.sql`))).toBe(true);
      // The migrator skips an entry that is not newer than the last one a database recorded.
      if (i > 0) expect(entry.when).toBeGreaterThan(checkedIn[i - 1].when);
    });
    // Fails when two branches each added a migration on the same parent (regenerate the later one).
    expect(execFileSync(drizzleKit, ['check'], { cwd: root, encoding: 'utf8', stdio: 'pipe' })).toContain("Everything's fine");
  });

  it('keep 0000 as the databases created by it recorded it', () => {
    const sql0000 = readFileSync(join(folder, '0000_init.sql'));
    expect(checkedIn[0]).toMatchObject({ tag: '0000_init', when: 1795424610937 });
    expect(createHash('sha256').update(sql0000).digest('hex')).toBe('bd637bd88e3cdd048f3aa5924ea33e1f048ebaa6135970c5e002520ed2a2feab');
  });
});

const DLM = '2026-11-30T10:00:00.000Z';

/** Rows written with the 0000 tables, as a database of the first release holds them. */
const ROWS_0000 = [
  sql`insert into orgs (sourced_id, date_last_modified, name, type, identifier) values ('m-district', ${DLM}, 'Upgrade District', 'district', 'UD')`,
  sql`insert into orgs (sourced_id, date_last_modified, name, type, parent_sourced_id) values ('m-school', ${DLM}, 'Upgrade High', 'school', 'm-district')`,
  sql`insert into academic_sessions (sourced_id, date_last_modified, title, start_date, end_date, type, school_year, org_sourced_id)
      values ('m-term', ${DLM}, 'Fall 2026', '2026-08-01', '2026-12-20', 'term', '2027', 'm-school')`,
  sql`insert into courses (sourced_id, date_last_modified, title, course_code, org_sourced_id) values ('m-course', ${DLM}, 'Biology', 'BIO', 'm-school')`,
  sql`insert into classes (sourced_id, date_last_modified, title, class_code, class_type, course_sourced_id, school_sourced_id, term_sourced_ids)
      values ('m-class', ${DLM}, 'Biology - P2', 'BIO-2', 'scheduled', 'm-course', 'm-school', '{m-term}')`,
  sql`insert into users (sourced_id, date_last_modified, given_name, family_name, email, metadata)
      values ('m-teacher', ${DLM}, 'Ada', 'Lovelace', 'ada@example.edu', '{"room": "B12"}')`,
  sql`insert into user_roles (user_sourced_id, position, role_type, role, org_sourced_id) values ('m-teacher', 0, 'primary', 'teacher', 'm-school')`,
  sql`insert into enrollments (sourced_id, date_last_modified, role, is_primary, user_sourced_id, class_sourced_id, school_sourced_id)
      values ('m-enrollment', ${DLM}, 'teacher', true, 'm-teacher', 'm-class', 'm-school')`,
  // 0000 kept line item dates as sent, and components without an unlockDate (0001 converts both).
  sql`insert into categories (sourced_id, date_last_modified, title) values ('m-category', ${DLM}, 'Labs')`,
  sql`insert into line_items (sourced_id, date_last_modified, title, assign_date, due_date, class_sourced_id, school_sourced_id, category_sourced_id)
      values ('m-line-item', ${DLM}, 'Lab 1', '2026-09-10', '2026-09-17T08:30:00-05:00', 'm-class', 'm-school', 'm-category')`,
  sql`insert into course_components (sourced_id, date_last_modified, course_sourced_id, title) values ('m-unit', ${DLM}, 'm-course', 'Cells')`,
];

describe('a database created by 0000 and holding data', () => {
  let ctx: TestContext;
  let read: string;
  const only0000 = migrationsCopy((journal) => {
    journal.entries = journal.entries.slice(0, 1);
  });
  const get = async (path: string) => {
    const res = await ctx.request('GET', `${ROSTER}${path}`, { token: read });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    // The start-up path of createTestContext migrates after this, as a newer release would.
    ctx = await createTestContext(
      {},
      {
        beforeMigrate: async (db) => {
          await db.migrate(only0000);
          await db.transaction(async (tx) => {
            for (const statement of ROWS_0000) await tx.execute(statement);
          });
        },
      },
    );
    read = await ctx.token('roster.readonly');
  });
  afterAll(async () => ctx?.close());

  it('gets every migration newer than 0000 at start-up (none while 0000 is the only one)', async () => {
    expect(await recorded(ctx.db, ctx.config.databaseSchema)).toEqual(checkedIn.map((e) => e.when));
  });

  it('serves its rows over HTTP afterwards', async () => {
    expect((await get('/schools/m-school')).org).toMatchObject({
      sourcedId: 'm-school',
      name: 'Upgrade High',
      type: 'school',
      dateLastModified: DLM,
      parent: { sourcedId: 'm-district', type: 'org' },
    });
    expect((await get('/users/m-teacher')).user).toMatchObject({
      givenName: 'Ada',
      familyName: 'Lovelace',
      metadata: { room: 'B12' },
      roles: [{ roleType: 'primary', role: 'teacher', org: { sourcedId: 'm-school' } }],
    });
    expect((await get('/classes/m-class')).class).toMatchObject({
      title: 'Biology - P2',
      course: { sourcedId: 'm-course' },
      school: { sourcedId: 'm-school' },
      terms: [{ sourcedId: 'm-term' }],
    });
    expect((await get('/schools/m-school/classes/m-class/teachers')).users.map((u: { sourcedId: string }) => u.sourcedId)).toEqual(['m-teacher']);
  });

  it('has its line item dates as UTC date-times and its components unlocking when they were written (0001)', async () => {
    const lineItem = await ctx.request('GET', `${GRADEBOOK}/lineItems/m-line-item`, { token: await ctx.token('gradebook.readonly') });
    expect(lineItem.json().lineItem).toMatchObject({ assignDate: '2026-09-10T00:00:00.000Z', dueDate: '2026-09-17T13:30:00.000Z' });
    expect((await get('/courses/components/m-unit')).courseComponent.unlockDate).toBe(DLM);
  });

  it('takes writes afterwards', async () => {
    const student = {
      sourcedId: 'm-student',
      givenName: 'Grace',
      familyName: 'Hopper',
      enabledUser: true,
      roles: [{ roleType: 'primary', role: 'student', org: { sourcedId: 'm-school' } }],
    };
    expect((await ctx.request('POST', `${ROSTER}/users`, { body: { user: student } })).statusCode).toBe(201);
    expect((await get('/schools/m-school/students')).users.map((u: { sourcedId: string }) => u.sourcedId)).toEqual(['m-student']);
  });

  it('applies a newer migration on top of its data once, and records it', async () => {
    // A throwaway migration after the checked-in ones: the same path a future `db:generate` takes.
    const last = checkedIn[checkedIn.length - 1];
    const next = {
      idx: checkedIn.length,
      version: last.version,
      when: last.when + 1,
      tag: `${String(checkedIn.length).padStart(4, '0')}_throwaway`,
      breakpoints: true,
    };
    const withNext = migrationsCopy((journal, dir) => {
      writeFileSync(join(dir, `${next.tag}.sql`), 'CREATE INDEX "users_throwaway_idx" ON "users" USING btree ("family_name","given_name");');
      journal.entries.push(next);
    });
    await ctx.db.migrate(withNext);
    await ctx.db.migrate(withNext);
    expect(await recorded(ctx.db, ctx.config.databaseSchema)).toEqual([...checkedIn.map((e) => e.when), next.when]);
    const indexes = await rows(ctx.db.drizzle, sql`select 1 from pg_indexes where schemaname = current_schema() and indexname = 'users_throwaway_idx'`);
    expect(indexes).toHaveLength(1);
    expect((await get('/users/m-teacher')).user.familyName).toBe('Lovelace');
  });
});

describe.runIf(process.env.DATABASE_URL)('processes starting together on a PostgreSQL server', () => {
  it('create and migrate a fresh schema once: the others wait for the first and find nothing left to do', async () => {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const config = loadConfig(process.env, { databaseSchema: schema, logLevel: 'silent' });
    const opened = await Promise.allSettled(
      [1, 2, 3, 4].map(async () => {
        const db = await openDatabase(config);
        await db.migrate().catch(async (error) => {
          await db.close();
          throw error;
        });
        return db;
      }),
    );
    const dbs = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    try {
      expect(opened.filter((o) => o.status === 'rejected')).toEqual([]);
      expect(await recorded(dbs[0], schema)).toEqual(checkedIn.map((e) => e.when));
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  });
});
