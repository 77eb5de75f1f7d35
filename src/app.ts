/**
 * Builds the Fastify application from a config and an open database. No side effects at import time.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Config } from './config.js';
import type { Database } from './platform/db/database.js';
import { installErrorHandling } from './platform/errors.js';
import { TokenService } from './platform/auth/tokens.js';
import { ListTotals } from './platform/resource/list-totals.js';
import { sharedSerializers } from './platform/serializers.js';
import { registerOAuthRoutes } from './platform/auth/oauth-routes.js';
import { registerDiscovery, openApiDocument } from './platform/discovery.js';
import type { Service, ServiceDeps } from './platform/service.js';
import { registerRostering } from './oneroster/rostering/rostering.service.js';
import { registerGradebook } from './oneroster/gradebook/gradebook.service.js';
import { registerResources } from './oneroster/resources/resources.service.js';
import { registerClr } from './clr/clr.service.js';
import { SigningPool } from './credentials/signing-pool.js';

export interface Learnstack {
  app: FastifyInstance;
  tokens: TokenService;
  services: Service[];
}

/** Each service and the file names its discovery document is also published under. */
const SERVICES: { register: (app: FastifyInstance, deps: ServiceDeps & { signing: SigningPool }) => Service; discovery: string[] }[] = [
  { register: registerRostering, discovery: ['onerosterv1p2rostersservice_openapi3_v1p0.json', 'imsorv1p2_rostering_openapi3_v1p0.json'] },
  { register: registerGradebook, discovery: ['onerosterv1p2gradebookservice_openapi3_v1p0.json', 'imsorv1p2_gradebook_openapi3_v1p0.json'] },
  { register: registerResources, discovery: ['onerosterv1p2resourcesservice_openapi3_v1p0.json', 'imsorv1p2_resources_openapi3_v1p0.json'] },
  { register: registerClr, discovery: [] },
];

export async function buildApp(config: Readonly<Config>, db: Database): Promise<Learnstack> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
    trustProxy: true,
    bodyLimit: 16 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: false, allErrors: true, removeAdditional: false, useDefaults: false } },
    schemaController: { compilersFactory: { buildSerializer: sharedSerializers() } },
  });
  installErrorHandling(app);
  await app.register(formbody);

  const tokens = new TokenService(db, config);
  const totals = new ListTotals(config.listTotalsTtlSeconds * 1000);
  // Whatever a write request changed, no total remembered before it is served after it. onSend runs
  // once the handler's transaction has committed and before the client can see the answer.
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') totals.forget();
    return payload;
  });
  const signing = new SigningPool(config);
  app.addHook('onClose', () => signing.close());
  const deps = { db, tokens, totals, publicBaseUrl: config.publicBaseUrl, signing };

  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/ready', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await db.ping();
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
  registerOAuthRoutes(app, db, tokens, config.tokenTtlSeconds);

  const services = SERVICES.map(({ register, discovery }) => {
    const service = register(app, deps);
    registerDiscovery(app, service, discovery);
    return service;
  });

  // The reference at /docs shows the same generated documents, from the npm-packaged Swagger UI (offline).
  await app.register(swagger, { mode: 'static', specification: { document: openApiDocument(services[0], config.publicBaseUrl ?? '') as never } });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { urls: services.map((s) => ({ name: s.info.title, url: `${s.info.basePath}/discovery/` })) } as never,
  });
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/docs'));

  return { app, tokens, services };
}
