/**
 * A service is a base path plus routes derived from resource declarations.
 * Every route registered here is recorded, so discovery documents and the security test matrix are
 * generated from the same list the server runs.
 */
import { Type, type Static, type TObject, type TSchema, type TUnknown } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SQL } from 'drizzle-orm';
import type { Database, Executor } from './db/database.js';
import type { ListTotals } from './resource/list-totals.js';
import { CodeMinor, ImsxError, errorResponses, notFound } from './errors.js';
import { parseFields, parseListQuery, project, selectedFields, ListQueryParams, SingleQueryParams, DEFAULT_LIMIT } from './query/list-query.js';
import {
  getRow,
  recordExists,
  getStatement,
  listStatements,
  inputSchema,
  listRows,
  outputSchema,
  present,
  softDelete,
  writeRecord,
  type PresentContext,
  type ResourceDef,
} from './resource/resource.js';
import type { ScopeCatalog, ScopeDeclaration, ScopeRequirement } from './auth/scopes.js';
import type { Principal, TokenService } from './auth/tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What the discovery generator and the security tests read. */
export interface RouteRecord {
  method: Method;
  /** Fastify form (`/users/:sourcedId`), relative to the service base path. */
  path: string;
  operationId: string;
  summary: string;
  scopes: ScopeRequirement;
  params?: TSchema;
  querystring?: TSchema;
  body?: TSchema;
  responses: Record<number, TSchema | null>;
  /** Media type of the success body when it is not JSON (a Common Cartridge zip). */
  produces?: string;
  /** Not protected (discovery). */
  public?: boolean;
  /** The resource a generated route serves (its collection key), for the checked-in SQL artifacts. */
  resource?: string;
  /** The canonical statements the route issues, with path parameters as `:name` placeholders. */
  statements?: () => SQL[];
}

export interface ServiceInfo {
  name: string;
  title: string;
  version: string;
  basePath: string;
  description: string;
  /** The scopes the service's routes require (the platform's catalog collects every service's). */
  scopes?: ScopeDeclaration;
  /** File names its discovery document is also published under (`<base>/discovery/<name>`). */
  discoveryFiles?: string[];
}

/**
 * A service as the application lists it: what it is, and the routes it registers on its Service.
 * `Shared` is what the application gives every service beyond the platform's deps (a signing pool).
 */
export interface ServiceModule<Shared = unknown> {
  info: ServiceInfo;
  register(service: Service, shared: Shared): void;
}

export interface ServiceDeps {
  db: Database;
  tokens: TokenService;
  scopes: ScopeCatalog;
  /** Totals behind X-Total-Count, reused for a few seconds (list-totals.ts). */
  totals: ListTotals;
  publicBaseUrl?: string;
  limits: ServiceLimits;
}

/** Limits every service enforces before the work starts (config.ts satisfies them). */
export interface ServiceLimits {
  /** Rows one bulk request may write (larger loads belong to a CSV import). */
  maxBulkRows: number;
}

type Params = Record<string, string>;

/** The `:name` segments of a route path, as a type (`/users/:userId/agents/:agentSourcedId` → 'userId' | 'agentSourcedId'). */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<Rest>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;
export type PathParams<P extends string> = string extends P ? Params : { [K in ParamNames<P>]: string };

/** A request as a route's handler sees it: typed path parameters and body; the query string as sent (parsed by hand for precise errors). */
export type RouteRequest<Path extends string, Body> = FastifyRequest<{
  Params: PathParams<Path>;
  Body: Body;
  Querystring: Record<string, string | string[] | undefined>;
}>;

/** A condition on the parent of a nested collection: it must exist, or the request is 404. */
export interface ParentCheck {
  param: string;
  resource: ResourceDef;
  /** Extra conditions on the parent row (a class that belongs to the school in the path). */
  where?: (params: Params) => SQL[];
}

export interface ListOptions {
  operationId: string;
  summary: string;
  scopes: ScopeRequirement;
  /** Conditions that select the collection's members from the resource (alias `t`). */
  where?: (params: Params) => SQL[];
  parents?: ParentCheck[];
  /** Envelope keys; the first is the documented one, the others carry the same array. */
  keys?: string[];
}

export interface ItemOptions {
  operationId: string;
  summary: string;
  scopes: ScopeRequirement;
  keys?: string[];
  param?: string;
}

