/**
 * `npx tsx bench/write-many.ts [--db postgres|pglite] [--rows 10000] [--runs 5] [--single 1000] [--students N]`
 *
 * The set-based write path against the one-row one. Seeds a school with one class of students (one per
 * result by default), then in each of `--runs` runs:
 * - `writeMany` create: `--rows` results of a new line item, one per student, in one transaction;
 * - `writeMany` replace: the same rows again, every one an update (the upsert of a re-sync);
 * - `writeRecord`: `--single` results of another new line item one by one, each in its own transaction,
 *   as `PUT /results/{id}` writes them (without HTTP, one client).
 * Prints the median rows/s of each and every run's figure. PostgreSQL (DATABASE_URL, or
 * postgres://postgres@127.0.0.1:5432/test) gets a throwaway schema; PGlite a temporary directory; both
 * are removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.js';
import { openDatabase, type Database } from '../src/platform/db/database.js';
import { insertRowsStatement } from '../src/platform/db/insert-rows.js';
import { writeMany, writeRecord, type ResourceDef } from '../src/platform/resource/resource.js';
import { orgs } from '../src/oneroster/rostering/orgs.resource.js';
import { academicSessions } from '../src/oneroster/rostering/academic-sessions.resource.js';
import { courses } from '../src/oneroster/rostering/courses.resource.js';
import { classes } from '../src/oneroster/rostering/classes.resource.js';
import { userRolesTable, usersTable } from '../src/oneroster/rostering/users.resource.js';
import { enrollmentsTable } from '../src/oneroster/rostering/enrollments.resource.js';
import { categories } from '../src/oneroster/gradebook/categories.resource.js';
import { lineItems } from '../src/oneroster/gradebook/line-items.resource.js';
import { results } from '../src/oneroster/gradebook/results.resource.js';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres' },
    rows: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '5' },
    single: { type: 'string', default: '1000' },
    students: { type: 'string' },
  },
});
if (args.db !== 'postgres' && args.db !== 'pglite') throw new Error('--db must be postgres or pglite');
const batchRows = Number(args.rows);
const runs = Number(args.runs);
const singleRows = Number(args.single);
// One result per student and line item, as a gradebook holds them.
const students = Number(args.students ?? Math.max(batchRows, singleRows));

const databaseUrl = args.db === 'postgres' ? (process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test') : undefined;
const schema = databaseUrl ? `bench_write_many_${Date.now()}` : undefined;
const dataDir = databaseUrl ? 'memory://' : mkdtempSync(join(tmpdir(), 'learnstack-write-many-'));

type Row = Record<string, unknown>;
const studentId = (i: number) => `student-${String(i).padStart(6, '0')}`;
const ref = (sourcedId: string) => ({ sourcedId });

/**
 * A school, a term, a course, a category and one class with its students enrolled: what results need.
 * The students go straight into their tables, as the seed loader writes them (their write path is not
 * what is measured here, and its per-row role hook would take minutes for 10,000 on PGlite).
 */
async function seed(db: Database): Promise<void> {
  const write = (def: ResourceDef, rows: Row[]) => db.transaction((tx) => writeMany(tx, def, rows, 'create'));
  // A batch's references must exist before it: the district first, then its school.
  await write(orgs, [{ sourcedId: 'district', name: 'District', type: 'district' }]);
  await write(orgs, [{ sourcedId: 'school', name: 'School', type: 'school', parent: ref('district') }]);
  await write(academicSessions, [{ sourcedId: 'term', title: 'Fall', type: 'term', startDate: '2026-08-01', endDate: '2026-12-20', schoolYear: '2027' }]);
  await write(courses, [{ sourcedId: 'course', title: 'Algebra I', org: ref('school') }]);
  await write(classes, [{ sourcedId: 'class', title: 'Algebra I - P1', course: ref('course'), school: ref('school'), terms: [ref('term')] }]);
  await write(categories, [{ sourcedId: 'category', title: 'Homework' }]);
  const ids = Array.from({ length: students }, (_, i) => studentId(i));
  await db.transaction(async (tx) => {
    const u = usersTable;
    await tx.execute(insertRowsStatement({ table: u, columns: [u.sourcedId, u.givenName, u.familyName], rows: ids.map((id) => [id, 'Student', id]) }));
    const r = userRolesTable;
    await tx.execute(
      insertRowsStatement({
        table: r,
        columns: [r.userSourcedId, r.position, r.roleType, r.role, r.orgSourcedId],
        rows: ids.map((id) => [id, 0, 'primary', 'student', 'school']),
      }),
    );
    const e = enrollmentsTable;
    await tx.execute(
      insertRowsStatement({
        table: e,
        columns: [e.sourcedId, e.role, e.userSourcedId, e.classSourcedId, e.schoolSourcedId],
        rows: ids.map((id) => [`enrollment-${id}`, 'student', id, 'class', 'school']),
      }),
    );
  });
}

