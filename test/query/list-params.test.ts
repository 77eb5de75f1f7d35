/**
 * The other collection parameters: sort/orderBy (stable pages), fields, limit/offset and search.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeMinor, createTestContext, seedRoster, ROSTER, type TestContext } from '../helpers.js';

let ctx: TestContext;
let id: (s: string) => string;

type Obj = Record<string, unknown> & { sourcedId: string };
const fetchList = async (url: string, key: string) => {
  const res = await ctx.request('GET', `${ROSTER}${url}`);
  expect(res.statusCode, `${url} → ${res.body}`).toBe(200);
  return res.json()[key] as Obj[];
};
const sourcedIds = (list: Obj[]) => list.map((o) => o.sourcedId);
const rejected = async (url: string) => {
  const res = await ctx.request('GET', `${ROSTER}${url}`);
  expect(res.statusCode, url).toBe(400);
  return res;
};

beforeAll(async () => {
  ctx = await createTestContext();
  ({ id } = await seedRoster(ctx, 'l'));
  // More Simpsons so a sort key has long runs of ties.
  for (const [key, givenName, house] of [
    ['maggie', 'Maggie', 'blue'],
    ['marge', 'Marge', 'red'],
    ['abe', 'Abe', 'blue'],
    ['mona', 'Mona', 'green'],
  ]) {
    const res = await ctx.request('POST', `${ROSTER}/users`, {
      body: {
        user: {
          sourcedId: id(key),
          givenName,
          familyName: 'Simpson',
          metadata: { house },
          roles: [{ roleType: 'primary', role: 'parent', org: { sourcedId: id('school') } }],
        },
      },
    });
    expect(res.statusCode).toBe(201);
  }
});
afterAll(async () => ctx?.close());

/** The JS reference order: key (nulls last on asc, first on desc), then sourcedId in the same direction. */
function expectedOrder(list: Obj[], key: (o: Obj) => string | undefined, direction: 'asc' | 'desc'): string[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...list]
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (ka !== kb) {
        if (ka === undefined) return sign;
        if (kb === undefined) return -sign;
        return (ka < kb ? -1 : 1) * sign;
      }
      return (a.sourcedId < b.sourcedId ? -1 : 1) * sign;
    })
    .map((o) => o.sourcedId);
}

describe('sort and orderBy', () => {
  const cases: [string, string, string, (o: Obj) => string | undefined][] = [
    ['/users', 'users', 'familyName', (o) => String(o.familyName)],
    ['/users', 'users', 'givenName', (o) => String(o.givenName)],
    ['/users', 'users', 'email', (o) => o.email as string | undefined],
    ['/users', 'users', 'dateLastModified', (o) => String(o.dateLastModified)],
    ['/users', 'users', 'metadata.house', (o) => (o.metadata as { house?: string } | undefined)?.house],
    ['/academicSessions', 'academicSessions', 'endDate', (o) => String(o.endDate)],
    ['/academicSessions', 'academicSessions', 'startDate', (o) => String(o.startDate)],
    ['/enrollments', 'enrollments', 'role', (o) => String(o.role)],
    ['/enrollments', 'enrollments', 'user.sourcedId', (o) => (o.user as Obj).sourcedId],
    ['/orgs', 'orgs', 'type', (o) => String(o.type)],
  ];

  it.each(
    cases.flatMap(([url, key, sort, by]) =>
      (['asc', 'desc'] as const).map((direction) => [`${url} sort=${sort} orderBy=${direction}`, url, key, sort, by, direction] as const),
    ),
  )('%s', async (_name, url, key, sort, by, direction) => {
    const all = await fetchList(`${url}?sort=${sort}&orderBy=${direction}`, key);
    expect(sourcedIds(all)).toEqual(expectedOrder(all, by, direction));
    // Paging with limit=2 never overlaps or skips: the pages concatenate to the full list.
    const paged: string[] = [];
    for (let offset = 0; offset < all.length; offset += 2)
      paged.push(...sourcedIds(await fetchList(`${url}?sort=${sort}&orderBy=${direction}&limit=2&offset=${offset}`, key)));
    expect(paged).toEqual(sourcedIds(all));
  });

  it('without sort, collections come in sourcedId order; orderBy alone reverses it', async () => {
    const asc = sourcedIds(await fetchList('/users', 'users'));
    expect(asc).toEqual([...asc].sort());
    expect(sourcedIds(await fetchList('/users?orderBy=desc', 'users'))).toEqual([...asc].reverse());
  });

  it('a sort key groups its ties together', async () => {
    const families = (await fetchList('/users?sort=familyName', 'users')).map((u) => u.familyName);
    expect(families).toEqual(['Krabappel', 'Simpson', 'Simpson', 'Simpson', 'Simpson', 'Simpson', 'Simpson', 'Simpson', 'Van Houten']);
  });

  it('an unknown sort field → 400 invaliddata naming it', async () => {
    for (const field of ['nope', 'roles', 'agents', 'password', 'course.title', 'metadata.']) {
      const res = await rejected(`/users?sort=${encodeURIComponent(field)}`);
      expect(codeMinor(res), field).toBe('invaliddata');
      expect(res.json().imsx_description, field).toContain(field);
    }
  });

  it('a sort name that is not a dotted identifier → 400, never a 500', async () => {
    for (const field of ['metadata.x"y', 'metadata.{', 'metadata.house}', 'metadata.a,b', "givenName'; DROP TABLE users; --", 'givenName desc']) {
      const res = await rejected(`/users?sort=${encodeURIComponent(field)}`);
      expect(codeMinor(res), field).toBe('invaliddata');
    }
  });

  it('orderBy other than asc/desc → 400; case does not matter', async () => {
    expect(codeMinor(await rejected('/users?sort=givenName&orderBy=sideways'))).toBe('invaliddata');
    expect((await ctx.request('GET', `${ROSTER}/users?sort=givenName&orderBy=DESC`)).statusCode).toBe(200);
  });

  it('sort works on nested collections and with filters', async () => {
    const students = await fetchList(`/classes/${id('class')}/students?sort=givenName&orderBy=desc`, 'users');
    expect(students.map((u) => u.givenName)).toEqual(['Lisa', 'Bart']);
    const simpsons = await fetchList(`/users?filter=${encodeURIComponent("familyName='Simpson'")}&sort=givenName`, 'users');
    expect(simpsons.map((u) => u.givenName)).toEqual(['Abe', 'Bart', 'Homer', 'Lisa', 'Maggie', 'Marge', 'Mona']);
  });
});

