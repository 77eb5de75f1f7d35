/**
 * The platform's rostering operations beyond plain CRUD: grading periods through their term,
 * enrolling through the class, user agents, a user with demographics, and stored credentials.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { codeMinor, createTestContext, seedRoster, ROSTER, type TestContext } from '../helpers.js';
import { rows } from '../../src/platform/db/database.js';

let ctx: TestContext;
let id: (s: string) => string;

const send = (method: string, url: string, body?: unknown, token?: string) =>
  ctx.request(method, `${ROSTER}${url}`, { ...(body === undefined ? {} : { body }), ...(token ? { token } : {}) });
const get = (url: string) => send('GET', url);
const ids = (list: { sourcedId: string }[]) => list.map((o) => o.sourcedId).sort();

beforeAll(async () => {
  ctx = await createTestContext();
  ({ id } = await seedRoster(ctx, 'x'));
});
afterAll(async () => ctx?.close());

describe('POST /terms/{id}/gradingPeriods', () => {
  const period = { title: 'Q2', startDate: '2026-10-16', endDate: '2026-12-20', schoolYear: '2027' };

  it('creates a grading period whose parent is the term', async () => {
    const res = await send('POST', `/terms/${id('term')}/gradingPeriods`, { academicSession: { sourcedId: id('gp2'), ...period } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ sourcedIdPairs: { suppliedSourcedId: id('gp2'), allocatedSourcedId: id('gp2') } });
    const { gradingPeriod } = (await get(`/gradingPeriods/${id('gp2')}`)).json();
    expect(gradingPeriod).toMatchObject({ type: 'gradingPeriod', title: 'Q2', parent: { sourcedId: id('term'), type: 'academicSession' } });
    expect(ids((await get(`/terms/${id('term')}/gradingPeriods`)).json().gradingPeriods)).toEqual([id('gp1'), id('gp2')]);
    expect((await get(`/terms/${id('term')}`)).json().term.children.map((c: { sourcedId: string }) => c.sourcedId)).toEqual([id('gp1'), id('gp2')]);
  });

  it('an unknown term, or a session that is not a term → 404, nothing written', async () => {
    for (const term of ['nope', id('year')]) {
      const res = await send('POST', `/terms/${term}/gradingPeriods`, { academicSession: { sourcedId: id(`gp-${term}`), ...period } });
      expect(res.statusCode, term).toBe(404);
      expect(codeMinor(res)).toBe('unknownobject');
      expect((await get(`/academicSessions/${id(`gp-${term}`)}`)).statusCode).toBe(404);
    }
  });

  it('a missing title → 400 naming it', async () => {
    const res = await send('POST', `/terms/${id('term')}/gradingPeriods`, { academicSession: { ...period, title: undefined } });
    expect(res.statusCode).toBe(400);
    expect(res.json().imsx_description).toContain('title');
  });
});

describe('POST /classes/{id}/students and /teachers', () => {
  it('enrolls a student: role and class come from the path', async () => {
    const res = await send('POST', `/classes/${id('class')}/students`, {
      enrollment: { sourcedId: id('e-milhouse'), user: { sourcedId: id('milhouse') }, beginDate: '2026-09-01' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().sourcedIdPairs.allocatedSourcedId).toBe(id('e-milhouse'));
    const { enrollment } = (await get(`/enrollments/${id('e-milhouse')}`)).json();
    expect(enrollment).toMatchObject({
      role: 'student',
      primary: 'false',
      beginDate: '2026-09-01',
      user: { sourcedId: id('milhouse') },
      class: { sourcedId: id('class') },
      school: { sourcedId: id('school') },
    });
    expect(ids((await get(`/classes/${id('class')}/students`)).json().students)).toEqual([id('bart'), id('lisa'), id('milhouse')]);
  });

  it('enrolls a teacher, primary given as a string', async () => {
    const res = await send('POST', `/classes/${id('class')}/teachers`, { enrollment: { user: { sourcedId: id('homer') }, primary: 'true' } });
    expect(res.statusCode).toBe(201);
    const allocated = res.json().sourcedIdPairs.allocatedSourcedId;
    expect((await get(`/enrollments/${allocated}`)).json().enrollment).toMatchObject({ role: 'teacher', primary: 'true' });
    expect(ids((await get(`/classes/${id('class')}/teachers`)).json().teachers)).toEqual([id('homer'), id('teacher')]);
  });

  it('the path wins over a class or role in the body', async () => {
    const res = await send('POST', `/classes/${id('class')}/students`, {
      enrollment: { sourcedId: id('e-override'), user: { sourcedId: id('homer') }, role: 'teacher', class: { sourcedId: 'elsewhere' } },
    });
    expect(res.statusCode).toBe(201);
    expect((await get(`/enrollments/${id('e-override')}`)).json().enrollment).toMatchObject({ role: 'student', class: { sourcedId: id('class') } });
  });

  it('an unknown class → 404; an unknown user → 422 naming user; no user → 400', async () => {
    expect((await send('POST', '/classes/nope/students', { enrollment: { user: { sourcedId: id('bart') } } })).statusCode).toBe(404);
    const missing = await send('POST', `/classes/${id('class')}/teachers`, { enrollment: { user: { sourcedId: 'nope' } } });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().imsx_error_details).toEqual([{ user: expect.any(String) }]);
    const none = await send('POST', `/classes/${id('class')}/students`, { enrollment: {} });
    expect(none.statusCode).toBe(400);
    expect(none.json().imsx_description).toContain('user');
  });
});

describe('agents', () => {
  it('POST adds an agent and answers the list; GET agents and agentFor read both directions', async () => {
    const res = await send('POST', `/users/${id('bart')}/agents`, { agentSourcedId: id('homer') });
    expect(res.statusCode).toBe(200);
    expect(ids(res.json().agents)).toEqual([id('homer')]);
    expect(res.json().agents[0]).toMatchObject({ givenName: 'Homer', roles: [{ role: 'parent' }] });
    await send('POST', `/users/${id('lisa')}/agents`, { agentSourcedId: id('homer') });
    expect(ids((await get(`/users/${id('bart')}/agents`)).json().agents)).toEqual([id('homer')]);
    expect(ids((await get(`/users/${id('homer')}/agentFor`)).json().users)).toEqual([id('bart'), id('lisa')]);
    expect((await get(`/users/${id('bart')}`)).json().user.agents).toEqual([
      { href: `https://learnstack.test${ROSTER}/users/${id('homer')}`, sourcedId: id('homer'), type: 'user' },
    ]);
  });

  it('adding the same agent twice keeps one link', async () => {
    const res = await send('POST', `/users/${id('bart')}/agents`, { agentSourcedId: id('homer') });
    expect(res.statusCode).toBe(200);
    expect(ids(res.json().agents)).toEqual([id('homer')]);
  });

  it('a user as their own agent → 422; an unknown agent → 422 naming agentSourcedId; an unknown user → 404', async () => {
    expect((await send('POST', `/users/${id('bart')}/agents`, { agentSourcedId: id('bart') })).statusCode).toBe(422);
    const unknown = await send('POST', `/users/${id('bart')}/agents`, { agentSourcedId: 'nope' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().imsx_error_details).toEqual([{ agentSourcedId: expect.any(String) }]);
    expect((await send('POST', '/users/nope/agents', { agentSourcedId: id('homer') })).statusCode).toBe(404);
    expect((await send('POST', `/users/${id('bart')}/agents`, {})).statusCode).toBe(400);
    expect((await get('/users/nope/agents')).statusCode).toBe(404);
    expect((await get('/users/nope/agentFor')).statusCode).toBe(404);
  });

  it('DELETE removes the link and answers the remaining list; again → 404', async () => {
    const res = await send('DELETE', `/users/${id('lisa')}/agents/${id('homer')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ agents: [] });
    expect(ids((await get(`/users/${id('homer')}/agentFor`)).json().users)).toEqual([id('bart')]);
    expect((await send('DELETE', `/users/${id('lisa')}/agents/${id('homer')}`)).statusCode).toBe(404);
    expect((await send('DELETE', `/users/nope/agents/${id('homer')}`)).statusCode).toBe(404);
  });

  it('PUT of a user with `agents` replaces the links; without it keeps them', async () => {
    const lisa = (await get(`/users/${id('lisa')}`)).json().user;
    const body = {
      givenName: lisa.givenName,
      familyName: lisa.familyName,
      roles: [{ roleType: 'primary', role: 'student', org: { sourcedId: id('school') } }],
    };
    expect(
      (await send('PUT', `/users/${id('lisa')}`, { user: { ...body, agents: [{ sourcedId: id('homer') }, { sourcedId: id('teacher') }] } })).statusCode,
    ).toBe(200);
    expect(ids((await get(`/users/${id('lisa')}/agents`)).json().agents)).toEqual([id('homer'), id('teacher')]);
    expect((await send('PUT', `/users/${id('lisa')}`, { user: body })).statusCode).toBe(200);
    expect(ids((await get(`/users/${id('lisa')}/agents`)).json().agents)).toEqual([id('homer'), id('teacher')]);
    const self = await send('PUT', `/users/${id('lisa')}`, { user: { ...body, agents: [{ sourcedId: id('lisa') }] } });
    expect(self.statusCode).toBe(422);
  });

  it('a deleted agent is not listed', async () => {
    await send('POST', '/users', {
      user: {
        sourcedId: id('grampa'),
        givenName: 'Abe',
        familyName: 'Simpson',
        roles: [{ roleType: 'primary', role: 'relative', org: { sourcedId: id('school') } }],
      },
    });
    await send('POST', `/users/${id('milhouse')}/agents`, { agentSourcedId: id('grampa') });
    expect(ids((await get(`/users/${id('milhouse')}/agents`)).json().agents)).toEqual([id('grampa')]);
    expect((await send('DELETE', `/users/${id('grampa')}`)).statusCode).toBe(204);
    expect((await get(`/users/${id('milhouse')}/agents`)).json().agents).toEqual([]);
  });
});

describe('credentials (admin only)', () => {
  let credentialId: string;
  let profileId: string;
  const password = 'hunter2-correct-horse';

  it('POST stores the credential and answers the profile and credential ids', async () => {
    const res = await send('POST', `/users/${id('bart')}/credentials`, { applicationName: 'MathApp', credentials: { username: 'bart.s', password } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ userProfileId: expect.any(String), credentialId: expect.any(String), message: expect.any(String) });
    ({ credentialId, userProfileId: profileId } = res.json());
  });

  it('the user lists the profile and the credential without the password', async () => {
    const { user } = (await get(`/users/${id('bart')}`)).json();
    expect(user.userProfiles).toEqual([
      expect.objectContaining({
        profileId,
        vendorId: 'MathApp',
        credentials: [{ id: credentialId, type: 'usernamePassword', username: 'bart.s', credentialId }],
      }),
    ]);
    expect(JSON.stringify(user)).not.toContain(password);
  });

  it('the database holds ciphertext, not the password', async () => {
    const stored = await rows<Record<string, unknown>>(ctx.db.drizzle, sql`select * from user_credentials where id = ${credentialId}`);
    expect(stored).toHaveLength(1);
    expect(stored[0].password_ciphertext).not.toBe(password);
    expect(JSON.stringify(stored)).not.toContain(password);
    expect(JSON.stringify(stored)).not.toContain(Buffer.from(password).toString('base64'));
  });

  it('decrypt gives the password back', async () => {
    const res = await send('POST', `/users/${id('bart')}/credentials/${credentialId}/decrypt`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ password });
  });

  it('a second credential for the same application shares its profile', async () => {
    const res = await send('POST', `/users/${id('bart')}/credentials`, { applicationName: 'MathApp', credentials: { username: 'bart.2', password: 'other' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().userProfileId).toBe(profileId);
    const { user } = (await get(`/users/${id('bart')}`)).json();
    expect(user.userProfiles).toHaveLength(1);
    expect(user.userProfiles[0].credentials.map((c: { username: string }) => c.username)).toEqual(['bart.s', 'bart.2']);
    expect((await send('POST', `/users/${id('bart')}/credentials/${res.json().credentialId}/decrypt`)).json()).toEqual({ password: 'other' });
  });

  it('decrypting through another user, or an unknown credential → 404', async () => {
    expect((await send('POST', `/users/${id('lisa')}/credentials/${credentialId}/decrypt`)).statusCode).toBe(404);
    expect((await send('POST', `/users/${id('bart')}/credentials/nope/decrypt`)).statusCode).toBe(404);
  });

  it('an unknown user → 404; a missing password → 400', async () => {
    expect((await send('POST', '/users/nope/credentials', { applicationName: 'A', credentials: { username: 'u', password: 'p' } })).statusCode).toBe(404);
    const res = await send('POST', `/users/${id('bart')}/credentials`, { applicationName: 'A', credentials: { username: 'u' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().imsx_description).toContain('password');
  });

  it('a full reader may not decrypt', async () => {
    const reader = await ctx.token('roster.readonly', 'roster.createput', 'roster-demographics.readonly');
    expect((await send('POST', `/users/${id('bart')}/credentials/${credentialId}/decrypt`, undefined, reader)).statusCode).toBe(403);
  });
});
