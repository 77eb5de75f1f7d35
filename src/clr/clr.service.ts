/**
 * The CLR 2.0 service (base /ims/clr/v2p0): upsert (the platform signs as publisher), list and get
 * stored credentials, the publisher profile, verification, and a learner's CLR built from the
 * gradebook. The routes parse and answer; issuing, storing and signing are credentials/'s.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { linkHeader, type Service, type ServiceModule } from '../platform/service.js';
import { anyOf } from '../platform/auth/scopes.js';
import { CodeMinor, ImsxError, badRequest, notFound } from '../platform/errors.js';
import { DEFAULT_LIMIT, MAX_LIMIT, parseListQuery } from '../platform/query/list-query.js';
import { CLR_KEY_PURPOSE, clrCredentials, clrProfile } from './clr.schema.js';
import { validateClrCredential } from '../credentials/schema.js';
import type { SigningPool } from '../credentials/signing-pool.js';
import { Publisher } from '../credentials/publisher.js';
import { findIssued, issueAndStore, listIssued, type Issuing, type Requester } from '../credentials/issued-credentials.js';
import { issueLearnerClr } from './learner-clr.js';

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

/** A submitted ClrCredential must pass the official JSON Schema: 422 listing every failure. */
function assertClrCredential(body: Json): void {
  const failures = validateClrCredential(body);
  if (failures.length === 0) return;
  const details = failures.map((f) => ({ field: f.path || '(root)', message: f.message }));
  throw new ImsxError(422, CodeMinor.invalidData, `Not a valid CLR 2.0 ClrCredential: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details);
}

export const clrService: ServiceModule<{ signing: SigningPool }> = {
  info: {
    name: 'clr',
    title: 'Comprehensive Learner Record 2.0 Service',
    version: '2.0',
    basePath: CLR,
    description:
      'CLR 2.0: the platform signs submitted ClrCredentials as publisher (DataIntegrityProof, eddsa-rdfc-2022), stores and lists them, verifies credentials, and builds a learner’s CLR from the gradebook.',
    scopes: {
      prefix: 'clr',
      uris: ['https://purl.imsglobal.org/spec/clr/v2p0/scope/'],
      scopes: {
        'credential.readonly': 'Read CLR credentials.',
        'credential.upsert': 'Create and update CLR credentials.',
        'credential.admin': 'Administer CLR credentials and the publisher profile.',
      },
    },
  },
  register: registerClr,
};

function registerClr(service: Service, { signing }: { signing: SigningPool }): void {
  const { app, deps } = service;
  const { db } = deps;
  const publisher = new Publisher(db, { keyPurpose: CLR_KEY_PURPOSE, profileTable: clrProfile, publicBaseUrl: deps.publicBaseUrl });

  const issuing: Issuing = { db, publisher, signing, table: clrCredentials };
  const requester = (request: FastifyRequest): Requester => ({
    clientId: request.principal!.clientId,
    admin: deps.scopes.satisfies(request.principal!.scopes, scopes.admin),
  });

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
      assertClrCredential(body);
      const issued = await issueAndStore(issuing, body, requester(request));
      reply.code(issued.status);
      return issued.credential;
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
      const { limit, offset } = parseListQuery({ limit: request.query.limit, offset: request.query.offset });
      const single = (name: 'subject' | 'issuer' | 'since') => {
        const value = request.query[name];
        if (Array.isArray(value)) throw badRequest(`${name} is given more than once.`, name);
        return value;
      };
      const query = { subject: single('subject'), issuer: single('issuer'), since: single('since') };
      let since: Date | undefined;
      if (query.since !== undefined) {
        const instant = Date.parse(query.since);
        if (!/^\d{4}-\d{2}-\d{2}T/.test(query.since) || Number.isNaN(instant)) throw badRequest(`since must be a date-time, not '${query.since}'.`, 'since');
        since = new Date(instant);
      }
      const { credentials, total } = await listIssued(db, clrCredentials, requester(request), {
        subject: query.subject,
        issuer: query.issuer,
        since,
        limit,
        offset,
      });
      reply.header('X-Total-Count', String(total));
      const link = linkHeader(request, service.baseUrl(request), limit, offset, total);
      if (link) reply.header('Link', link);
      return { credential: credentials };
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
      const { id } = request.params;
      const document = await findIssued(db, clrCredentials, requester(request), id);
      if (document === undefined) throw notFound('Credential');
      return document;
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
    async (request) => signing.verify(request.body, { resolveKey: publisher.resolveKey }),
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
    async (request) => publisher.putProfile(request.body),
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
      const { userSourcedId } = request.params;
      const issued = await issueLearnerClr(issuing, userSourcedId, service.baseUrl(request), requester(request));
      reply.code(issued.status);
      return issued.credential;
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
}
