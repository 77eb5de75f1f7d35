/**
 * The CLR 2.0 service (base /ims/clr/v2p0): upsert (the platform signs as publisher), list and get
 * stored credentials, the publisher profile, verification, and a learner's CLR built from the
 * gradebook. Signing runs inline (a CLR with 50 embedded credentials costs ~0.3 s of CPU).
 *
 * Upsert key: (publisher issuer id, submitted credential id). The issuer id is the profile's DID, so
 * after a key rotation under did:key (a new DID) the same credential id is stored anew.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { and, asc, count, desc, eq, gt, type SQL } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Service, linkHeader, type ServiceDeps } from '../platform/service.js';
import { anyOf, satisfies } from '../platform/auth/scopes.js';
import { CodeMinor, ImsxError, badRequest, notFound } from '../platform/errors.js';
import { DEFAULT_LIMIT, MAX_LIMIT, parseListQuery } from '../platform/query/list-query.js';
import { CLR_KEY_PURPOSE, clrCredentials, clrProfile } from './clr.schema.js';
import { UnknownContextError, unknownContextUrls } from '../credentials/document-loader.js';
import { signCredential } from '../credentials/sign.js';
import { validateClrCredential, verifyCredential } from '../credentials/verify.js';
import { Publisher, type ProfileInput } from '../credentials/publisher.js';
import { buildLearnerClr } from './learner-clr.js';

export const CLR = '/ims/clr/v2p0';

type Json = Record<string, unknown>;

const scopes = {
  read: anyOf('clr:credential.readonly', 'clr:credential.admin'),
  upsert: anyOf('clr:credential.upsert', 'clr:credential.admin'),
  admin: anyOf('clr:credential.admin'),
};

const AnyObject = (title: string, description: string) => Type.Object({}, { additionalProperties: true, title, description });
const ClrCredential = AnyObject('ClrCredential', 'A CLR 2.0 ClrCredential (JSON-LD), validated against the official JSON Schema.');
const Profile = Type.Object(
  {
    id: Type.Optional(Type.String({ description: "One of the platform's DIDs: its did:key, or its did:web when PUBLIC_BASE_URL is https." })),
    type: Type.Optional(Type.Array(Type.String())),
    name: Type.String({ minLength: 1 }),
    url: Type.Optional(Type.String({ format: 'uri' })),
    email: Type.Optional(Type.String({ format: 'email' })),
    image: Type.Optional(
      Type.Union([Type.String({ format: 'uri' }), Type.Object({ id: Type.String(), type: Type.Literal('Image'), caption: Type.Optional(Type.String()) })]),
    ),
  },
  { title: 'Profile', additionalProperties: false },
);
const VerifyResult = Type.Object({
  valid: Type.Boolean(),
  checks: Type.Array(Type.String()),
  errors: Type.Array(Type.String()),
  warnings: Type.Array(Type.String()),
});
const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, default: DEFAULT_LIMIT, description: `Page size; values above ${MAX_LIMIT} are clamped.` })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  subject: Type.Optional(Type.String({ description: 'credentialSubject.id (or, without one, its first identifier).' })),
  issuer: Type.Optional(Type.String({ description: 'issuer.id' })),
  since: Type.Optional(Type.String({ format: 'date-time', description: 'Only credentials the platform signed (created or replaced) after this instant.' })),
});

function subjectOf(doc: Json): string | null {
  const subject = doc.credentialSubject as { id?: unknown; identifier?: Array<{ identityHash?: unknown }> } | undefined;
  if (typeof subject?.id === 'string') return subject.id;
  const hash = subject?.identifier?.[0]?.identityHash;
  return typeof hash === 'string' ? hash : null;
}

/** Signs as the publisher; an unknown @context anywhere (also inside embedded credentials) is a 422 naming it. */
async function signAsPublisher(publisher: Publisher, credential: Json): Promise<Json> {
  const issuer = await publisher.profile();
  const unknown = unknownContextUrls(credential);
  if (unknown.length > 0) throw unknownContext(unknown[0]!);
  try {
    return await signCredential({ ...credential, issuer }, await publisher.signingKey(issuer.id));
  } catch (err) {
    if (err instanceof UnknownContextError) throw unknownContext(err.url);
    throw err;
  }
}

const unknownContext = (url: string) =>
  new ImsxError(
    422,
    CodeMinor.invalidData,
    `Unknown JSON-LD @context "${url}": only the pinned CLR 2.0, Open Badges 3.0, VC 2.0 and Data Integrity contexts are accepted.`,
    [{ field: '@context', message: `unknown context ${url}` }],
  );

