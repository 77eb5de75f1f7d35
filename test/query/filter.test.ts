/**
 * The `filter` grammar through HTTP: every operator on every kind of field, AND/OR precedence,
 * metadata and reference paths, multi-valued fields, errors, and hostile input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { codeMinor, createTestContext, seedRoster, ROSTER, type TestContext } from '../helpers.js';
import { rows } from '../../src/platform/db/database.js';

let ctx: TestContext;
let id: (s: string) => string;
let seededAt: string;

const HOSTILE_NAME = "Robert'); DROP TABLE users; --";

beforeAll(async () => {
  ctx = await createTestContext();
  seededAt = new Date(Date.now() - 1000).toISOString();
  ({ id } = await seedRoster(ctx, 'q'));
  const school = { sourcedId: id('school') };
  const user = async (sourcedId: string, fields: Record<string, unknown>) => {
    const res = await ctx.request('POST', `${ROSTER}/users`, {
      body: { user: { sourcedId: id(sourcedId), roles: [{ roleType: 'primary', role: 'student', org: school }], ...fields } },
    });
    if (res.statusCode !== 201) throw new Error(res.body);
  };
  await user('obrien', { givenName: 'Conan', familyName: "O'Brien", grades: ['11'], metadata: { house: 'Green', level: 12, nested: { score: 5 } } });
  await user('percent', { givenName: '100%', familyName: 'Under_score', middleName: 'Back\\slash', enabledUser: false });
  await user('unicode', { givenName: 'Zoë', familyName: 'Ñúñez', email: 'zoe@example.edu' });
  await user('hostile', { givenName: HOSTILE_NAME, familyName: 'Tables' });
});
afterAll(async () => ctx?.close());

const list = async (collection: string, filter: string, key = collection.split('/').pop()!) => {
  const res = await ctx.request('GET', `${ROSTER}${collection}?limit=1000&filter=${encodeURIComponent(filter)}`);
  expect(res.statusCode, `${filter} → ${res.body}`).toBe(200);
  return (res.json()[key] as { sourcedId: string }[]).map((o) => o.sourcedId).sort();
};
const users = (filter: string) => list('/users', filter);
const m = (...names: string[]) => names.map((n) => id(n)).sort();
const ALL_USERS = ['teacher', 'bart', 'lisa', 'milhouse', 'homer', 'obrien', 'percent', 'unicode', 'hostile'];
const rejected = async (url: string) => {
  const res = await ctx.request('GET', `${ROSTER}${url}`);
  expect(res.statusCode, url).toBe(400);
  return res;
};
const filterUrl = (filter: string, collection = '/users') => `${collection}?filter=${encodeURIComponent(filter)}`;

describe('operators on text', () => {
  it.each([
    ["familyName='Simpson'", ['bart', 'lisa', 'homer']],
    ["familyName='sIMPSON'", ['bart', 'lisa', 'homer']],
    ["familyName!='Simpson'", ['teacher', 'milhouse', 'obrien', 'percent', 'unicode', 'hostile']],
    ["givenName>'m'", ['milhouse', 'unicode', 'hostile']],
    ["givenName>='Milhouse'", ['milhouse', 'unicode', 'hostile']],
    ["givenName<'c'", ['bart', 'percent']],
    ["givenName<='Conan'", ['bart', 'percent', 'obrien']],
    ["familyName~'imps'", ['bart', 'lisa', 'homer']],
    ["familyName~'IMPS'", ['bart', 'lisa', 'homer']],
    ["familyName@'simpson,muntz,Van Houten'", ['bart', 'lisa', 'homer', 'milhouse']],
    ["familyName@'Simpson, Van Houten'", ['bart', 'lisa', 'homer', 'milhouse']],
    ["middleName!='x'", ALL_USERS],
    ["email~'@example.edu' AND email!='zoe@example.edu'", ['teacher', 'bart', 'lisa', 'milhouse', 'homer']],
  ])('%s', async (filter, expected) => {
    expect(await users(filter)).toEqual(m(...expected));
  });

  it('sourcedIds compare exactly', async () => {
    expect(await users(`sourcedId='${id('bart')}'`)).toEqual(m('bart'));
    expect(await users(`sourcedId@'${id('bart')},${id('lisa')},nope'`)).toEqual(m('bart', 'lisa'));
    expect(await users(`sourcedId~'q-b'`)).toEqual(m('bart'));
    expect(await users(`sourcedId!='${id('bart')}'`)).toHaveLength(ALL_USERS.length - 1);
  });

  it('status: = and @', async () => {
    expect(await users("status='active'")).toEqual(m(...ALL_USERS));
    expect(await users("status@'active,tobedeleted'")).toEqual(m(...ALL_USERS));
    expect(await users("status='tobedeleted'")).toEqual([]);
  });
});

describe('dates and date-times', () => {
  it.each([
    ["endDate<'2026-12-20'", ['gp1']],
    ["endDate<='2026-12-20'", ['gp1', 'term']],
    ["endDate>='2026-12-20'", ['term', 'year']],
    ["endDate>'2026-12-20'", ['year']],
    ["endDate='2026-12-20'", ['term']],
    ["endDate!='2026-12-20'", ['gp1', 'year']],
    ["endDate>='2026-10-15' AND endDate<='2026-12-20'", ['gp1', 'term']],
    ["startDate>='2026-08-01' AND startDate<'2026-08-02'", ['gp1', 'term', 'year']],
    ["endDate@'2026-10-15,2027-06-30'", ['gp1', 'year']],
    ["endDate~'2026-1'", ['gp1', 'term']],
  ])('sessions %s', async (filter, expected) => {
    expect(await list('/academicSessions', filter)).toEqual(m(...expected));
  });

  it('enrollment beginDate ranges', async () => {
    expect(await list('/enrollments', "beginDate>='2026-08-01'")).toEqual(m('e-bart'));
    expect(await list('/enrollments', "beginDate<'2026-08-01'")).toEqual([]);
  });

  it('dateLastModified: delta sync with date-times and dates', async () => {
    expect(await users(`dateLastModified>'${seededAt}'`)).toEqual(m(...ALL_USERS));
    expect(await users(`dateLastModified<'${seededAt}'`)).toEqual([]);
    expect(await users("dateLastModified>'2099-01-01'")).toEqual([]);
    expect(await users("dateLastModified>='2020-01-01'")).toEqual(m(...ALL_USERS));
    expect(await users("dateLastModified>'2020-01-01T00:00:00+02:00'")).toEqual(m(...ALL_USERS));
    const later = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const changed = await ctx.request('PUT', `${ROSTER}/users/${id('homer')}`, {
      body: { user: { givenName: 'Homer', familyName: 'Simpson', roles: [{ roleType: 'primary', role: 'parent', org: { sourcedId: id('school') } }] } },
    });
    expect(changed.statusCode).toBe(200);
    expect(await users(`dateLastModified>'${later}'`)).toEqual(m('homer'));
  });

  it('a value that is not a date-time → 400 naming the field', async () => {
    const res = await rejected(filterUrl("dateLastModified>'yesterday'"));
    expect(codeMinor(res)).toBe('invaliddata');
    expect(res.json().imsx_description).toContain('dateLastModified');
    await rejected(filterUrl("dateLastModified@'2020-01-01,soon'"));
  });
});

describe('AND / OR', () => {
  it.each([
    ["familyName='Simpson' AND givenName='Bart'", ['bart']],
    ["familyName='Simpson' AND givenName='Bart' OR givenName='Milhouse'", ['bart', 'milhouse']],
    ["givenName='Milhouse' OR familyName='Simpson' AND givenName='Lisa'", ['milhouse', 'lisa']],
    ["givenName='Bart' OR givenName='Lisa' OR givenName='Edna' OR givenName='Nobody'", ['bart', 'lisa', 'teacher']],
    ["familyName='Simpson' AND givenName!='Homer' AND grades~'10'", ['lisa']],
    ["familyName='Simpson' AND givenName='Homer' OR familyName='Simpson' AND givenName='Lisa' OR sourcedId='nope'", ['homer', 'lisa']],
    ["givenName='Bart' and givenName='Bart' or givenName='Lisa'", ['bart', 'lisa']],
  ])('%s', async (filter, expected) => {
    expect(await users(filter)).toEqual(m(...expected));
  });
});

describe('booleans', () => {
  it('TrueFalse fields compare to true/false', async () => {
    expect(await users("enabledUser='false'")).toEqual(m('percent'));
    expect(await users("enabledUser='TRUE'")).toHaveLength(ALL_USERS.length - 1);
    expect(await users("enabledUser!='true'")).toEqual(m('percent'));
    expect(await list('/enrollments', "primary='true'")).toEqual(m('e-teacher'));
  });

  it('other values or operators → 400', async () => {
    await rejected(filterUrl("enabledUser='yes'"));
    await rejected(filterUrl("enabledUser>'true'"));
  });
});

describe('metadata paths', () => {
  it.each([
    ["metadata.house='blue'", ['bart']],
    ["metadata.house='BLUE'", ['bart']],
    ["metadata.house~'re'", ['lisa', 'obrien']],
    ["metadata.house@'red,green'", ['lisa', 'obrien']],
    ["metadata.house!='blue'", ['teacher', 'lisa', 'milhouse', 'homer', 'obrien', 'percent', 'unicode', 'hostile']],
    ["metadata.level>'5'", ['lisa', 'obrien']],
    ['metadata.level>=7', ['lisa', 'obrien']],
    ["metadata.level<='3'", ['bart']],
    ["metadata.level<'12' AND metadata.level>'3'", ['lisa']],
    ["metadata.level='12'", ['obrien']],
    ["metadata.nested.score='5'", ['obrien']],
    ["metadata.missing='x'", []],
  ])('%s', async (filter, expected) => {
    if (filter === 'metadata.level>=7') {
      // Values must be quoted: an unquoted number is malformed.
      await rejected(filterUrl(filter));
      return;
    }
    expect(await users(filter)).toEqual(m(...expected));
  });

  it('metadata without a key → 400 invalid_filter_field', async () => {
    expect(codeMinor(await rejected(filterUrl("metadata='x'")))).toBe('invalid_filter_field');
  });

  it('metadata paths work on enrollments after a PATCH', async () => {
    const res = await ctx.request('PATCH', `${ROSTER}/enrollments/${id('e-lisa')}`, { body: { enrollment: { metadata: { goals: { dailyXp: 40 } } } } });
    expect(res.statusCode).toBe(200);
    expect(await list('/enrollments', "metadata.goals.dailyXp>='30'")).toEqual(m('e-lisa'));
  });
});

describe('references', () => {
  it.each([
    ['/classes', `course.sourcedId='q-course'`, ['class']],
    ['/classes', `courseSourcedId='q-course'`, ['class']],
    ['/classes', `school.sourcedId='q-school2'`, []],
    ['/classes', `schoolSourcedId@'q-school,q-school2'`, ['class']],
    ['/enrollments', `user.sourcedId='q-bart'`, ['e-bart']],
    ['/enrollments', `userSourcedId='q-bart' OR classSourcedId='nope'`, ['e-bart']],
    ['/enrollments', `class.sourcedId='q-class' AND role='student'`, ['e-bart', 'e-lisa']],
    ['/enrollments', `school.sourcedId='q-school'`, ['e-teacher', 'e-bart', 'e-lisa']],
    ['/academicSessions', `parent.sourcedId='q-term'`, ['gp1']],
    ['/academicSessions', `parentSourcedId='q-year'`, ['term']],
    ['/orgs', `parent.sourcedId='q-district'`, ['school', 'school2']],
    ['/courses', `orgSourcedId='q-school' AND schoolYear.sourcedId='q-year'`, ['course']],
  ])('%s %s', async (collection, filter, expected) => {
    expect(await list(collection, filter)).toEqual(m(...expected));
  });

  it('a reference path other than sourcedId → 400 invalid_filter_field', async () => {
    expect(codeMinor(await rejected(filterUrl("course.title='Algebra I'", '/classes')))).toBe('invalid_filter_field');
    expect(codeMinor(await rejected(filterUrl("titleSourcedId='x'", '/classes')))).toBe('invalid_filter_field');
  });
});

describe('multi-valued fields', () => {
  it.each([
    ["grades='09'", ['bart']],
    ["grades='10,09'", ['lisa']],
    ["grades='09,10'", ['lisa']],
    ["grades='09,10,11'", []],
    ["grades~'10'", ['lisa', 'milhouse']],
    ["grades~'1'", ['lisa', 'milhouse', 'obrien']],
    ["grades@'11,10'", ['lisa', 'milhouse', 'obrien']],
    ["grades!='09'", ['teacher', 'lisa', 'milhouse', 'homer', 'obrien', 'percent', 'unicode', 'hostile']],
  ])('users %s', async (filter, expected) => {
    expect(await users(filter)).toEqual(m(...expected));
  });

  it('on reference lists (class terms) and the binding subjects', async () => {
    expect(await list('/classes', "terms.sourcedId='q-term'")).toEqual(m('class'));
    expect(await list('/classes', "terms~'q-te'")).toEqual(m('class'));
    // References are sourcedIds: compared exactly, also in a list.
    expect(await list('/classes', "terms.sourcedId='Q-TERM'")).toEqual([]);
    expect(await list('/classes', "termsSourcedId@'Q-TERM,q-term'")).toEqual(m('class'));
    expect(await list('/classes', "periods='1'")).toEqual(m('class'));
    expect(await list('/courses', "subjects='math'")).toEqual(m('course'));
    expect(await list('/courses', "grades@'09,12'")).toEqual(m('course'));
  });

  it('ordering operators on a multi-valued field → 400', async () => {
    await rejected(filterUrl("grades>'09'"));
  });
});

describe('user roles', () => {
  it.each([
    ["roles.role='student'", ['bart', 'lisa', 'milhouse', 'obrien', 'percent', 'unicode', 'hostile']],
    ["roles.role='TEACHER'", ['teacher']],
    ["roles.role@'teacher,parent'", ['teacher', 'homer']],
    ["roles.roleType='primary' AND roles.role='parent'", ['homer']],
    [`roles.org.sourcedId='q-school'`, ALL_USERS],
    [`roles.org.sourcedId='q-school2'`, []],
    [`roles.org.sourcedId='Q-SCHOOL'`, []],
    [`roles.orgSourcedId='q-school' AND roles.role='teacher'`, ['teacher']],
  ])('%s', async (filter, expected) => {
    expect(await users(filter)).toEqual(m(...expected));
  });

  it('`roles` alone means the role', async () => {
    expect(await users("roles='parent'")).toEqual(m('homer'));
  });

  it('an unknown role path → 400 invalid_filter_field', async () => {
    expect(codeMinor(await rejected(filterUrl("roles.wizardry='x'")))).toBe('invalid_filter_field');
  });
});

describe('filters on views and nested collections', () => {
  it('combine with the view and the path', async () => {
    expect(await list('/students', "givenName='Edna'", 'users')).toEqual([]);
    expect(await list('/users', "givenName~'n'", 'users')).toEqual(m('teacher', 'obrien'));
    expect(await list('/students', "givenName~'n'", 'users')).toEqual(m('obrien'));
    expect(await list(`/classes/${id('class')}/students`, "givenName='Bart'", 'users')).toEqual(m('bart'));
    expect(await list('/schools', "type='district'", 'orgs')).toEqual([]);
    expect(await list('/terms', "type='schoolYear'", 'academicSessions')).toEqual([]);
  });
});

describe('errors', () => {
  it.each(['nope', 'givenname', 'password', 'course.sourcedId', 'sourcedId.x', 'givenName.x'])(
    'unknown field %s → 400 invalid_filter_field naming it',
    async (field) => {
      const res = await rejected(filterUrl(`${field}='x'`));
      expect(codeMinor(res)).toBe('invalid_filter_field');
      expect(res.json().imsx_description).toContain(field);
    },
  );

  it.each([
    ["familyName='Simpson", 'missing closing quote'],
    ['familyName=Simpson', 'missing quotes'],
    ["familyName='Simpson''", 'unterminated after a doubled quote'],
    ["familyName=='Simpson'", 'bad operator'],
    ["familyName<>'Simpson'", 'bad operator'],
    ["familyName LIKE 'Simpson'", 'bad operator'],
    ["familyName='Simpson' AND", 'dangling AND'],
    ["familyName='Simpson' OR ", 'dangling OR'],
    ['', 'empty'],
    ['   ', 'blank'],
    ["(familyName='Simpson')", 'parentheses'],
  ])('%j (%s) → 400 invaliddata', async (filter) => {
    const res = await rejected(filterUrl(filter));
    expect(codeMinor(res)).toBe('invaliddata');
  });

  it('a filter given twice → 400', async () => {
    await rejected(`/users?filter=${encodeURIComponent("givenName='Bart'")}&filter=${encodeURIComponent("givenName='Lisa'")}`);
  });
});

describe('hostile input', () => {
  it("a doubled quote is a quote: O''Brien", async () => {
    expect(await users("familyName='O''Brien'")).toEqual(m('obrien'));
    expect(await users("familyName~''''")).toEqual(m('obrien'));
  });

  it('semicolons, comments and SQL inside values are just text', async () => {
    expect(await users(`givenName='${HOSTILE_NAME.replace(/'/g, "''")}'`)).toEqual(m('hostile'));
    expect(await users("givenName~'; DROP TABLE users; --'")).toEqual(m('hostile'));
    expect(await users("familyName='x'' OR ''1''=''1'")).toEqual([]);
    expect(await users("familyName='SELECT * FROM users'")).toEqual([]);
    expect(await users("familyName~'UNION SELECT' OR givenName~'pg_sleep(10)'")).toEqual([]);
    expect(await users("metadata.house='x''; DELETE FROM users; --'")).toEqual([]);
    expect(await users("grades@'09'', ''10'")).toEqual([]);
  });

  it('SQL after a closed value is a malformed filter', async () => {
    await rejected(filterUrl("familyName='x'; DROP TABLE users; --"));
    await rejected(filterUrl("familyName='x' OR 1=1"));
    await rejected(filterUrl("familyName='x' --"));
  });

  it('field names cannot carry SQL', async () => {
    await rejected(filterUrl("familyName;DROP TABLE users='x'"));
    await rejected(filterUrl("metadata.a'b='x'"));
    await rejected(filterUrl('"familyName"=\'x\''));
  });

  it('% _ and \\ in ~ are matched literally', async () => {
    expect(await users("givenName~'%'")).toEqual(m('percent'));
    expect(await users("givenName~'0%'")).toEqual(m('percent'));
    expect(await users("familyName~'_'")).toEqual(m('percent'));
    expect(await users("familyName~'r_s'")).toEqual(m('percent'));
    expect(await users("middleName~'\\'")).toEqual(m('percent'));
    expect(await users("middleName~'k\\s'")).toEqual(m('percent'));
    expect(await users("middleName~'%\\%'")).toEqual([]);
  });

  it('unicode values', async () => {
    expect(await users("familyName='Ñúñez'")).toEqual(m('unicode'));
    expect(await users("givenName~'ë'")).toEqual(m('unicode'));
    expect(await users("givenName='東京 🎒'")).toEqual([]);
  });

  it('a NUL character or an impossible date → 400, never a 500', async () => {
    for (const url of [
      filterUrl("givenName='a\u0000b'"),
      filterUrl("metadata.house~'\u0000'"),
      `/users?search=${encodeURIComponent('a\u0000')}`,
      filterUrl("dateLastModified>'2026-13-45'"),
      `/users/${encodeURIComponent('a\u0000b')}`,
    ]) {
      expect(codeMinor(await rejected(url)), url).toBe('invaliddata');
    }
  });

  it("names of Object's own properties are unknown fields (400), never a 500", async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'constructorSourcedId']) {
      for (const query of [`filter=${encodeURIComponent(`${name}='x'`)}`, `sort=${name}`]) {
        const res = await ctx.request('GET', `${ROSTER}/users?${query}`);
        expect(res.statusCode, `${query}: ${res.body}`).toBe(400);
      }
    }
    expect(codeMinor(await ctx.request('GET', `${ROSTER}/users?filter=${encodeURIComponent("__proto__='x'")}`))).toBe('invalid_filter_field');
  });

  it('a filter over 8192 characters → 400; 8192 is fine', async () => {
    const long = (n: number) => `givenName='${'x'.repeat(n - 12)}'`;
    expect(long(8192)).toHaveLength(8192);
    expect(await users(long(8192))).toEqual([]);
    const res = await rejected(filterUrl(long(8193)));
    expect(codeMinor(res)).toBe('invaliddata');
  });

  it('101 predicates → 400; 100 are answered', async () => {
    const predicates = (n: number) => Array.from({ length: n }, (_, i) => `givenName='n${i}'`).join(' OR ');
    expect(await users(`${predicates(99)} OR givenName='Bart'`)).toEqual(m('bart'));
    await rejected(filterUrl(predicates(101)));
  });

  it('after all that, the users table is intact', async () => {
    const [row] = await rows<{ n: number }>(ctx.db.drizzle, sql`select count(*)::int as n from users`);
    expect(row.n).toBe(ALL_USERS.length);
    expect(await users("status='active'")).toEqual(m(...ALL_USERS));
    expect((await ctx.request('GET', `${ROSTER}/users/${id('hostile')}`)).json().user.givenName).toBe(HOSTILE_NAME);
  });
});
