/**
 * The exact SQL and bindings each filter clause compiles to, against the real resource declarations
 * (no database): a change of a predicate's SQL, its parameters or its plan choice shows here first.
 * What the SQL selects is tested over HTTP in filter.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { compileFilter, compileSearch, compileSort } from '../../src/platform/query/compile.js';
import { parseFilter } from '../../src/platform/query/filter-parser.js';
import { identifiersOnly, valueDependent } from '../../src/platform/query/plan.js';
import { listStatements, selectList, type ResourceDef } from '../../src/platform/resource/resource.js';
import { ImsxError } from '../../src/platform/errors.js';
import { users } from '../../src/oneroster/rostering/users.resource.js';
import { enrollments } from '../../src/oneroster/rostering/enrollments.resource.js';
import { classes } from '../../src/oneroster/rostering/classes.resource.js';
import { results } from '../../src/oneroster/gradebook/results.resource.js';

const dialect = new PgDialect();
const resources: Record<string, ResourceDef> = { users, enrollments, classes, results };
const render = (statement: SQL) => {
  const { sql, params } = dialect.sqlToQuery(statement);
  return { sql, params };
};
const where = (def: ResourceDef, filter: string) => render(compileFilter(def.fields, parseFilter(filter)));
/** A filter of one predicate: the predicate inside its disjunction, conjunction and own parentheses. */
const one = (predicate: string) => `(((${predicate})))`;

const failure = (work: () => unknown): ImsxError => {
  try {
    work();
  } catch (error) {
    if (error instanceof ImsxError) return error;
    throw error;
  }
  throw new Error('compiled without an error');
};
const filterFailure = (def: ResourceDef, filter: string) => failure(() => where(def, filter));

describe('text: case-insensitive, the value lowered in the binding', () => {
  it.each([
    ["givenName='Ab'", 'lower(t.given_name) = $1', ['ab']],
    ["givenName!='Ab'", '(t.given_name is null or lower(t.given_name) <> $1)', ['ab']],
    ["givenName>'Ab'", 'lower(t.given_name) > $1', ['ab']],
    ["givenName>='Ab'", 'lower(t.given_name) >= $1', ['ab']],
    ["givenName<'Ab'", 'lower(t.given_name) < $1', ['ab']],
    ["givenName<='Ab'", 'lower(t.given_name) <= $1', ['ab']],
    ["givenName~'Ab'", 't.given_name ilike $1', ['%Ab%']],
    ["givenName@'Ab, CD ,ef'", 'lower(t.given_name) = any($1::text[])', [['ab', 'cd', 'ef']]],
    ["familyName='O''Brien'", 'lower(t.family_name) = $1', ["o'brien"]],
    ["status='active'", 'lower(t.status) = $1', ['active']],
  ])('%s', (filter, predicate, params) => {
    expect(where(users, filter)).toEqual({ sql: one(predicate), params });
  });
});

describe('~ escapes the LIKE wildcards, so a value matches literally', () => {
  it.each([
    ["givenName~'100%'", ['%100\\%%']],
    ["givenName~'a_b'", ['%a\\_b%']],
    ["givenName~'back\\slash'", ['%back\\\\slash%']],
    ["givenName~'%_\\'", ['%\\%\\_\\\\%']],
  ])('%s', (filter, params) => {
    expect(where(users, filter)).toEqual({ sql: one('t.given_name ilike $1'), params });
  });
});

