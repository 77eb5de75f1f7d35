/**
 * Named prepared statements on a PostgreSQL server (src/platform/db/database.ts): parameterised
 * statements are prepared once per connection, statements marked to be planned every time and
 * multi-statement texts are not, and a connection holds a bounded number of them. PGlite has no
 * named statements, so this file runs in the PostgreSQL pass of `.ci/run`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { planEveryTime, prepareStatements } from '../src/platform/db/database.js';

const url = process.env.DATABASE_URL;

describe.runIf(url)('prepared statements', () => {
  let client: pg.Client;
  const prepared = async () =>
    (await client.query<{ statement: string }>('select statement from pg_prepared_statements order by prepare_time')).rows.map((r) => r.statement);

  beforeAll(async () => {
    client = new pg.Client({ connectionString: url });
    await client.connect();
    prepareStatements(client, 2);
  });
  afterAll(async () => client?.end());

  it('prepares a parameterised statement once and reuses it', async () => {
    expect((await client.query('select $1::int + 1 as x', [1])).rows).toEqual([{ x: 2 }]);
    expect((await client.query({ text: 'select $1::int + 1 as x', values: [41] })).rows).toEqual([{ x: 42 }]);
    expect(await prepared()).toEqual(['select $1::int + 1 as x']);
  });

  it('leaves statements marked "plan every time" and multi-statement texts unnamed', async () => {
    const marked = new PgDialect().sqlToQuery(planEveryTime(sql`select ${5}::int as y`));
    expect((await client.query(marked.sql, marked.params)).rows).toEqual([{ y: 5 }]);
    await client.query('select 1; select 2');
    expect(await prepared()).toEqual(['select $1::int + 1 as x']);
  });

  it('holds at most its limit of named statements; the rest still run, unnamed', async () => {
    expect((await client.query('select $1::text as a', ['a'])).rows).toEqual([{ a: 'a' }]);
    expect((await client.query('select $1::text as b', ['b'])).rows).toEqual([{ b: 'b' }]);
    expect((await client.query('select $1::text as b', ['c'])).rows).toEqual([{ b: 'c' }]);
    expect(await prepared()).toEqual(['select $1::int + 1 as x', 'select $1::text as a']);
  });
});