const newLineItem = (db: Database, sourcedId: string) =>
  db.transaction((tx) =>
    writeRecord(
      tx,
      lineItems,
      { sourcedId, title: sourcedId, assignDate: '2026-09-01', dueDate: '2026-09-08', class: ref('class'), category: ref('category') },
      'create',
    ),
  );

const resultRows = (lineItem: string, count: number, score: number): Row[] =>
  Array.from({ length: count }, (_, i) => ({
    sourcedId: `${lineItem}-result-${i}`,
    lineItem: ref(lineItem),
    student: ref(studentId(i % students)),
    scoreStatus: 'fully graded',
    score,
    scoreDate: '2026-09-09T10:15:00.000Z',
  }));

/** Rows per second of one timed piece of work. */
async function rate(rows: number, work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return rows / ((performance.now() - started) / 1000);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const count = (n: number) => n.toLocaleString('en');
const report = (name: string, rates: number[]) =>
  process.stdout.write(
    `${name.padEnd(52)}${count(Math.round(median(rates))).padStart(8)} rows/s (median; runs ${rates.map((r) => count(Math.round(r))).join(', ')})\n`,
  );
// The machine may be shared: the load says how much of it the figures had.
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');

async function main() {
  const db = await openDatabase(loadConfig({}, { databaseUrl, databaseSchema: schema, dataDir, logLevel: 'silent' }));
  try {
    await db.migrate();
    await seed(db);
    // Planner statistics for the seeded tables, as a database in use would have them.
    await db.drizzle.execute(sql`analyze`);
    process.stdout.write(
      `write-many bench on ${args.db}: ${count(students)} students, ${count(batchRows)} results per batch, ${count(singleRows)} single-row writes, ${runs} runs; load ${load()}\n`,
    );

    const created: number[] = [];
    const replaced: number[] = [];
    const single: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const lineItem = `line-item-${run}`;
      await newLineItem(db, lineItem);
      const first = resultRows(lineItem, batchRows, 80);
      const again = resultRows(lineItem, batchRows, 85);
      created.push(await rate(batchRows, () => db.transaction((tx) => writeMany(tx, results, first, 'create'))));
      replaced.push(await rate(batchRows, () => db.transaction((tx) => writeMany(tx, results, again, 'replace'))));

      const oneByOne = `line-item-single-${run}`;
      await newLineItem(db, oneByOne);
      const rows = resultRows(oneByOne, singleRows, 80);
      single.push(
        await rate(singleRows, async () => {
          // One transaction per row, as PUT /results/{id} writes it.
          for (const row of rows) await db.transaction((tx) => writeRecord(tx, results, row, 'replace', row.sourcedId as string));
        }),
      );
    }
    report(`writeMany create, ${count(batchRows)} rows in one transaction`, created);
    report(`writeMany replace (all exist), ${count(batchRows)} rows`, replaced);
    report(`writeRecord, ${count(singleRows)} rows one transaction each`, single);
    process.stdout.write(`load ${load()}\n`);
  } finally {
    await db.close();
    if (!databaseUrl) rmSync(dataDir, { recursive: true, force: true });
    if (databaseUrl && schema) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