describe('sourcedIds and references: compared exactly', () => {
  it.each([
    ["sourcedId='Ab-1'", 't.sourced_id = $1', ['Ab-1']],
    ["sourcedId!='Ab-1'", '(t.sourced_id is null or t.sourced_id <> $1)', ['Ab-1']],
    ["sourcedId>'Ab-1'", 't.sourced_id > $1', ['Ab-1']],
    ["sourcedId>='Ab-1'", 't.sourced_id >= $1', ['Ab-1']],
    ["sourcedId<'Ab-1'", 't.sourced_id < $1', ['Ab-1']],
    ["sourcedId<='Ab-1'", 't.sourced_id <= $1', ['Ab-1']],
    // "Contains" stays case-insensitive, as on text.
    ["sourcedId~'Ab-1'", 't.sourced_id ilike $1', ['%Ab-1%']],
    ["sourcedId@'Ab-1,Cd-2'", 't.sourced_id = any($1::text[])', [['Ab-1', 'Cd-2']]],
  ])('users %s', (filter, predicate, params) => {
    expect(where(users, filter)).toEqual({ sql: one(predicate), params });
  });

  it.each([
    ["lineItem.sourcedId='Li-1'", 't.line_item_sourced_id = $1', ['Li-1']],
    ["lineItemSourcedId='Li-1'", 't.line_item_sourced_id = $1', ['Li-1']],
    ["lineItem.sourcedId!='Li-1'", '(t.line_item_sourced_id is null or t.line_item_sourced_id <> $1)', ['Li-1']],
    ["lineItemSourcedId>'Li-1'", 't.line_item_sourced_id > $1', ['Li-1']],
    ["lineItem.sourcedId>='Li-1'", 't.line_item_sourced_id >= $1', ['Li-1']],
    ["lineItem.sourcedId<'Li-1'", 't.line_item_sourced_id < $1', ['Li-1']],
    ["lineItemSourcedId<='Li-1'", 't.line_item_sourced_id <= $1', ['Li-1']],
    ["lineItem.sourcedId~'Li'", 't.line_item_sourced_id ilike $1', ['%Li%']],
    ["lineItemSourcedId@'Li-1,Li-2'", 't.line_item_sourced_id = any($1::text[])', [['Li-1', 'Li-2']]],
    ["student.sourcedId='S-1'", 't.student_sourced_id = $1', ['S-1']],
    ["studentSourcedId='S-1'", 't.student_sourced_id = $1', ['S-1']],
  ])('results %s', (filter, predicate, params) => {
    expect(where(results, filter)).toEqual({ sql: one(predicate), params });
  });

  it('a computed reference compares its select expression (an enrollment’s course, from its class)', () => {
    const course = '(select c.course_sourced_id from classes c where c.sourced_id = t.class_sourced_id)';
    expect(where(enrollments, "course.sourcedId='C-1'")).toEqual({ sql: one(`${course} = $1`), params: ['C-1'] });
    expect(where(enrollments, "courseSourcedId@'C-1,C-2'")).toEqual({ sql: one(`${course} = any($1::text[])`), params: [['C-1', 'C-2']] });
  });
});

describe('numbers: compared as numbers, the value bound as a number', () => {
  it.each([
    ["score='1.5'", 't.score = $1', [1.5]],
    ["score!='1.5'", '(t.score is null or t.score <> $1)', [1.5]],
    ["score>'-2'", 't.score > $1', [-2]],
    ["score>='1e2'", 't.score >= $1', [100]],
    ["score<'90'", 't.score < $1', [90]],
    ["score<='90'", 't.score <= $1', [90]],
    ["score~'1.5'", 't.score::text like $1', ['%1.5%']],
    ["score@'1, 2.5'", 't.score = any($1::float8[])', [[1, 2.5]]],
  ])('%s', (filter, predicate, params) => {
    expect(where(results, filter)).toEqual({ sql: one(predicate), params });
  });

  it.each(["score='abc'", "score>'1,2'", "score@'1,x'", "score=''"])('%s → 400 invaliddata naming the field', (filter) => {
    const error = filterFailure(results, filter);
    expect([error.statusCode, error.codeMinor]).toEqual([400, 'invaliddata']);
    expect(error.details).toEqual([{ field: 'score', message: error.message }]);
  });
});

