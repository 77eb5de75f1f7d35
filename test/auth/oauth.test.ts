/**
 * POST /oauth/token (client credentials, RFC 6749 §4.4 and §5.2) and the bearer tokens it issues:
 * local verification, key rotation, and tokens of an external OpenID provider.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, exportJWK, generateKeyPair, importJWK, decodeJwt, type JWK } from 'jose';
import { codeMinor, createTestContext, ROSTER, scope, type TestContext } from '../helpers.js';
import { createClient, revokeClient } from '../../src/platform/auth/clients.js';
import { currentKey } from '../../src/platform/auth/keys.js';

let ctx: TestContext;
let client: { clientId: string; clientSecret: string };

beforeAll(async () => {
  ctx = await createTestContext();
  client = await createClient(ctx.db, { name: 'reader', scopes: [scope('roster.readonly'), scope('roster-core.readonly')] });
});
afterAll(async () => ctx?.close());

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

function tokenRequest(payload: string | Record<string, string>, headers: Record<string, string> = {}) {
  const isForm = typeof payload === 'string';
  return ctx.app.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: { 'content-type': isForm ? 'application/x-www-form-urlencoded' : 'application/json', ...headers },
    payload: isForm ? payload : JSON.stringify(payload),
  });
}

const readUsers = (token: string) => ctx.request('GET', `${ROSTER}/users`, { token });

describe('POST /oauth/token', () => {
  it('authenticates by HTTP Basic with form fields', async () => {
    const res = await tokenRequest(form({ grant_type: 'client_credentials' }), { authorization: basic(client.clientId, client.clientSecret) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type']);
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(3600);
    expect(body.scope.split(' ').sort()).toEqual([scope('roster-core.readonly'), scope('roster.readonly')]);
    expect(res.headers['cache-control']).toBe('no-store');
    const claims = decodeJwt(body.access_token);
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect((await readUsers(body.access_token)).statusCode).toBe(200);
  });

  it('authenticates by client_id/client_secret form fields', async () => {
    const res = await tokenRequest(form({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }));
    expect(res.statusCode).toBe(200);
    expect((await readUsers(res.json().access_token)).statusCode).toBe(200);
  });

  it('authenticates by a JSON body', async () => {
    const res = await tokenRequest({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret });
    expect(res.statusCode).toBe(200);
    expect((await readUsers(res.json().access_token)).statusCode).toBe(200);
  });

  it('grants the allowed subset of the requested scopes, in either URI form', async () => {
    const requested = [scope('roster-core.readonly'), scope('roster.createput'), 'https://purl.imsglobal.org/spec/or/v1p1/scope/roster.readonly'].join(' ');
    const res = await tokenRequest(
      form({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret, scope: requested }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().scope.split(' ').sort()).toEqual(['https://purl.imsglobal.org/spec/or/v1p1/scope/roster.readonly', scope('roster-core.readonly')]);
    const token = res.json().access_token;
    expect((await readUsers(token)).statusCode).toBe(200);
    expect((await ctx.request('POST', `${ROSTER}/orgs`, { token, body: { org: { name: 'x', type: 'school' } } })).statusCode).toBe(403);
  });

  it('a token with a narrower grant is narrower', async () => {
    const res = await tokenRequest(
      form({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret, scope: scope('roster-core.readonly') }),
    );
    expect(res.json().scope).toBe(scope('roster-core.readonly'));
    const token = res.json().access_token;
    expect((await readUsers(token)).statusCode).toBe(200);
    expect((await ctx.request('GET', `${ROSTER}/users/u/classes`, { token })).statusCode).toBe(403);
  });

  it('only disallowed scopes → 400 invalid_scope', async () => {
    const res = await tokenRequest(
      form({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret, scope: scope('roster.delete') }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('invalid_scope');
  });

  it("a request naming the platform's whole scope list is narrowed to what this server grants, not refused", async () => {
    const admin = await createClient(ctx.db, { name: 'platform-client', scopes: [scope('admin')] });
    const platformList = [
      'https://purl.imsglobal.org/spec/or/v1p1/scope/admin',
      'https://purl.imsglobal.org/spec/or/v1p1/scope/roster.readonly',
      'https://purl.imsglobal.org/spec/or/v1p1/scope/gradebook.createput',
      'https://purl.imsglobal.org/spec/powerpath/v1p1/scope/powerpath.readonly',
      'https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly',
      'https://purl.imsglobal.org/spec/qti/v3/scope/readonly',
      'https://purl.imsglobal.org/spec/caliper/v1p1/scope/event.create',
    ];
    const res = await tokenRequest(
      form({ grant_type: 'client_credentials', client_id: admin.clientId, client_secret: admin.clientSecret, scope: platformList.join(' ') }),
    );
    expect(res.statusCode, res.body).toBe(200);
    // RFC 6749 §3.3: the server may narrow; the answer says which were granted.
    expect(res.json().scope.split(' ')).toEqual(platformList.slice(0, 3));
    expect((await readUsers(res.json().access_token)).statusCode).toBe(200);
    const none = await tokenRequest(
      form({ grant_type: 'client_credentials', client_id: admin.clientId, client_secret: admin.clientSecret, scope: platformList.slice(3).join(' ') }),
    );
    expect(none.statusCode).toBe(400);
    expect(none.json().error).toBe('invalid_scope');
  });

  it('an admin client may request any known scope', async () => {
    const admin = await createClient(ctx.db, { name: 'admin', scopes: [scope('admin')] });
    const res = await tokenRequest(
      form({ grant_type: 'client_credentials', client_id: admin.clientId, client_secret: admin.clientSecret, scope: scope('roster.delete') }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().scope).toBe(scope('roster.delete'));
  });

  it.each([
    ['wrong secret (form)', () => form({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: 'wrong' }), () => ({})],
    ['unknown client (form)', () => form({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x' }), () => ({})],
    ['wrong secret (Basic)', () => form({ grant_type: 'client_credentials' }), () => ({ authorization: basic(client.clientId, 'wrong') })],
    ['no credentials at all', () => form({ grant_type: 'client_credentials' }), () => ({})],
  ] as const)('%s → 401 invalid_client', async (_name, payload, headers) => {
    const res = await tokenRequest(payload(), headers() as Record<string, string>);
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('invalid_client');
    expect(res.headers['www-authenticate']).toBeDefined();
  });

  it('unknown grant → 400 unsupported_grant_type', async () => {
    const res = await tokenRequest(form({ grant_type: 'password', client_id: client.clientId, client_secret: client.clientSecret }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('unsupported_grant_type');
  });

  it('missing grant_type → 400 invalid_request', async () => {
    const res = await tokenRequest(form({ client_id: client.clientId, client_secret: client.clientSecret }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('invalid_request');
  });

  it('a revoked client can no longer get tokens', async () => {
    const doomed = await createClient(ctx.db, { name: 'doomed', scopes: [scope('roster.readonly')] });
    const fields = form({ grant_type: 'client_credentials', client_id: doomed.clientId, client_secret: doomed.clientSecret });
    expect((await tokenRequest(fields)).statusCode).toBe(200);
    expect(await revokeClient(ctx.db, doomed.clientId)).toBe(true);
    const res = await tokenRequest(fields);
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('invalid_client');
  });

  it('the secret is stored hashed, never in clear', async () => {
    const { rows } = await import('../../src/platform/db/database.js');
    const { sql } = await import('drizzle-orm');
    const [row] = await rows<{ secret_hash: string }>(ctx.db.drizzle, sql`select secret_hash from oauth_clients where client_id = ${client.clientId}`);
    expect(row.secret_hash).toMatch(/^scrypt\$/);
    expect(row.secret_hash).not.toContain(client.clientSecret);
  });
});

describe('bearer tokens', () => {
  /** Signs claims with the server's current JWT key, as the server would. */
  async function signWithServerKey(claims: Record<string, unknown>, exp: number) {
    const key = await currentKey(ctx.db, 'jwt', () => Promise.reject(new Error('the key exists already')));
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
      .setIssuer(ctx.config.tokenIssuer)
      .setIssuedAt(exp - 3600)
      .setExpirationTime(exp)
      .sign(await importJWK(key.privateKey as JWK, 'EdDSA'));
  }

  it('an expired token → 401', async () => {
    await ctx.token('roster.readonly'); // makes sure the signing key exists
    const now = Math.floor(Date.now() / 1000);
    const fresh = await signWithServerKey({ scope: scope('roster.readonly'), client_id: 'c' }, now + 600);
    expect((await readUsers(fresh)).statusCode).toBe(200);
    const expired = await signWithServerKey({ scope: scope('roster.readonly'), client_id: 'c' }, now - 600);
    const res = await readUsers(expired);
    expect(res.statusCode).toBe(401);
    expect(codeMinor(res)).toBe('unauthorisedrequest');
  });

  it('a token signed with the server key but without exp → 401 (it would never expire)', async () => {
    await ctx.token('roster.readonly');
    const key = await currentKey(ctx.db, 'jwt', () => Promise.reject(new Error('the key exists already')));
    const forever = await new SignJWT({ scope: scope('roster.readonly'), client_id: 'c' })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
      .setIssuer(ctx.config.tokenIssuer)
      .setIssuedAt()
      .sign(await importJWK(key.privateKey as JWK, 'EdDSA'));
    const res = await readUsers(forever);
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('a token accepted before it expired is refused once it has (the verified-token cache keeps expiry)', async () => {
    await ctx.token('roster.readonly');
    const exp = Math.floor(Date.now() / 1000) + 2;
    const shortLived = await signWithServerKey({ scope: scope('roster.readonly'), client_id: 'c' }, exp);
    expect((await readUsers(shortLived)).statusCode).toBe(200);
    expect((await readUsers(shortLived)).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
    const res = await readUsers(shortLived);
    expect(res.statusCode).toBe(401);
    expect(codeMinor(res)).toBe('unauthorisedrequest');
  });

  it('a tampered token (scope widened) → 401', async () => {
    const token = await ctx.token('roster-core.readonly');
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.scope = scope('admin');
    const tampered = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    expect((await readUsers(tampered)).statusCode).toBe(401);
  });

  it('a token signed with a rotated-out key still verifies; new tokens use the new key', async () => {
    const before = await ctx.token('roster.readonly');
    const rotated = await ctx.tokens.rotate();
    const after = await ctx.token('roster.readonly');
    const kid = (t: string) => JSON.parse(Buffer.from(t.split('.')[0], 'base64url').toString()).kid;
    expect(kid(after)).toBe(rotated.kid);
    expect(kid(before)).not.toBe(rotated.kid);
    expect((await readUsers(before)).statusCode).toBe(200);
    expect((await readUsers(after)).statusCode).toBe(200);
  });
});

describe('tokens of an external OpenID provider', () => {
  let jwks: Server;
  let external: TestContext;
  let privateKey: CryptoKey;
  const issuer = 'https://idp.example.test';
  const audience = 'learnstack-api';

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    external = await createTestContext({ externalJwksUrl: `http://127.0.0.1:${port}/jwks.json`, externalIssuer: issuer, externalAudience: audience });
  });
  afterAll(async () => {
    await external?.close();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  const idpToken = (claims: Record<string, unknown>, iss = issuer, aud = audience) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-key-1' })
      .setIssuer(iss)
      .setAudience(aud)
      .setSubject('idp-client')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);

  it('accepts a token carrying `scope`', async () => {
    const token = await idpToken({ scope: `${scope('roster.readonly')} openid` });
    const res = await external.request('GET', `${ROSTER}/users`, { token });
    expect(res.statusCode).toBe(200);
  });

  it('accepts a token carrying `scp` as an array (v1p1 form)', async () => {
    const token = await idpToken({ scp: ['https://purl.imsglobal.org/spec/or/v1p1/scope/roster-core.readonly'] });
    expect((await external.request('GET', `${ROSTER}/orgs`, { token })).statusCode).toBe(200);
  });

  it('applies the scopes: a token without the route scope → 403', async () => {
    const token = await idpToken({ scope: scope('roster-core.readonly') });
    expect((await external.request('GET', `${ROSTER}/users/x/classes`, { token })).statusCode).toBe(403);
  });

  it('wrong issuer → 401', async () => {
    const token = await idpToken({ scope: scope('roster.readonly') }, 'https://evil.example.test');
    const res = await external.request('GET', `${ROSTER}/users`, { token });
    expect(res.statusCode).toBe(401);
    expect(codeMinor(res)).toBe('unauthorisedrequest');
  });

  it('wrong audience → 401', async () => {
    const token = await idpToken({ scope: scope('roster.readonly') }, issuer, 'someone-else');
    expect((await external.request('GET', `${ROSTER}/users`, { token })).statusCode).toBe(401);
  });

  it("the server's own tokens keep working alongside", async () => {
    expect((await external.request('GET', `${ROSTER}/users`, { token: await external.token('roster.readonly') })).statusCode).toBe(200);
  });

  it('the provider is not trusted where it is not configured', async () => {
    const token = await idpToken({ scope: scope('roster.readonly') });
    expect((await readUsers(token)).statusCode).toBe(401);
  });
});