export function registerClr(app: FastifyInstance, deps: ServiceDeps): Service {
  const service = new Service(
    app,
    {
      name: 'clr',
      title: 'Comprehensive Learner Record 2.0 Service',
      version: '2.0',
      basePath: CLR,
      description:
        'CLR 2.0: the platform signs submitted ClrCredentials as publisher (DataIntegrityProof, eddsa-rdfc-2022), stores and lists them, verifies credentials, and builds a learner’s CLR from the gradebook.',
    },
    deps,
  );
  const { db } = deps;
  const publisher = new Publisher(db, { keyPurpose: CLR_KEY_PURPOSE, profileTable: clrProfile, publicBaseUrl: deps.publicBaseUrl });

  // The VC media type is JSON: parse it like application/json.
  app.addContentTypeParser('application/vc+ld+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));

  const isAdmin = (request: FastifyRequest) => satisfies(request.principal!.scopes, scopes.admin);
  /** Read-only clients see what they upserted; admins see everything. */
  const visible = (request: FastifyRequest): SQL[] => (isAdmin(request) ? [] : [eq(clrCredentials.ownerClientId, request.principal!.clientId)]);

  /** Stores a signed credential under (issuer, id): 201 created, 200 replaced. A non-admin may not replace another client's credential. */
  async function store(request: FastifyRequest, signed: Json): Promise<201 | 200> {
    const issuerId = (signed.issuer as { id: string }).id;
    const credentialId = signed.id as string;
    const values = { document: signed, subjectId: subjectOf(signed), validFrom: String(signed.validFrom), updatedAt: new Date() };
    return db.drizzle.transaction(async (tx) => {
      const key = and(eq(clrCredentials.issuerId, issuerId), eq(clrCredentials.credentialId, credentialId));
      const [existing] = await tx.select({ owner: clrCredentials.ownerClientId }).from(clrCredentials).where(key).for('update');
      if (!existing) {
        await tx.insert(clrCredentials).values({ issuerId, credentialId, ownerClientId: request.principal!.clientId, ...values });
        return 201;
      }
      if (existing.owner !== request.principal!.clientId && !isAdmin(request)) {
        throw new ImsxError(403, CodeMinor.forbidden, `Credential ${credentialId} was upserted by another client.`);
      }
      await tx.update(clrCredentials).set(values).where(key);
      return 200;
    });
  }

  const credentialResponses = (codes: number[]): Record<number, TSchema> => Object.fromEntries(codes.map((c) => [c, ClrCredential]));

  service.route(
    {
      method: 'POST',
      path: '/credentials',
      operationId: 'upsertCLR',
      summary: 'Upsert a ClrCredential (signed by this platform as publisher)',
      scopes: scopes.upsert,
      body: ClrCredential,
      responses: credentialResponses([200, 201]),
    },
    async (request, reply) => {
      const body = request.body as Json;
      const failures = validateClrCredential(body);
      if (failures.length > 0) {
        const details = failures.map((f) => ({ field: f.path || '(root)', message: f.message }));
        throw new ImsxError(
          422,
          CodeMinor.invalidData,
          `Not a valid CLR 2.0 ClrCredential: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`,
          details,
        );
      }
      const signed = await signAsPublisher(publisher, body);
      reply.code(await store(request, signed));
      return signed;
    },
  );

  service.route(
    {
      method: 'GET',
      path: '/credentials',
      operationId: 'getCredentials',
      summary: 'List stored ClrCredentials',
      scopes: scopes.read,
      querystring: ListQuery,
      responses: { 200: Type.Object({ credential: Type.Array(ClrCredential) }, { title: 'GetClrCredentialsResponse' }) },
    },
    async (request, reply) => {
      const query = request.query as Record<string, string | undefined>;
      const { limit, offset } = parseListQuery({ limit: query.limit, offset: query.offset });
      const where = visible(request);
      for (const name of ['subject', 'issuer', 'since'] as const) {
        if (Array.isArray(query[name])) throw badRequest(`${name} is given more than once.`, name);
      }
      if (query.subject !== undefined) where.push(eq(clrCredentials.subjectId, query.subject));
      if (query.issuer !== undefined) where.push(eq(clrCredentials.issuerId, query.issuer));
      if (query.since !== undefined) {
        const since = Date.parse(query.since);
        if (!/^\d{4}-\d{2}-\d{2}T/.test(query.since) || Number.isNaN(since)) throw badRequest(`since must be a date-time, not '${query.since}'.`, 'since');
        where.push(gt(clrCredentials.updatedAt, new Date(since)));
      }
      const condition = where.length ? and(...where) : undefined;
      const page = await db.drizzle
        .select({ document: clrCredentials.document })
        .from(clrCredentials)
        .where(condition)
        .orderBy(asc(clrCredentials.updatedAt), asc(clrCredentials.issuerId), asc(clrCredentials.credentialId))
        .limit(limit)
        .offset(offset);
      const [{ total }] = await db.drizzle.select({ total: count() }).from(clrCredentials).where(condition);
      reply.header('X-Total-Count', String(total)).header('Link', linkHeader(request, service.baseUrl(request), limit, offset, total));
      return { credential: page.map((r) => r.document) };
    },
  );

  service.route(
    {
      method: 'GET',
      path: '/credentials/:id',
      operationId: 'getCredential',
      summary: 'Get one stored ClrCredential by its (URL-encoded) id',
      scopes: scopes.read,
      responses: credentialResponses([200]),
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const [row] = await db.drizzle
        .select({ document: clrCredentials.document })
        .from(clrCredentials)
        .where(and(eq(clrCredentials.credentialId, id), ...visible(request)))
        // The same id under an earlier issuer DID (a rotated did:key) is an older copy: newest first.
        .orderBy(desc(clrCredentials.updatedAt))
        .limit(1);
      if (!row) throw notFound('Credential');
      return row.document;
    },
  );

  service.route(
    {
      method: 'POST',
      path: '/credentials/verify',
      operationId: 'verifyCredential',
      summary: 'Verify a ClrCredential or AchievementCredential (schema, proofs, validity window)',
      scopes: scopes.read,
      body: AnyObject('Credential', 'A ClrCredential or an AchievementCredential.'),
      responses: { 200: VerifyResult },
    },
    async (request) => verifyCredential(request.body, { resolveKey: publisher.resolveKey }),
  );

  service.route(
    {
      method: 'GET',
      path: '/profile',
      operationId: 'getProfile',
      summary: 'The publisher profile (the issuer this platform signs as)',
      scopes: scopes.read,
      responses: { 200: Profile },
    },
    async () => publisher.profile(),
  );

  service.route(
    {
      method: 'PUT',
      path: '/profile',
      operationId: 'putProfile',
      summary: 'Replace the publisher profile',
      scopes: scopes.admin,
      body: Profile,
      responses: { 200: Profile },
    },
    async (request) => publisher.putProfile(request.body as ProfileInput),
  );

  service.route(
    {
      method: 'POST',
      path: '/learners/:userSourcedId/clr',
      operationId: 'buildLearnerCLR',
      summary: "Build, sign and store a learner's CLR from enrollments and gradebook results (one AchievementCredential per completed class)",
      scopes: scopes.upsert,
      responses: credentialResponses([200, 201]),
    },
    async (request, reply) => {
      const { userSourcedId } = request.params as { userSourcedId: string };
      const issuer = await publisher.profile();
      const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      const built = await buildLearnerClr(db, userSourcedId, service.baseUrl(request), { ...issuer }, now);
      if (!built) throw notFound('User');
      if (built.achievements.length === 0) {
        throw new ImsxError(422, CodeMinor.invalidData, `User ${userSourcedId} has no completed class: a CLR needs at least one credential.`, [
          { field: 'userSourcedId', message: 'no completed class (every active line item of a class graded: fully graded or exempt)' },
        ]);
      }
      const key = await publisher.signingKey(issuer.id);
      const embedded = [];
      for (const achievement of built.achievements) embedded.push(await signCredential(achievement, key));
      const clr = { ...built.clr, credentialSubject: { ...(built.clr.credentialSubject as Json), verifiableCredential: embedded } };
      const signed = await signCredential(clr, key);
      reply.code(await store(request, signed));
      return signed;
    },
  );

  // did:web resolution (outside the base path): /.well-known/did.json, or <path>/did.json for a base URL with a path.
  const basePath = deps.publicBaseUrl ? new URL(deps.publicBaseUrl).pathname.replace(/\/+$/, '') : '';
  for (const path of new Set(['/.well-known/did.json', ...(basePath ? [`${basePath}/did.json`] : [])])) {
    app.get(path, { schema: { hide: true } }, async (_request, reply) => {
      const document = await publisher.didDocument();
      if (!document) throw new ImsxError(404, CodeMinor.unknownObject, 'did:web is available only when PUBLIC_BASE_URL is https.');
      return reply.type('application/did+json').send(document);
    });
  }

  return service;
}
