/**
 * Discovery: the service's OpenAPI 3 document, generated from the registered routes, served without
 * a token at discovery/ and under both file names the 1EdTech documents use.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, ROSTER, type TestContext } from '../helpers.js';
import { binding } from './binding.js';
import type { Service } from '../../src/platform/service.js';

let ctx: TestContext;
let rostering: Service;

beforeAll(async () => {
  ctx = await createTestContext();
  rostering = ctx.services.find((s) => s.info.name === 'rostering')!;
});
afterAll(async () => ctx?.close());

const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

describe('rostering discovery', () => {
  it.each(['/discovery/', '/discovery', '/discovery/onerosterv1p2rostersservice_openapi3_v1p0.json', '/discovery/imsorv1p2_rostering_openapi3_v1p0.json'])(
    'GET %s without a token → the OpenAPI 3 document',
    async (path) => {
      const res = await ctx.request('GET', `${ROSTER}${path}`, { token: null });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const doc = res.json();
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.info.title).toBe('OneRoster 1.2 Rostering Service');
      expect(doc.servers).toEqual([{ url: `https://learnstack.test${ROSTER}` }]);
      for (const route of rostering.routes) {
        expect(doc.paths[openApiPath(route.path)]?.[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
      }
      const operations = Object.values(doc.paths as Record<string, Record<string, unknown>>).flatMap((item) => Object.keys(item));
      expect(operations).toHaveLength(rostering.routes.length);
    },
  );

  it("includes every read path of the binding with the binding's operationId", async () => {
    const doc = (await ctx.request('GET', `${ROSTER}/discovery/`, { token: null })).json();
    for (const [path, item] of Object.entries(binding.paths)) expect(doc.paths[path]?.get?.operationId, path).toBe(item.get.operationId);
  });

  it('documents scopes, parameters, bodies and the error schema', async () => {
    const doc = (await ctx.request('GET', `${ROSTER}/discovery/`, { token: null })).json();
    const scopes = doc.components.securitySchemes.OAuth2CC.flows.clientCredentials.scopes;
    expect(Object.keys(scopes)).toEqual(
      expect.arrayContaining([
        'https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly',
        'https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly',
        'https://purl.imsglobal.org/spec/or/v1p2/scope/roster-demographics.readonly',
        'https://purl.imsglobal.org/spec/or/v1p2/scope/roster.createput',
        'https://purl.imsglobal.org/spec/or/v1p2/scope/roster.delete',
      ]),
    );
    expect(doc.components.securitySchemes.OAuth2CC.flows.clientCredentials.tokenUrl).toBe('https://learnstack.test/oauth/token');
    const users = doc.paths['/users'].get;
    expect(users.security).toEqual([
      { OAuth2CC: ['https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly'] },
      { OAuth2CC: ['https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly'] },
    ]);
    expect(users.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['fields', 'filter', 'limit', 'offset', 'orderBy', 'search', 'sort']);
    expect(users.responses['200'].content['application/json'].schema.properties).toHaveProperty('users');
    expect(users.responses['401'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/imsx_StatusInfo' });
    expect(doc.paths['/users/{sourcedId}'].get.parameters).toEqual(
      expect.arrayContaining([{ name: 'sourcedId', in: 'path', required: true, schema: { type: 'string' } }]),
    );
    expect(doc.paths['/users'].post.requestBody.content['application/json'].schema.properties.user.properties).toHaveProperty('givenName');
    expect(doc.paths['/enrollments/{sourcedId}'].patch).toBeDefined();
    expect(doc.components.schemas.imsx_StatusInfo).toBeDefined();
    // No TypeBox internals leak into the document.
    expect(JSON.stringify(doc)).not.toContain('"$id"');
  });

  it('hides the discovery routes from the document and does not require a token for them only', async () => {
    const doc = (await ctx.request('GET', `${ROSTER}/discovery/`, { token: null })).json();
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/discovery'))).toEqual([]);
    expect((await ctx.request('GET', `${ROSTER}/users`, { token: null })).statusCode).toBe(401);
  });
});