export interface WriteOptions {
  operationId: string;
  summary: string;
  scopes: ScopeRequirement;
  /** The body's envelope key (defaults to the resource name). */
  bodyKey?: string;
  /** The response's envelope keys for PUT/PATCH. */
  keys?: string[];
  param?: string;
  /** Adjusts the input with path parameters before the write (a parent named in the path). */
  fromPath?: (params: Params, input: Record<string, unknown>) => Record<string, unknown>;
  /** Required fields that `fromPath` supplies, so the body may leave them out. */
  pathFields?: string[];
  /** Objects named in the path that must exist (404 otherwise). */
  parents?: ParentCheck[];
}

export interface CrudOptions {
  operationIds: { list: string; get: string; create: string; put: string; patch?: string; delete: string };
  scopes: { read: ScopeRequirement; create: ScopeRequirement; put: ScopeRequirement; delete: ScopeRequirement };
  /** Envelope keys of the list and of one object, and the body's key, where they are not the resource's names. */
  keys?: string[];
  itemKeys?: string[];
  bodyKey?: string;
}

const SourcedIdPairs = Type.Object({
  sourcedIdPairs: Type.Object({ suppliedSourcedId: Type.String(), allocatedSourcedId: Type.String() }),
});

const collectionEnvelope = (keys: string[], item: TSchema) =>
  Type.Object({
    ...Object.fromEntries(keys.map((k) => [k, Type.Array(item)])),
    totalCount: Type.Integer(),
    pageCount: Type.Integer(),
    pageNumber: Type.Integer(),
    offset: Type.Integer(),
    limit: Type.Integer(),
  });

const singleEnvelope = (keys: string[], item: TSchema) => Type.Object(Object.fromEntries(keys.map((k) => [k, item])));

