/**
 * The security matrix, generated from the routes every service registered: a new endpoint is covered
 * the day it exists. Per route: no token / a garbage token → 401, an unrelated scope → 403, each
 * accepted scope set (v1p2 and v1p1 URI forms) and admin get past the guard.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { SignJWT, generateKeyPair } from 'jose';
import { codeMinor, createTestContext, ROSTER } from './helpers.js';
import { scopeCatalog } from '../src/services.js';
import type { RouteRecord, Service } from '../src/platform/service.js';

const ctx = await createTestContext();
afterAll(async () => ctx.close());

const ADMIN = scopeCatalog.admin!;
const KNOWN_SCOPES = [...scopeCatalog.known.keys()];
const scopeUri = (canonical: string) => scopeCatalog.uri(canonical);
const satisfies = (granted: ReadonlySet<string>, requirement: string[][]) => scopeCatalog.satisfies(granted, requirement);
const v1p1 = (canonical: string) => scopeUri(canonical).replace('/or/v1p2/', '/or/v1p1/');
const urlOf = (service: Service, route: RouteRecord) => `${service.info.basePath}${route.path.replace(/:[A-Za-z]+/g, 'no-such-id')}`;
// Validation runs after the guard, so an empty body never hides a 401/403.
const bodyOf = (route: RouteRecord) => (route.body ? {} : undefined);

/** A single known scope this route does not accept (admin excluded: it accepts everything). */
function unrelatedScope(route: RouteRecord): string {
  const found = KNOWN_SCOPES.find((s) => s !== ADMIN && !satisfies(new Set([s]), route.scopes));
  if (!found) throw new Error(`every scope satisfies ${route.method} ${route.path}`);
  return found;
}

/** A JWT with the right shape, issuer and claims, signed by a key the server does not know. */
async function forgedToken(scope: string): Promise<string> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  return new SignJWT({ scope, client_id: 'forger' })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'jwt-forged', typ: 'JWT' })
    .setIssuer(ctx.config.tokenIssuer)
    .setSubject('forger')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
}

const cases = ctx.services.flatMap((service) =>
  service.routes.filter((route) => !route.public).map((route) => ({ name: `${service.info.name} ${route.method} ${route.path}`, service, route })),
);

describe('security matrix', () => {
  it('covers every registered route of every service', () => {
    expect(ctx.services.map((s) => s.info.name)).toEqual(expect.arrayContaining(['rostering', 'gradebook', 'resources']));
    expect(cases.length).toBe(ctx.services.reduce((n, s) => n + s.routes.filter((r) => !r.public).length, 0));
    for (const { route } of cases) expect(route.scopes.length, route.path).toBeGreaterThan(0);
  });

  it.each(cases)('$name', async ({ service, route }) => {
    const url = urlOf(service, route);
    const body = bodyOf(route);
    const send = (token: string | null) => ctx.request(route.method, url, { token, body });

    const anonymous = await send(null);
    expect(anonymous.statusCode).toBe(401);
    expect(codeMinor(anonymous)).toBe('unauthorisedrequest');
    // RFC 6750 §3.
    expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="learnstack"');
    // Fastify answers HEAD for every GET: the same guard applies.
    if (route.method === 'GET') expect((await ctx.app.inject({ method: 'HEAD', url })).statusCode).toBe(401);

    for (const garbage of ['garbage', 'a.b.c', await forgedToken(route.scopes[0].map(scopeUri).join(' '))]) {
      const res = await send(garbage);
      expect(res.statusCode, garbage.slice(0, 20)).toBe(401);
      expect(codeMinor(res)).toBe('unauthorisedrequest');
      expect(res.headers['www-authenticate']).toBe('Bearer realm="learnstack", error="invalid_token"');
    }

    const forbidden = await send(await ctx.token(scopeUri(unrelatedScope(route))));
    expect(forbidden.statusCode).toBe(403);
    expect(codeMinor(forbidden)).toBe('forbidden');

    for (const alternative of route.scopes) {
      for (const form of [scopeUri, v1p1]) {
        const res = await send(await ctx.token(...alternative.map(form)));
        expect([401, 403], `${alternative.map(form).join(' ')} → ${res.statusCode} ${res.body}`).not.toContain(res.statusCode);
      }
      // Each scope of an AND-set is needed: one missing is 403.
      if (alternative.length > 1) {
        const partial = await send(await ctx.token(...alternative.slice(1).map(scopeUri)));
        if (!satisfies(new Set(alternative.slice(1)), route.scopes)) expect(partial.statusCode).toBe(403);
      }
    }

    for (const admin of [scopeUri(ADMIN), v1p1(ADMIN)]) {
      const res = await send(await ctx.token(admin));
      expect([401, 403], `${admin} → ${res.statusCode}`).not.toContain(res.statusCode);
    }
  });
});