describe('fields', () => {
  it('returns only the selected fields', async () => {
    const users = await fetchList('/users?fields=sourcedId,givenName', 'users');
    expect(users.length).toBeGreaterThan(0);
    for (const u of users) expect(Object.keys(u).sort()).toEqual(['givenName', 'sourcedId']);
  });

  it('ignores unknown names and spaces', async () => {
    const users = await fetchList('/users?fields=sourcedId, nope ,password', 'users');
    for (const u of users) expect(Object.keys(u)).toEqual(['sourcedId']);
    // Binding, Field Selection: when none of the names is a field, ALL data for the record is returned.
    const all = await fetchList('/users?sort=sourcedId', 'users');
    for (const names of ['nope', 'nope,password', 'constructor']) {
      const none = await fetchList(`/users?sort=sourcedId&fields=${names}`, 'users');
      expect(none).toEqual(all);
      expect(Object.keys(none[0])).toContain('givenName');
      expect(Object.keys(none[0])).not.toContain('password');
    }
    const one = await ctx.request('GET', `${ROSTER}/users/${id('bart')}?fields=nope`);
    expect(one.json().user.givenName).toBe('Bart');
  });

  it('works on single GETs, nested collections and double envelopes', async () => {
    const res = await ctx.request('GET', `${ROSTER}/users/${id('bart')}?fields=roles,email`);
    expect(res.json()).toEqual({ user: { roles: expect.any(Array), email: 'bart.simpson@example.edu' } });
    const terms = (await ctx.request('GET', `${ROSTER}/terms?fields=title`)).json();
    expect(terms.academicSessions).toEqual([{ title: 'Fall 2026' }]);
    expect(terms.terms).toEqual([{ title: 'Fall 2026' }]);
    const students = await fetchList(`/classes/${id('class')}/students?fields=familyName`, 'students');
    expect(students).toEqual([{ familyName: 'Simpson' }, { familyName: 'Simpson' }]);
  });

  it('an empty selection → 400 invalid_selection_field', async () => {
    for (const url of ['/users?fields=', '/users?fields=,,', '/users?fields=%20', `/users/${id('bart')}?fields=`]) {
      expect(codeMinor(await rejected(url)), url).toBe('invalid_selection_field');
    }
  });

  it('fields given twice → 400', async () => {
    await rejected('/users?fields=sourcedId&fields=givenName');
  });
});