function pathParams(path: string): TSchema | undefined {
  const names = [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
  if (names.length === 0) return undefined;
  return Type.Object(Object.fromEntries(names.map((n) => [n, Type.String()])));
}

/** `{ classSourcedId: ':classSourcedId' }` for a path, to render canonical SQL. */
function placeholders(path: string): Params {
  return Object.fromEntries([...path.matchAll(/:([A-Za-z]+)/g)].map((m) => [m[1], `:${m[1]}`]));
}

/** RFC 8288 paging links (first, prev, next, last) of a collection page. */
export function linkHeader(request: FastifyRequest, baseUrl: string, limit: number, offset: number, total: number): string | undefined {
  const url = new URL(request.url, baseUrl);
  const at = (o: number) => {
    url.searchParams.set('limit', String(limit));
    url.searchParams.set('offset', String(o));
    return url.toString();
  };
  const last = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  // Most useful first: each link repeats the whole query, so a long filter keeps only what fits.
  const links: string[] = [];
  if (offset + limit < total) links.push(`<${at(offset + limit)}>; rel="next"`);
  if (offset > 0) links.push(`<${at(Math.max(0, offset - limit))}>; rel="prev"`);
  links.push(`<${at(0)}>; rel="first"`, `<${at(last)}>; rel="last"`);
  const kept: string[] = [];
  for (const link of links) if ([...kept, link].join(', ').length <= MAX_LINK_HEADER) kept.push(link);
  return kept.length > 0 ? kept.join(', ') : undefined;
}

/**
 * Longest Link header sent (bytes). Proxies and clients refuse larger headers (nginx's default buffers,
 * Node's fetch); X-Total-Count and the body's paging fields still tell the rest.
 */
export const MAX_LINK_HEADER = 8192;

/** Whether the resource serves a field of that name. */
const isReadable = (resource: ResourceDef, name: string) => Object.hasOwn(resource.fields, name) && !resource.fields[name].writeOnly;

export class Service {
  readonly routes: RouteRecord[] = [];

  constructor(
    readonly app: FastifyInstance,
    readonly info: ServiceInfo,
    readonly deps: ServiceDeps,
  ) {}

  baseUrl(request: FastifyRequest): string {
    return this.deps.publicBaseUrl ?? `${request.protocol}://${request.host}`;
  }

  presentContext(request: FastifyRequest): PresentContext {
    return { baseUrl: this.baseUrl(request) };
  }

  /** Authenticates the bearer token and checks the route's scopes: 401 without a valid token, 403 without the scope. */
  async authorize(request: FastifyRequest, scopes: ScopeRequirement): Promise<void> {
    const header = request.headers.authorization;
    const token = header?.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new ImsxError(401, CodeMinor.unauthorised, 'A bearer access token is required.');
    const principal = await this.deps.tokens.verify(token);
    if (!principal) throw new ImsxError(401, CodeMinor.unauthorised, 'The access token is invalid or expired.');
    request.principal = principal;
    if (!this.deps.scopes.satisfies(principal.scopes, scopes))
      throw new ImsxError(403, CodeMinor.forbidden, 'The access token lacks the scope this operation requires.');
  }

  /**
   * Registers one route and records it. Every other registration method goes through here. The
   * handler's request is typed from the route: params from the path's `:names`, the body from its
   * TypeBox schema (Fastify has validated both against exactly these schemas before the handler runs).
   */
  route<Path extends string, Body extends TSchema = TUnknown, R = unknown>(
    record: Omit<RouteRecord, 'params' | 'path' | 'body'> & { path: Path; params?: TSchema; body?: Body },
    handler: (request: RouteRequest<Path, Static<Body>>, reply: FastifyReply) => Promise<R>,
  ): void {
    const full: RouteRecord = { ...record, params: record.params ?? pathParams(record.path) };
    this.routes.push(full);
    const response: Record<number, TSchema> = { ...errorResponses };
    for (const [code, schema] of Object.entries(full.responses)) if (schema) response[Number(code)] = schema;
    this.app.withTypeProvider<TypeBoxTypeProvider>().route({
      method: full.method,
      url: `${this.info.basePath}${full.path}`,
      // Only the parts a route has: Fastify warns about keys present but undefined.
      schema: { response, ...(full.body ? { body: full.body } : {}), ...(full.params ? { params: full.params } : {}) },
      // Before body validation: a request without a valid token is 401/403, whatever its body.
      preValidation: full.public ? undefined : async (request) => this.authorize(request, full.scopes),
      handler: async (request, reply) => handler(request as unknown as RouteRequest<Path, Static<Body>>, reply),
    });
  }

  async checkParents(db: Executor, parents: ParentCheck[] | undefined, params: Params): Promise<void> {
    for (const parent of parents ?? []) {
      if (!(await recordExists(db, parent.resource, params[parent.param], parent.where?.(params) ?? []))) throw notFound(parent.resource.entity);
    }
  }

  /**
   * The five (or six, with PATCH) routes of a top-level collection: list, get, create, PUT (upsert),
   * PATCH when it has an operation id, and soft DELETE.
   */
  crud(path: string, resource: ResourceDef, options: CrudOptions): void {
    const { operationIds: ids, scopes } = options;
    const what = resource.entity.toLowerCase();
    // 'an org', 'an assessment result', but 'a user'.
    const a = /^[aeio]/.test(what) ? 'an' : 'a';
    const item = `${path}/:sourcedId`;
    this.list(path, resource, { operationId: ids.list, summary: `List ${resource.plural}`, scopes: scopes.read, keys: options.keys });
    this.get(item, resource, { operationId: ids.get, summary: `Get one ${what}`, scopes: scopes.read, keys: options.itemKeys });
    this.create(path, resource, { operationId: ids.create, summary: `Create ${a} ${what}`, scopes: scopes.create, bodyKey: options.bodyKey });
    const update = { scopes: scopes.put, bodyKey: options.bodyKey, keys: options.itemKeys };
    this.update('PUT', item, resource, {
      ...update,
      operationId: ids.put,
      summary: `Replace (or create) ${a} ${what}; on an existing one, a body without every required field updates the fields it carries (metadata deep-merged)`,
    });
    if (ids.patch) this.update('PATCH', item, resource, { ...update, operationId: ids.patch, summary: `Partially update ${a} ${what} (metadata deep-merged)` });
    this.remove(item, resource, { operationId: ids.delete, summary: `Delete ${a} ${what} (soft)`, scopes: scopes.delete });
  }

  list(path: string, resource: ResourceDef, options: ListOptions): void {
    const keys = options.keys ?? [resource.plural];
    this.route(
      {
        method: 'GET',
        path,
        operationId: options.operationId,
        summary: options.summary,
        scopes: options.scopes,
        querystring: ListQueryParams,
        responses: { 200: collectionEnvelope(keys, outputSchema(resource)) },
        resource: resource.plural,
        statements: () => {
          const { page, count } = listStatements(resource, options.where?.(placeholders(path)) ?? [], { limit: DEFAULT_LIMIT, offset: 0 });
          return [page, count];
        },
      },
      async (request, reply) => {
        const params = request.params;
        const query = parseListQuery(request.query);
        const db = this.deps.db.drizzle;
        await this.checkParents(db, options.parents, params);
        const { rows, total } = await listRows(db, resource, options.where?.(params) ?? [], query, this.deps.totals);
        const ctx = this.presentContext(request);
        const fields = selectedFields(query.fields, (name) => isReadable(resource, name));
        const items = rows.map((row) => project(present(resource, row, ctx), fields));
        reply.header('X-Total-Count', String(total));
        const link = linkHeader(request, ctx.baseUrl, query.limit, query.offset, total);
        if (link) reply.header('Link', link);
        return {
          ...Object.fromEntries(keys.map((k) => [k, items])),
          totalCount: total,
          pageCount: Math.ceil(total / query.limit),
          pageNumber: Math.floor(query.offset / query.limit) + 1,
          offset: query.offset,
          limit: query.limit,
        };
      },
    );
  }

  get(path: string, resource: ResourceDef, options: ItemOptions): void {
    const keys = options.keys ?? [resource.name];
    const param = options.param ?? 'sourcedId';
    this.route(
      {
        method: 'GET',
        path,
        operationId: options.operationId,
        summary: options.summary,
        scopes: options.scopes,
        querystring: SingleQueryParams,
        responses: { 200: singleEnvelope(keys, outputSchema(resource)) },
        resource: resource.plural,
        statements: () => [getStatement(resource, `:${param}`)],
      },
      async (request) => {
        const fields = selectedFields(parseFields(request.query), (name) => isReadable(resource, name));
        const row = await getRow(this.deps.db.drizzle, resource, request.params[param]);
        if (!row) throw notFound(resource.entity);
        const item = project(present(resource, row, this.presentContext(request)), fields);
        return Object.fromEntries(keys.map((k) => [k, item]));
      },
    );
  }

  /** `{ <key>: <one object> }`; typed as a record because the key is the resource's. */
  private bodySchema(resource: ResourceDef, key: string, partial: boolean, pathFields: string[] = []) {
    return Type.Object({ [key]: inputSchema(resource, partial, pathFields) }, { additionalProperties: true }) as TObject<
      Record<string, TObject<Record<string, TUnknown>>>
    >;
  }

  create(path: string, resource: ResourceDef, options: WriteOptions): void {
    const key = options.bodyKey ?? resource.name;
    this.route(
      {
        method: 'POST',
        path,
        operationId: options.operationId,
        summary: options.summary,
        scopes: options.scopes,
        body: this.bodySchema(resource, key, false, options.pathFields),
        responses: { 201: SourcedIdPairs },
      },
      async (request, reply) => {
        const params = request.params;
        let input = request.body[key];
        if (options.fromPath) input = options.fromPath(params, input);
        const result = await this.deps.db.transaction(async (tx) => {
          await this.checkParents(tx, options.parents, params);
          return writeRecord(tx, resource, input, 'create');
        });
        reply.code(201);
        const supplied = typeof input.sourcedId === 'string' ? input.sourcedId : result.sourcedId;
        return { sourcedIdPairs: { suppliedSourcedId: supplied, allocatedSourcedId: result.sourcedId } };
      },
    );
  }

  /** PUT (upsert: 201 when created, 200 when updated) and PATCH (partial, metadata deep-merged). */
  update(method: 'PUT' | 'PATCH', path: string, resource: ResourceDef, options: WriteOptions): void {
    const key = options.bodyKey ?? resource.name;
    const keys = options.keys ?? [key];
    const param = options.param ?? 'sourcedId';
    const item = outputSchema(resource);
    this.route(
      {
        method,
        path,
        operationId: options.operationId,
        summary: options.summary,
        scopes: options.scopes,
        // PUT's required fields are checked by the write: an existing record takes a partial body.
        body: this.bodySchema(resource, key, true),
        responses: method === 'PUT' ? { 200: singleEnvelope(keys, item), 201: singleEnvelope(keys, item) } : { 200: singleEnvelope(keys, item) },
      },
      async (request, reply) => {
        const input = request.body[key];
        const sourcedId = request.params[param];
        const row = await this.deps.db.transaction(async (tx) => {
          const result = await writeRecord(tx, resource, input, method === 'PUT' ? 'replace' : 'patch', sourcedId);
          if (result.created) reply.code(201);
          // Read back inside the transaction: a row outside this view (a PUT /schools/{id} of a district) rolls back.
          const written = await getRow(tx, resource, sourcedId, [], true);
          if (!written) throw notFound(resource.entity);
          return written;
        });
        const object = present(resource, row, this.presentContext(request));
        return Object.fromEntries(keys.map((k) => [k, object]));
      },
    );
  }

  remove(path: string, resource: ResourceDef, options: Pick<WriteOptions, 'operationId' | 'summary' | 'scopes' | 'param'>): void {
    const param = options.param ?? 'sourcedId';
    this.route(
      {
        method: 'DELETE',
        path,
        operationId: options.operationId,
        summary: options.summary,
        scopes: options.scopes,
        responses: { 204: null },
      },
      async (request, reply) => {
        await this.deps.db.transaction((tx) => softDelete(tx, resource, request.params[param]));
        reply.code(204);
        return undefined;
      },
    );
  }
}