describe("rostering scopes follow the binding's Scopes section", () => {
  const binding = JSON.parse(readFileSync(new URL('./fixtures/oneroster-v1p2-rostering.openapi.json', import.meta.url), 'utf8')) as {
    paths: Record<string, { get: { security: Record<string, string[]>[] } }>;
  };
  const rostering = ctx.services.find((s) => s.info.name === 'rostering')!;
  const fastifyPath = (p: string) => p.replace(/\{([A-Za-z]+)\}/g, ':$1');

  it.each(Object.keys(binding.paths))('GET %s', (path) => {
    const route = rostering.routes.find((r) => r.method === 'GET' && r.path === fastifyPath(path));
    expect(route, path).toBeDefined();
    // The binding lists alternatives in one security requirement's array: any one of them suffices.
    const documented = binding.paths[path].get.security.flatMap((req) => Object.values(req).flat()).map((uri) => uri.replace(/^.*\/scope\//, 'or:'));
    expect(route!.scopes.map((set) => set.join(' ')).sort()).toEqual(documented.sort());
  });

  it('core readers see core collections but not nested ones or demographics', async () => {
    const core = await ctx.token('roster-core.readonly');
    expect((await ctx.request('GET', `${ROSTER}/users`, { token: core })).statusCode).toBe(200);
    expect((await ctx.request('GET', `${ROSTER}/users/x/classes`, { token: core })).statusCode).toBe(403);
    expect((await ctx.request('GET', `${ROSTER}/demographics`, { token: core })).statusCode).toBe(403);
    const reader = await ctx.token('roster.readonly');
    expect((await ctx.request('GET', `${ROSTER}/demographics`, { token: reader })).statusCode).toBe(403);
    expect((await ctx.request('GET', `${ROSTER}/demographics`, { token: await ctx.token('roster-demographics.readonly') })).statusCode).toBe(200);
  });

  it('writes need createput, deletes need delete, credentials need admin', async () => {
    const org = { org: { sourcedId: 'sec-org', name: 'Sec', type: 'district' } };
    const readonly = await ctx.token('roster.readonly');
    expect((await ctx.request('POST', `${ROSTER}/orgs`, { token: readonly, body: org })).statusCode).toBe(403);
    const createput = await ctx.token(v1p1('or:roster.createput'));
    expect((await ctx.request('POST', `${ROSTER}/orgs`, { token: createput, body: org })).statusCode).toBe(201);
    expect((await ctx.request('DELETE', `${ROSTER}/orgs/sec-org`, { token: createput })).statusCode).toBe(403);
    expect((await ctx.request('DELETE', `${ROSTER}/orgs/sec-org`, { token: await ctx.token('roster.delete') })).statusCode).toBe(204);
    const everythingButAdmin = await ctx.token(...KNOWN_SCOPES.filter((s) => s !== ADMIN).map(scopeUri));
    const credentials = await ctx.request('POST', `${ROSTER}/users/nobody/credentials`, {
      token: everythingButAdmin,
      body: { applicationName: 'x', credentials: { username: 'u', password: 'p' } },
    });
    expect(credentials.statusCode).toBe(403);
  });

  it('a bearer scheme other than Bearer is 401', async () => {
    const res = await ctx.request('GET', `${ROSTER}/users`, { token: null, headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } });
    expect(res.statusCode).toBe(401);
    expect(codeMinor(res)).toBe('unauthorisedrequest');
  });
});