describe('booleans: "true"/"false" in any case, bound as booleans', () => {
  it.each([
    ["enabledUser='true'", 't.enabled_user = $1', [true]],
    ["enabledUser='FALSE'", 't.enabled_user = $1', [false]],
    ["enabledUser!='true'", 't.enabled_user is distinct from $1', [true]],
  ])('%s', (filter, predicate, params) => {
    expect(where(users, filter)).toEqual({ sql: one(predicate), params });
  });

  it.each([
    ["enabledUser='yes'", "'yes' is not true or false (filter on enabledUser)."],
    ["enabledUser>'true'", 'Operator > does not apply to the boolean field enabledUser.'],
    ["enabledUser~'true'", 'Operator ~ does not apply to the boolean field enabledUser.'],
    ["enabledUser@'true,false'", "'true,false' is not true or false (filter on enabledUser)."],
  ])('%s → 400', (filter, message) => {
    const error = filterFailure(users, filter);
    expect([error.statusCode, error.codeMinor, error.message]).toEqual([400, 'invaliddata', message]);
  });
});

describe('dates (text kept as sent): compared as lowered text, which orders ISO dates', () => {
  it.each([
    ["scoreDate='2026-09-09'", 'lower(t.score_date) = $1', ['2026-09-09']],
    ["scoreDate!='2026-09-09'", '(t.score_date is null or lower(t.score_date) <> $1)', ['2026-09-09']],
    ["scoreDate>'2026-09-09T10:00Z'", 'lower(t.score_date) > $1', ['2026-09-09t10:00z']],
    ["scoreDate>='2026-09-09'", 'lower(t.score_date) >= $1', ['2026-09-09']],
    ["scoreDate<'2026-09-09'", 'lower(t.score_date) < $1', ['2026-09-09']],
    ["scoreDate<='2026-09-09'", 'lower(t.score_date) <= $1', ['2026-09-09']],
    ["scoreDate~'2026-09'", 't.score_date ilike $1', ['%2026-09%']],
    ["scoreDate@'2026-09-09,2026-09-10'", 'lower(t.score_date) = any($1::text[])', [['2026-09-09', '2026-09-10']]],
  ])('%s', (filter, predicate, params) => {
    expect(where(results, filter)).toEqual({ sql: one(predicate), params });
  });
});

describe('dateLastModified: a timestamptz, the value cast to one', () => {
  const at = '2026-01-02T03:04:05.678Z';
  it.each([
    ['=', 't.date_last_modified = $1::timestamptz'],
    ['!=', 't.date_last_modified <> $1::timestamptz'],
    ['>', 't.date_last_modified > $1::timestamptz'],
    ['>=', 't.date_last_modified >= $1::timestamptz'],
    ['<', 't.date_last_modified < $1::timestamptz'],
    ['<=', 't.date_last_modified <= $1::timestamptz'],
  ])('dateLastModified%s', (op, predicate) => {
    expect(where(users, `dateLastModified${op}'${at}'`)).toEqual({ sql: one(predicate), params: [at] });
  });

  it('~ matches the text the API shows; @ binds a timestamptz[]; dates and offsets are accepted', () => {
    expect(where(users, "dateLastModified~'2026-01-02T03'")).toEqual({
      sql: one(`to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') like $1`),
      params: ['%2026-01-02T03%'],
    });
    expect(where(users, "dateLastModified@'2026-01-02, 2026-01-03 10:00+02:00'")).toEqual({
      sql: one('t.date_last_modified = any($1::timestamptz[])'),
      params: [['2026-01-02', '2026-01-03 10:00+02:00']],
    });
  });

  it.each(["dateLastModified>'yesterday'", "dateLastModified@'2026-01-02,soon'", "dateLastModified>'2026-01-02T03'"])(
    '%s → 400 invaliddata naming the field',
    (filter) => {
      const error = filterFailure(users, filter);
      expect([error.statusCode, error.codeMinor, error.details[0].field]).toEqual([400, 'invaliddata', 'dateLastModified']);
    },
  );
});

