/**
 * POST /oauth/token — the client-credentials grant (RFC 6749 §4.4). Client authentication by HTTP
 * Basic, by form fields or by a JSON body. Errors use RFC 6749 §5.2 bodies, not imsx.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.js';
import { authenticateClient } from './clients.js';
import type { ScopeCatalog } from './scopes.js';
import type { TokenService } from './tokens.js';

const TokenRequest = Type.Object(
  {
    grant_type: Type.Optional(Type.String()),
    client_id: Type.Optional(Type.String()),
    client_secret: Type.Optional(Type.String()),
    scope: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);

const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
  scope: Type.String(),
});

const OAuthError = Type.Object({ error: Type.String(), error_description: Type.Optional(Type.String()) });

function oauthError(reply: FastifyReply, status: number, error: string, description: string, basic = false) {
  if (status === 401) reply.header('WWW-Authenticate', basic ? 'Basic realm="learnstack"' : 'Bearer realm="learnstack"');
  return reply.code(status).header('Cache-Control', 'no-store').send({ error, error_description: description });
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  if (!header?.toLowerCase().startsWith('basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  // RFC 6749 §2.3.1: both parts are form-urlencoded inside the Basic credentials.
  const unescape = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return { id: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) };
}

export function registerOAuthRoutes(app: FastifyInstance, db: Database, tokens: TokenService, scopes: ScopeCatalog, ttlSeconds: number): void {
  app.post(
    '/oauth/token',
    {
      schema: {
        summary: 'Client-credentials token',
        tags: ['OAuth 2.0'],
        body: TokenRequest,
        response: { 200: TokenResponse, 400: OAuthError, 401: OAuthError },
      },
    },
    async (request, reply) => {
      const body = (request.body ?? {}) as { grant_type?: string; client_id?: string; client_secret?: string; scope?: string };
      const basic = basicCredentials(request.headers.authorization);
      if (!body.grant_type) return oauthError(reply, 400, 'invalid_request', 'grant_type is required.');
      if (body.grant_type !== 'client_credentials')
        return oauthError(reply, 400, 'unsupported_grant_type', `grant_type '${body.grant_type}' is not supported; use client_credentials.`);
      const id = basic?.id ?? body.client_id;
      const secret = basic?.secret ?? body.client_secret;
      if (!id || secret === undefined) return oauthError(reply, 401, 'invalid_client', 'Client authentication is required.', !!basic);
      const client = await authenticateClient(db, id, secret);
      if (!client) return oauthError(reply, 401, 'invalid_client', 'Unknown client or wrong secret.', !!basic);

      const allowed = new Set(client.scopes.map((uri) => scopes.canonical(uri)));
      const requested = (body.scope ?? '').split(/\s+/).filter(Boolean);
      const isAllowed = (uri: string) => {
        const canonical = scopes.canonical(uri);
        return allowed.has(canonical) || (scopes.admin !== undefined && allowed.has(scopes.admin) && scopes.known.has(canonical));
      };
      const granted = requested.length ? requested.filter(isAllowed) : client.scopes;
      if (granted.length === 0) return oauthError(reply, 400, 'invalid_scope', 'None of the requested scopes is allowed for this client.');
      const scope = [...new Set(granted)].join(' ');
      const accessToken = await tokens.issue(client.clientId, scope);
      reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache');
      return { access_token: accessToken, token_type: 'Bearer' as const, expires_in: ttlSeconds, scope };
    },
  );
}
