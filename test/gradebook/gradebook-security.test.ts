import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeMinor, createTestContext, type TestContext } from '../helpers.js';
import { GRADEBOOK, lineItemBody, seedGradebook } from './gradebook-fixtures.js';
import type { RouteRecord } from '../../src/platform/service.js';
import { scopeCatalog } from '../../src/services.js';

const scopeUri = (canonical: string) => scopeCatalog.uri(canonical);

let ctx: TestContext;
let id: (s: string) => string;
let routes: RouteRecord[];

beforeAll(async () => {
  ctx = await createTestContext();
  ({ id } = await seedGradebook(ctx, 's'));
  routes = ctx.services.find((s) => s.info.name === 'gradebook')!.routes;
});
afterAll(async () => ctx?.close());

const url = (route: RouteRecord) => `${GRADEBOOK}${route.path.replace(/:[A-Za-z]+/g, 'unknown-id')}`;
const v1p1 = (canonical: string) => scopeUri(canonical).replace('/v1p2/', '/v1p1/');

describe('gradebook security', () => {
  it("registers the platform's 44 operations, which include every official one", () => {
    expect(routes.filter((r) => !r.public)).toHaveLength(44);
    const official = [
      'getAllAssessmentLineItems',
      'getAssessmentLineItem',
      'deleteAssessmentLineItem',
      'putAssessmentLineItem',
      'getAllAssessmentResults',
      'getAssessmentResult',
      'deleteAssessmentResult',
      'putAssessmentResult',
      'getAllCategories',
      'getCategory',
      'deleteCategory',
      'putCategory',
      'postResultsForAcademicSessionForClass',
      'getCategoriesForClass',
      'getLineItemsForClass',
      'postLineItemsForClass',
      'getResultsForLineItemForClass',
      'getResultsForClass',
      'getScoreScalesForClass',
      'getResultsForStudentForClass',
      'getAllLineItems',
      'postResultsForLineItem',
      'getLineItem',
      'deleteLineItem',
      'putLineItem',
      'getAllResults',
      'getResult',
      'deleteResult',
      'putResult',
      'postLineItemsForSchool',
      'getScoreScalesForSchool',
      'getAllScoreScales',
      'getScoreScale',
      'deleteScoreScale',
      'putScoreScale',
    ];
    const operationIds = routes.map((r) => r.operationId);
    for (const operationId of official) expect(operationIds).toContain(operationId);
  });

  it('every operation: 401 without a token, 403 with an unrelated scope, past the guard with its scope (v1p1 form)', async () => {
    const unrelated = await ctx.token('roster.readonly', 'resource.readonly');
    for (const route of routes.filter((r) => !r.public)) {
      const what = `${route.method} ${route.path}`;
      const body = route.body ? {} : undefined;
      const anonymous = await ctx.request(route.method, url(route), { token: null, body });
      expect(anonymous.statusCode, what).toBe(401);
      expect(codeMinor(anonymous), what).toBe('unauthorisedrequest');
      const forbidden = await ctx.request(route.method, url(route), { token: unrelated, body });
      expect(forbidden.statusCode, what).toBe(403);
      expect(codeMinor(forbidden), what).toBe('forbidden');
      for (const alternative of route.scopes) {
        const allowed = await ctx.request(route.method, url(route), { token: await ctx.token(...alternative.map(v1p1)), body });
        expect([401, 403], `${what} with ${alternative.join(' ')}`).not.toContain(allowed.statusCode);
      }
    }
  });

  it("follows the binding's per-operation scopes", async () => {
    const core = await ctx.token('gradebook-core.readonly');
    expect((await ctx.request('GET', `${GRADEBOOK}/lineItems`, { token: core })).statusCode).toBe(200);
    expect((await ctx.request('GET', `${GRADEBOOK}/classes/${id('class')}/lineItems`, { token: core })).statusCode).toBe(403);
    expect((await ctx.request('GET', `${GRADEBOOK}/assessmentLineItems`, { token: core })).statusCode).toBe(403);

    const createput = await ctx.token('gradebook.createput');
    expect((await ctx.request('PUT', `${GRADEBOOK}/lineItems/${id('li-sec')}`, { token: createput, body: { lineItem: lineItemBody(id) } })).statusCode).toBe(
      201,
    );
    // The platform grants createput for every gradebook write: the binding's bulk POSTs take it too.
    expect(
      (await ctx.request('POST', `${GRADEBOOK}/classes/${id('class')}/lineItems`, { token: createput, body: { lineItems: [lineItemBody(id)] } })).statusCode,
    ).toBe(201);
    expect((await ctx.request('DELETE', `${GRADEBOOK}/lineItems/${id('li-sec')}`, { token: createput })).statusCode).toBe(403);

    const createpost = await ctx.token('gradebook.createpost');
    expect(
      (await ctx.request('POST', `${GRADEBOOK}/classes/${id('class')}/lineItems`, { token: createpost, body: { lineItems: [lineItemBody(id)] } })).statusCode,
    ).toBe(201);
    expect((await ctx.request('PUT', `${GRADEBOOK}/lineItems/${id('li-sec')}`, { token: createpost, body: { lineItem: lineItemBody(id) } })).statusCode).toBe(
      403,
    );

    const assessment = await ctx.token('assessment.readonly', 'assessment.createput');
    expect((await ctx.request('GET', `${GRADEBOOK}/results`, { token: assessment })).statusCode).toBe(403);
    expect(
      (await ctx.request('POST', `${GRADEBOOK}/assessmentLineItems`, { token: assessment, body: { assessmentLineItem: { title: 'T' } } })).statusCode,
    ).toBe(201);
    expect((await ctx.request('GET', `${GRADEBOOK}/assessmentLineItems`, { token: assessment })).statusCode).toBe(200);

    // The platform's clients write assessment results with its gradebook scopes (it issues no assessment.* scopes).
    const platform = await ctx.token(v1p1('or:gradebook.readonly'), v1p1('or:gradebook.createput'), v1p1('or:gradebook.delete'));
    const created = await ctx.request('POST', `${GRADEBOOK}/assessmentLineItems`, { token: platform, body: { assessmentLineItem: { title: 'XP' } } });
    expect(created.statusCode).toBe(201);
    const ali = created.json().sourcedIdPairs.allocatedSourcedId;
    expect((await ctx.request('GET', `${GRADEBOOK}/assessmentLineItems/${ali}`, { token: platform })).statusCode).toBe(200);
    const result = {
      assessmentResult: {
        assessmentLineItem: { sourcedId: ali },
        student: { sourcedId: id('bart') },
        scoreStatus: 'fully graded',
        scoreDate: '2026-09-01',
        score: 90,
      },
    };
    expect((await ctx.request('PUT', `${GRADEBOOK}/assessmentResults/${id('ar-platform')}`, { token: platform, body: result })).statusCode).toBe(201);
    expect((await ctx.request('DELETE', `${GRADEBOOK}/assessmentResults/${id('ar-platform')}`, { token: platform })).statusCode).toBe(204);
    expect((await ctx.request('GET', `${GRADEBOOK}/assessmentResults`, { token: await ctx.token('gradebook-core.readonly') })).statusCode).toBe(403);

    const admin = await ctx.token(v1p1('or:admin'));
    expect((await ctx.request('DELETE', `${GRADEBOOK}/lineItems/${id('li-sec')}`, { token: admin })).statusCode).toBe(204);
  });
});