describe('multi-valued text: whole set, any member, member contains', () => {
  const members = 'array(select lower(m) from unnest(t.grades) as m)';
  it.each([
    [
      "grades='10,09'",
      `(${members} @> $1::text[] and ${members} <@ $2::text[])`,
      [
        ['10', '09'],
        ['10', '09'],
      ],
    ],
    ["grades!='09'", `not (${members} @> $1::text[] and ${members} <@ $2::text[])`, [['09'], ['09']]],
    ["grades@'Ten, 11'", `${members} && $1::text[]`, [['ten', '11']]],
    ["grades~'1_'", 'exists (select 1 from unnest(t.grades) as m where m ilike $1)', ['%1\\_%']],
  ])('%s', (filter, predicate, params) => {
    expect(where(users, filter)).toEqual({ sql: one(predicate), params });
  });

  it.each(['>', '>=', '<', '<='])('grades%s → 400', (op) => {
    const error = filterFailure(users, `grades${op}'09'`);
    expect([error.statusCode, error.codeMinor, error.message]).toEqual([400, 'invaliddata', `Operator ${op} does not apply to the multi-valued field grades.`]);
  });
});

describe('lists of references: members are sourcedIds, compared exactly', () => {
  it.each([
    [
      "terms.sourcedId='T-2,T-1'",
      '(t.term_sourced_ids @> $1::text[] and t.term_sourced_ids <@ $2::text[])',
      [
        ['T-2', 'T-1'],
        ['T-2', 'T-1'],
      ],
    ],
    ["termsSourcedId!='T-1'", 'not (t.term_sourced_ids @> $1::text[] and t.term_sourced_ids <@ $2::text[])', [['T-1'], ['T-1']]],
    ["terms@'T-1, T-2'", 't.term_sourced_ids && $1::text[]', [['T-1', 'T-2']]],
    ["terms.sourcedId~'T_'", 'exists (select 1 from unnest(t.term_sourced_ids) as m where m ilike $1)', ['%T\\_%']],
  ])('classes %s', (filter, predicate, params) => {
    expect(where(classes, filter)).toEqual({ sql: one(predicate), params });
  });

  it('a computed list (a user’s agents) compares its select expression', () => {
    const agents = 'array(select a.agent_sourced_id from user_agents a where a.user_sourced_id = t.sourced_id order by a.position, a.agent_sourced_id)';
    expect(where(users, "agentsSourcedId@'A-1'")).toEqual({ sql: one(`${agents} && $1::text[]`), params: [['A-1']] });
  });

  it('ordering operators → 400', () => {
    expect(filterFailure(classes, "terms>'T-1'").message).toBe('Operator > does not apply to the multi-valued field terms.');
  });
});

describe('metadata dot paths: the text at a jsonb path; numeric ranges compare as numbers', () => {
  const at = (n: number) => `(t.metadata #>> $${n}::text[])`;
  const path = '{"goals","dailyXp"}';
  const numeric = `(case when ${at(1)} ~ '^-?[0-9]+(\\.[0-9]+)?$' then ${at(2)}::numeric end)`;
  it.each([
    ["metadata.goals.dailyXp='Thirty'", `lower(${at(1)}) = $2`, [path, 'thirty']],
    ["metadata.goals.dailyXp!='30'", `(${at(1)} is null or lower(${at(2)}) <> $3)`, [path, path, '30']],
    ["metadata.goals.dailyXp>'30'", `${numeric} > $3::numeric`, [path, path, '30']],
    ["metadata.goals.dailyXp>='-1.5'", `${numeric} >= $3::numeric`, [path, path, '-1.5']],
    ["metadata.goals.dailyXp<'30'", `${numeric} < $3::numeric`, [path, path, '30']],
    ["metadata.goals.dailyXp<='30'", `${numeric} <= $3::numeric`, [path, path, '30']],
    // A range over a value that is not a number compares text.
    ["metadata.goals.dailyXp>'Abc'", `lower(${at(1)}) > $2`, [path, 'abc']],
    ["metadata.goals.dailyXp~'3%'", `${at(1)} ilike $2`, [path, '%3\\%%']],
    ["metadata.goals.dailyXp@'30,40'", `lower(${at(1)}) = any($2::text[])`, [path, ['30', '40']]],
    ["metadata.house='Blue'", `lower(${at(1)}) = $2`, ['{"house"}', 'blue']],
  ])('%s', (filter, predicate, params) => {
    expect(where(enrollments, filter)).toEqual({ sql: one(predicate), params });
  });

  it('metadata without a key → 400 invalid_filter_field', () => {
    const error = filterFailure(enrollments, "metadata='x'");
    expect([error.statusCode, error.codeMinor]).toEqual([400, 'invalid_filter_field']);
  });
});

