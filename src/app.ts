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
import { installJsonBodies } from './platform/json-body.js';
import { TokenService } from './platform/auth/tokens.js';
import { ListTotals } from './platform/resource/list-totals.js';
import { sharedSerializers } from './platform/serializers.js';
import { registerOAuthRoutes } from './platform/auth/oauth-routes.js';
import { registerDiscovery, openApiDocument } from './platform/discovery.js';
import { Service, type ServiceDeps } from './platform/service.js';
import { SERVICES, scopeCatalog } from './services.js';
import { SigningPool } from './credentials/signing-pool.js';

export interface Learnstack {
  app: FastifyInstance;
  tokens: TokenService;
  services: Service[];
}

export async function buildApp(config: Readonly<Config>, db: Database): Promise<Learnstack> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
    // X-Forwarded-* rewrite hrefs and discovery servers: believed only from the configured proxies.
    trustProxy: config.trustProxy,
    bodyLimit: 16 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: false, allErrors: true, removeAdditional: false, useDefaults: false } },
    schemaController: { compilersFactory: { buildSerializer: sharedSerializers() } },
  });
  installErrorHandling(app);
  // application/json and every application/*+json (the VC media type), nested at most MAX_JSON_DEPTH deep.
  installJsonBodies(app, config);
  await app.register(formbody);

  const tokens = new TokenService(db, config, scopeCatalog);
  const totals = new ListTotals(config.listTotalsTtlSeconds * 1000);
  // Whatever a write request changed, no total remembered before it is served after it. onSend runs
  // once the handler's transaction has committed and before the client can see the answer.
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') totals.forget();
    return payload;
  });
  const deps: ServiceDeps = { db, tokens, scopes: scopeCatalog, totals, publicBaseUrl: config.publicBaseUrl, limits: config };
  // Credential signing and verification run on worker threads (credentials/signing-pool.ts).
  const signing = new SigningPool(config);
  app.addHook('onClose', () => signing.close());

  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/ready', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await db.ping();
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
  registerOAuthRoutes(app, db, tokens, scopeCatalog, config.tokenTtlSeconds);

  const services = SERVICES.map(({ info, register }) => {
    const service = new Service(app, info, deps);
    register(service, { signing });
    registerDiscovery(app, service, info.discoveryFiles ?? []);
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