describe('gradebook discovery', () => {
  it('serves the OpenAPI document without a token at discovery/ and both file names', async () => {
    for (const path of ['/discovery/', '/discovery/onerosterv1p2gradebookservice_openapi3_v1p0.json', '/discovery/imsorv1p2_gradebook_openapi3_v1p0.json']) {
      const res = await ctx.request('GET', `${GRADEBOOK}${path}`, { token: null });
      expect(res.statusCode, path).toBe(200);
      const doc = res.json();
      expect(doc.info.title).toBe('OneRoster 1.2 Gradebook Service');
      expect(doc.servers[0].url).toBe(`https://learnstack.test${GRADEBOOK}`);
      expect(Object.keys(doc.paths)).toContain('/classes/{classSourcedId}/students/{studentSourcedId}/results');
      expect(doc.paths['/lineItems'].get.security).toEqual([
        { OAuth2CC: ['https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.readonly'] },
        { OAuth2CC: ['https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook-core.readonly'] },
      ]);
      expect(doc.paths['/assessmentResults/{sourcedId}'].patch.operationId).toBe('patchAssessmentResult');
      expect(Object.keys(doc.components.securitySchemes.OAuth2CC.flows.clientCredentials.scopes)).toContain(
        'https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.createpost',
      );
    }
  });
});