describe('roles.* on users: a custom filter over user_roles', () => {
  const role = (condition: string) => `exists (select 1 from user_roles r where r.user_sourced_id = t.sourced_id and ${condition})`;
  it.each([
    ["roles.role='Student'", role('lower(r.role) = $1'), ['student']],
    ["roles='parent'", role('lower(r.role) = $1'), ['parent']],
    ["roles.role@'teacher,aide'", role('lower(r.role) = any($1::text[])'), [['teacher', 'aide']]],
    ["roles.roleType!='primary'", role('(r.role_type is null or lower(r.role_type) <> $1)'), ['primary']],
    ["roles.beginDate>='2026-08-01'", role('lower(r.begin_date) >= $1'), ['2026-08-01']],
    ["roles.userProfile~'p_1'", role('r.user_profile ilike $1'), ['%p\\_1%']],
    // The org is a reference: exact, like every sourcedId.
    ["roles.org.sourcedId='S-1'", role('r.org_sourced_id = $1'), ['S-1']],
    ["roles.orgSourcedId@'S-1,S-2'", role('r.org_sourced_id = any($1::text[])'), [['S-1', 'S-2']]],
    ["roles.org!='S-1'", role('(r.org_sourced_id is null or r.org_sourced_id <> $1)'), ['S-1']],
    ["roles.org.sourcedId~'S_'", role('r.org_sourced_id ilike $1'), ['%S\\_%']],
  ])('%s', (filter, predicate, params) => {
    expect(where(users, filter)).toEqual({ sql: one(predicate), params });
  });

  it.each(["roles.wizardry='x'", "roles.org.title='x'"])('%s → 400 invalid_filter_field', (filter) => {
    const error = filterFailure(users, filter);
    expect([error.statusCode, error.codeMinor, error.message]).toEqual([400, 'invalid_filter_field', `Unknown filter field '${filter.split('=')[0]}'.`]);
  });
});

describe('AND / OR: an OR of parenthesised ANDs, parameters numbered left to right', () => {
  it('AND binds tighter than OR', () => {
    expect(where(users, "givenName='A' AND familyName!='B' OR email~'c' AND sourcedId@'x,y' OR enabledUser='true'")).toEqual({
      sql:
        '(((lower(t.given_name) = $1) and ((t.family_name is null or lower(t.family_name) <> $2))) or ((t.email ilike $3) and (t.sourced_id = any($4::text[])))' +
        ' or ((t.enabled_user = $5)))',
      params: ['a', 'b', '%c%', ['x', 'y'], true],
    });
  });

  it('values never enter the text: SQL in a value is a binding', () => {
    expect(where(users, "givenName='x'' OR ''1''=''1' AND metadata.a='); drop table users; --'")).toEqual({
      sql: '(((lower(t.given_name) = $1) and (lower((t.metadata #>> $2::text[])) = $3)))',
      params: ["x' or '1'='1", '{"a"}', '); drop table users; --'],
    });
  });
});

