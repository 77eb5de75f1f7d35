/**
 * OpenAPI 3 documents, one per service, generated from the routes the service registered (their
 * TypeBox schemas and scope requirements), and served without a token at the service's discovery paths.
 */
import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ImsxStatusInfo } from './errors.js';
import type { RouteRecord, Service } from './service.js';
import type { ScopeCatalog } from './auth/scopes.js';

type Json = Record<string, unknown>;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad request (malformed JSON, query or body); imsx_StatusInfo.',
  401: 'No or invalid access token.',
  403: 'The token lacks the required scope.',
  404: 'Unknown object.',
  422: 'Invalid data (e.g. a reference to an object that does not exist).',
  429: 'Server busy.',
  500: 'Internal server error.',
};

/** TypeBox schemas carry symbol keys and `$id`s that do not belong in an OpenAPI document. */
function clean(schema: TSchema | unknown): unknown {
  return JSON.parse(JSON.stringify(schema, (key, value) => (key === '$id' ? undefined : value)));
}

function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

function operation(route: RouteRecord, scopes: ScopeCatalog): Json {
  const parameters: Json[] = [];
  const params = route.params as { properties?: Record<string, TSchema> } | undefined;
  for (const name of Object.keys(params?.properties ?? {})) parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  const query = route.querystring as { properties?: Record<string, TSchema> } | undefined;
  for (const [name, schema] of Object.entries(query?.properties ?? {})) {
    parameters.push({ name, in: 'query', required: false, description: (schema as { description?: string }).description, schema: clean(schema) });
  }
  const responses: Json = {};
  for (const [code, schema] of Object.entries(route.responses)) {
    responses[code] = schema
      ? { description: 'Success', content: { [route.produces ?? 'application/json']: { schema: clean(schema) } } }
      : { description: 'Success, no content' };
  }
  for (const [code, description] of Object.entries(ERROR_DESCRIPTIONS)) {
    if (route.public && (code === '401' || code === '403')) continue;
    responses[code] = { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/imsx_StatusInfo' } } } };
  }
  const op: Json = { operationId: route.operationId, summary: route.summary, parameters, responses };
  if (route.body) op.requestBody = { required: true, content: { 'application/json': { schema: clean(route.body) } } };
  if (!route.public) op.security = route.scopes.map((all) => ({ OAuth2CC: all.map((s) => scopes.uri(s)) }));
  return op;
}

export function openApiDocument(service: Service, serverUrl: string): Json {
  const catalog = service.deps.scopes;
  const paths: Json = {};
  for (const route of service.routes) {
    const path = openApiPath(route.path);
    const item = (paths[path] ??= {}) as Json;
    item[route.method.toLowerCase()] = operation(route, catalog);
  }
  const used = new Set(service.routes.flatMap((r) => r.scopes.flat()));
  if (catalog.admin) used.add(catalog.admin);
  const scopes = Object.fromEntries([...used].map((s) => [catalog.uri(s), catalog.known.get(s) ?? s]));
  return {
    openapi: '3.0.3',
    info: { title: service.info.title, version: service.info.version, description: service.info.description },
    servers: [{ url: `${serverUrl}${service.info.basePath}` }],
    paths,
    components: {
      schemas: { imsx_StatusInfo: clean(ImsxStatusInfo) },
      securitySchemes: {
        OAuth2CC: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: `${serverUrl}/oauth/token`, scopes } } },
      },
    },
  };
}

/** Serves the service's document at `<base>/discovery/` and at each of the given file names. */
export function registerDiscovery(app: FastifyInstance, service: Service, fileNames: string[]): void {
  const paths = ['/discovery', ...fileNames.map((n) => `/discovery/${n}`)];
  for (const path of paths) {
    app.get(`${service.info.basePath}${path}`, { schema: { hide: true } }, async (request) =>
      openApiDocument(service, service.deps.publicBaseUrl ?? `${request.protocol}://${request.host}`),
    );
  }
}