describe('limit and offset', () => {
  it('limit defaults to 100 and offset to 0', async () => {
    const body = (await ctx.request('GET', `${ROSTER}/users`)).json();
    expect(body.limit).toBe(100);
    expect(body.offset).toBe(0);
  });

  it('a limit above 3000 is clamped, not refused', async () => {
    for (const limit of ['3001', '5000', '999999999']) {
      const res = await ctx.request('GET', `${ROSTER}/users?limit=${limit}`);
      expect(res.statusCode, limit).toBe(200);
      expect(res.json().limit).toBe(3000);
      expect(res.headers.link).toContain('limit=3000');
    }
    expect((await ctx.request('GET', `${ROSTER}/users?limit=3000`)).json().limit).toBe(3000);
  });

  it('limit and offset page through the collection', async () => {
    const all = sourcedIds(await fetchList('/users', 'users'));
    expect(sourcedIds(await fetchList('/users?limit=3&offset=2', 'users'))).toEqual(all.slice(2, 5));
    expect(sourcedIds(await fetchList('/users?limit=1', 'users'))).toEqual(all.slice(0, 1));
    const res = (await ctx.request('GET', `${ROSTER}/users?limit=4&offset=8`)).json();
    expect(res).toMatchObject({ totalCount: all.length, pageCount: Math.ceil(all.length / 4), pageNumber: 3, offset: 8, limit: 4 });
  });

  it.each([
    'limit=0',
    'limit=-1',
    'limit=1.5',
    'limit=abc',
    'limit=',
    'limit=1e3',
    'limit=0x10',
    'limit=10&limit=20',
    'offset=-1',
    'offset=1.5',
    'offset=abc',
    'offset=',
    'offset=1&offset=2',
    'offset=99999999999999999999',
  ])('%s → 400 invaliddata', async (query) => {
    const res = await rejected(`/users?${query}`);
    expect(codeMinor(res)).toBe('invaliddata');
    expect(res.json().imsx_description).toContain(query.split('=')[0]);
  });
});

describe('search', () => {
  const search = async (url: string, term: string, key: string) => sourcedIds(await fetchList(`${url}?search=${encodeURIComponent(term)}`, key)).sort();
  const m = (...names: string[]) => names.map((n) => id(n)).sort();

  it('users: givenName, familyName and email, case-insensitive and partial', async () => {
    expect(await search('/users', 'LIS', 'users')).toEqual(m('lisa'));
    expect(await search('/users', 'krab', 'users')).toEqual(m('teacher'));
    expect(await search('/users', 'houten', 'users')).toEqual(m('milhouse'));
    expect(await search('/users', 'bart.simpson@', 'users')).toEqual(m('bart'));
    expect(await search('/users', 'zzz', 'users')).toEqual([]);
  });

  it('classes: title; courses: title and courseCode; orgs: name', async () => {
    expect(await search('/classes', 'algebra i - p', 'classes')).toEqual(m('class'));
    expect(await search('/courses', 'ALGEBRA', 'courses')).toEqual(m('course'));
    expect(await search('/courses', 'alg1', 'courses')).toEqual(m('course'));
    expect(await search('/orgs', 'spring', 'orgs')).toEqual(m('district', 'school'));
    expect(await search('/orgs', 'shelby', 'orgs')).toEqual(m('school2'));
  });

  it('sessions and enrollments have search fields too', async () => {
    expect(await search('/academicSessions', 'fall', 'academicSessions')).toEqual(m('term'));
    expect(await search('/enrollments', 'teach', 'enrollments')).toEqual(m('e-teacher'));
  });

  it('wildcards in the term are literal; an empty search matches everything', async () => {
    expect(await search('/users', '%', 'users')).toEqual([]);
    expect(await search('/users', '_', 'users')).toEqual([]);
    expect((await search('/users', '', 'users')).length).toBe((await fetchList('/users', 'users')).length);
  });

  it('combines with filter, totals and nested collections', async () => {
    const res = await ctx.request('GET', `${ROSTER}/users?search=simpson&filter=${encodeURIComponent("givenName~'ma'")}&limit=1`);
    expect(res.json()).toMatchObject({ totalCount: 2, pageCount: 2 });
    expect(res.headers['x-total-count']).toBe('2');
    expect(sourcedIds(await fetchList(`/classes/${id('class')}/students?search=lisa`, 'users'))).toEqual([id('lisa')]);
  });
});