describe('fields that cannot be filtered → 400 invalid_filter_field naming them', () => {
  it.each([
    ['users', 'nope'],
    ['users', 'givenname'],
    ['users', 'givenName.x'],
    ['users', 'sourcedId.x'],
    ['users', 'sourcedIdSourcedId'],
    // Write-only: a password must not be probed through filters, under any name.
    ['users', 'password'],
    ['users', 'password.x'],
    ['users', 'passwordSourcedId'],
    ['classes', 'course.title'],
    ['classes', 'titleSourcedId'],
    ['results', 'lineItem.sourcedId.x'],
  ])('%s: %s', (name, field) => {
    const error = filterFailure(resources[name], `${field}='x'`);
    expect(error).toMatchObject({ statusCode: 400, codeMinor: 'invalid_filter_field', message: `Unknown filter field '${field}'.` });
    expect(error.details).toEqual([{ field, message: 'not a filterable field' }]);
  });
});

describe('sort and search', () => {
  it('sort: the field, nulls at the end of its direction, the sourcedId as tiebreak', () => {
    expect(render(compileSort(users.fields, undefined, undefined))).toEqual({ sql: 't.sourced_id asc', params: [] });
    expect(render(compileSort(users.fields, undefined, 'DESC'))).toEqual({ sql: 't.sourced_id desc', params: [] });
    expect(render(compileSort(users.fields, 'familyName', undefined))).toEqual({ sql: 't.family_name asc nulls last, t.sourced_id asc', params: [] });
    expect(render(compileSort(users.fields, 'familyName', 'desc'))).toEqual({ sql: 't.family_name desc nulls first, t.sourced_id desc', params: [] });
    expect(render(compileSort(results.fields, 'lineItem', 'asc'))).toEqual({ sql: 't.line_item_sourced_id asc nulls last, t.sourced_id asc', params: [] });
    expect(render(compileSort(users.fields, 'dateLastModified', 'asc'))).toEqual({ sql: 't.date_last_modified asc nulls last, t.sourced_id asc', params: [] });
    // The path is bound as a text[] literal with quoted keys, as in filters (`{null}` would hold a NULL, not "null").
    expect(render(compileSort(enrollments.fields, 'metadata.goals.null', 'desc'))).toEqual({
      sql: '(t.metadata #>> $1::text[]) desc nulls first, t.sourced_id desc',
      params: ['{"goals","null"}'],
    });
  });

  it.each([
    ['roles', undefined, "Unknown sort field 'roles'."],
    ['agents', undefined, "Unknown sort field 'agents'."],
    ['password', undefined, "Unknown sort field 'password'."],
    ['roles.role', undefined, "Unknown sort field 'roles.role'."],
    ['familyName', 'sideways', "orderBy must be asc or desc, not 'sideways'."],
  ])('sort=%s orderBy=%s → 400 invaliddata', (sort, orderBy, message) => {
    const error = failure(() => compileSort(users.fields, sort, orderBy));
    expect([error.statusCode, error.codeMinor, error.message]).toEqual([400, 'invaliddata', message]);
  });

  it('search: an OR of "contains" over the search fields, the term trimmed and escaped', () => {
    expect(render(compileSearch(users.fields, users.searchFields, ' 50%_off '))).toEqual({
      sql: '(t.given_name ilike $1 or t.family_name ilike $2 or t.email ilike $3)',
      params: ['%50\\%\\_off%', '%50\\%\\_off%', '%50\\%\\_off%'],
    });
    expect(render(compileSearch(results.fields, results.searchFields, 'x'))).toEqual({
      sql: '(t.score_status ilike $1 or t.comment ilike $2 or t.text_score ilike $3 or t.student_sourced_id ilike $4 or t.line_item_sourced_id ilike $5)',
      params: ['%x%', '%x%', '%x%', '%x%', '%x%'],
    });
  });
});

