/**
 * All settings, read from the environment once, validated, frozen. Nothing else reads process.env.
 * Defaults give the zero-setup embedded mode: PGlite under ./data, port 8080.
 */
import { availableParallelism } from 'node:os';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { JsonBodyOptions } from './platform/json-body.js';
import type { ServiceLimits } from './platform/service.js';
import type { DatabaseOptions } from './platform/db/database.js';
import type { TokenOptions } from './platform/auth/tokens.js';

const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  host: Type.String(),
  /** postgres://… to use a PostgreSQL server; absent → embedded PGlite. */
  databaseUrl: Type.Optional(Type.String({ minLength: 1 })),
  /** Schema to work in on a PostgreSQL server (tests and CI isolate runs this way). */
  databaseSchema: Type.Optional(Type.String({ pattern: '^[a-z_][a-z0-9_]{0,62}$' })),
  /** Run parameterised statements as named prepared statements (turn off behind a pooler that cannot keep them). */
  databasePreparedStatements: Type.Boolean(),
  /** PGlite data directory; 'memory://' keeps everything in memory (tests). */
  dataDir: Type.String(),
  /** Absolute base of the hrefs in GUIDRefs; derived from the request's host when absent. */
  publicBaseUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
  adminClientId: Type.Optional(Type.String({ minLength: 1 })),
  adminClientSecret: Type.Optional(Type.String({ minLength: 8 })),
  tokenTtlSeconds: Type.Integer({ minimum: 60 }),
  tokenIssuer: Type.String(),
  /** How long a list total (X-Total-Count) is reused by this process; 0 counts on every request. */
  listTotalsTtlSeconds: Type.Number({ minimum: 0 }),
  /** Deepest nesting of objects and arrays a JSON request body may have (400 beyond). */
  maxJsonDepth: Type.Integer({ minimum: 1, maximum: 1000 }),
  /** Rows one bulk request may write (400 beyond). */
  maxBulkRows: Type.Integer({ minimum: 1 }),
  /** Fastify's trustProxy: false (default), true, or the addresses/CIDRs whose X-Forwarded-* headers are believed. */
  trustProxy: Type.Union([Type.Boolean(), Type.String({ minLength: 1 })]),
  /** Worker threads that sign and verify credentials, off the event loop. */
  signingWorkers: Type.Integer({ minimum: 1 }),
  externalJwksUrl: Type.Optional(Type.String()),
  externalIssuer: Type.Optional(Type.String()),
  externalAudience: Type.Optional(Type.String()),
  logLevel: Type.Union([
    Type.Literal('fatal'),
    Type.Literal('error'),
    Type.Literal('warn'),
    Type.Literal('info'),
    Type.Literal('debug'),
    Type.Literal('trace'),
    Type.Literal('silent'),
  ]),
});

export type Config = Static<typeof ConfigSchema>;

/** TRUST_PROXY: unset/false → false, true, or a comma-separated list of addresses/CIDRs. */
function parseTrustProxy(value: string | undefined): boolean | string {
  if (value === undefined || value === '' || value === 'false') return false;
  return value === 'true' ? true : value;
}

function parseIntOr(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  return Number(value);
}

/** Builds a config from an environment-like map; tests pass overrides instead of touching process.env. */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Readonly<Config> {
  const candidate: Record<string, unknown> = {
    port: parseIntOr(env.PORT, 8080),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    databaseSchema: env.DATABASE_SCHEMA || undefined,
    databasePreparedStatements: env.DATABASE_PREPARED_STATEMENTS !== 'false',
    dataDir: env.DATA_DIR || './data',
    publicBaseUrl: env.PUBLIC_BASE_URL?.replace(/\/+$/, '') || undefined,
    adminClientId: env.LEARNSTACK_ADMIN_CLIENT_ID || undefined,
    adminClientSecret: env.LEARNSTACK_ADMIN_CLIENT_SECRET || undefined,
    tokenTtlSeconds: parseIntOr(env.TOKEN_TTL_SECONDS, 3600),
    tokenIssuer: env.TOKEN_ISSUER || 'learnstack',
    listTotalsTtlSeconds: parseIntOr(env.LIST_TOTALS_TTL_SECONDS, 5),
    maxJsonDepth: parseIntOr(env.MAX_JSON_DEPTH, 64),
    maxBulkRows: parseIntOr(env.MAX_BULK_ROWS, 1000),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    // One core stays with the event loop (measured: docs/performance.md, signing under load).
    signingWorkers: parseIntOr(env.SIGNING_WORKERS, Math.max(1, availableParallelism() - 1)),
    externalJwksUrl: env.AUTH_JWKS_URL || undefined,
    externalIssuer: env.AUTH_ISSUER || undefined,
    externalAudience: env.AUTH_AUDIENCE || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    ...overrides,
  };
  for (const key of Object.keys(candidate)) if (candidate[key] === undefined) delete candidate[key];
  if (!Value.Check(ConfigSchema, candidate)) {
    const problems = [...Value.Errors(ConfigSchema, candidate)].map((e) => `${e.path}: ${e.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  // The platform declares the options it reads; the config must provide every one of them.
  return Object.freeze(candidate as Config) satisfies DatabaseOptions & TokenOptions & JsonBodyOptions & ServiceLimits;
}