describe('plan choice (plan.ts): equality on identifiers keeps a prepared plan', () => {
  it.each([
    ['results', "sourcedId='r-1'"],
    ['results', "lineItem.sourcedId='li-1'"],
    ['results', "lineItemSourcedId='li-1'"],
    ['results', "lineItemSourcedId='li-1' AND student.sourcedId='s-1' OR sourcedId='r-1'"],
    ['enrollments', "courseSourcedId='c-1'"],
    ['classes', "terms.sourcedId='t-1'"],
  ])('%s: %s → identifiers only, not value dependent', (name, filter) => {
    const ast = parseFilter(filter);
    expect(identifiersOnly(resources[name].fields, ast)).toBe(true);
    expect(valueDependent(resources[name].fields, { filter: ast })).toBe(false);
  });

  it.each([
    ['results', "lineItem.sourcedId@'li-1,li-2'"],
    ['results', "lineItemSourcedId!='li-1'"],
    ['results', "lineItemSourcedId>'li-1'"],
    ['results', "scoreStatus='submitted'"],
    ['results', "lineItemSourcedId='li-1' AND score>'50'"],
    ['results', "lineItemSourcedId='li-1' OR comment~'late'"],
    ['results', "dateLastModified>'2026-01-01'"],
    ['users', "roles.orgSourcedId='s-1'"],
    ['enrollments', "metadata.goals.dailyXp='30'"],
  ])('%s: %s → planned every time', (name, filter) => {
    const ast = parseFilter(filter);
    expect(identifiersOnly(resources[name].fields, ast)).toBe(false);
    expect(valueDependent(resources[name].fields, { filter: ast })).toBe(true);
  });

  it('a search is value dependent; no filter and a blank search are not', () => {
    expect(valueDependent(results.fields, {})).toBe(false);
    expect(valueDependent(results.fields, { search: '   ' })).toBe(false);
    expect(valueDependent(results.fields, { search: 'late' })).toBe(true);
    expect(valueDependent(results.fields, { filter: parseFilter("lineItemSourcedId='li-1'"), search: 'late' })).toBe(true);
  });

  it('an unknown field in the filter is refused, not judged', () => {
    expect(failure(() => identifiersOnly(results.fields, parseFilter("nope='x'"))).codeMinor).toBe('invalid_filter_field');
  });
});

describe('listStatements: the page and the count of one filtered list', () => {
  // The select list itself is pinned by sql/gradebook/results.sql.
  const columns = () => render(selectList(results)).sql;
  const scope = "exists (select 1 from line_items li where li.sourced_id = t.line_item_sourced_id and li.status <> 'tobedeleted')";

  it("results?filter=lineItem.sourcedId='…': prepared (no marker), limit and offset in the text", () => {
    const { page, count } = listStatements(results, [], {
      filter: parseFilter("lineItem.sourcedId='li-1'"),
      sort: 'score',
      orderBy: 'desc',
      limit: 10,
      offset: 20,
    });
    const conditions = `${scope} and t.status <> 'tobedeleted' and (((t.line_item_sourced_id = $1)))`;
    const order = 't.score desc nulls first, t.sourced_id desc';
    expect(render(page)).toEqual({
      sql: `select ${columns()} from "results" t where t.sourced_id in (select t.sourced_id from "results" t where ${conditions} order by ${order} limit 10 offset 20) order by ${order}`,
      params: ['li-1'],
    });
    expect(render(count)).toEqual({ sql: `select count(*)::int as total from "results" t where ${conditions}`, params: ['li-1'] });
  });

  it("results?filter=dateLastModified>'…'&search=…: planned every time, deleted rows in view", () => {
    const { page, count } = listStatements(results, [], { filter: parseFilter("dateLastModified>'2026-01-01'"), search: 'late', limit: 100, offset: 0 });
    const conditions =
      `${scope} and (((t.date_last_modified > $1::timestamptz)))` +
      ' and (t.score_status ilike $2 or t.comment ilike $3 or t.text_score ilike $4 or t.student_sourced_id ilike $5 or t.line_item_sourced_id ilike $6)';
    const params = ['2026-01-01', '%late%', '%late%', '%late%', '%late%', '%late%'];
    expect(render(page)).toEqual({
      sql: `/* plan every time */ select ${columns()} from "results" t where t.sourced_id in (select t.sourced_id from "results" t where ${conditions} order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc`,
      params,
    });
    expect(render(count)).toEqual({ sql: `/* plan every time */ select count(*)::int as total from "results" t where ${conditions}`, params });
  });
});
