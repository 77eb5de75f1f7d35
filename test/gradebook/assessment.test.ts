import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeMinor, createTestContext, type TestContext } from '../helpers.js';
import { GRADEBOOK, seedGradebook } from './gradebook-fixtures.js';

let ctx: TestContext;
let id: (s: string) => string;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ id } = await seedGradebook(ctx, 'a'));
  // The course structure the platform's extension fields point at (a unit and a lesson in it).
  await ctx.db.drizzle.execute(sql`insert into course_components (sourced_id, course_sourced_id, title) values (${id('unit-1')}, ${id('course')}, 'Unit 1')`);
  await ctx.db.drizzle.execute(
    sql`insert into component_resources (sourced_id, course_component_sourced_id, resource_sourced_id, title) values (${id('lesson-1')}, ${id('unit-1')}, 'res-1', 'Lesson 1')`,
  );
});
afterAll(async () => ctx?.close());

const call = (method: string, url: string, body?: unknown) => ctx.request(method, `${GRADEBOOK}${url}`, { body });
const errorField = (res: { json(): { imsx_error_details?: Record<string, string>[] } }) => Object.keys(res.json().imsx_error_details?.[0] ?? {})[0];

describe('assessment line items', () => {
  it("stores the platform's course-structure references and the parent", async () => {
    const parent = await call('POST', '/assessmentLineItems', {
      assessmentLineItem: { sourcedId: id('ali-unit'), title: 'Unit 1 test', course: { sourcedId: id('course') } },
    });
    expect(parent.statusCode, parent.body).toBe(201);
    const child = await call('PUT', `/assessmentLineItems/${id('ali-lesson')}`, {
      assessmentLineItem: {
        title: 'Lesson 1 quiz',
        description: 'Five questions',
        class: { sourcedId: id('class') },
        parentAssessmentLineItem: { sourcedId: id('ali-unit') },
        course: { sourcedId: id('course') },
        component: { sourcedId: id('unit-1') },
        componentResource: { sourcedId: id('lesson-1') },
        resultValueMin: 0,
        resultValueMax: 5,
        learningObjectiveSet: [{ source: 'case', learningObjectiveIds: ['lo-1', 'lo-2'] }],
        metadata: { lessonType: 'quiz', xp: { base: 10, bonus: 2 } },
      },
    });
    expect(child.statusCode, child.body).toBe(201);
    expect(child.json().assessmentLineItem).toMatchObject({
      status: 'active',
      parentAssessmentLineItem: { sourcedId: id('ali-unit'), type: 'assessmentLineItem' },
      course: { sourcedId: id('course'), type: 'course' },
      component: { sourcedId: id('unit-1'), type: 'courseComponent' },
      componentResource: { sourcedId: id('lesson-1'), type: 'componentResource' },
      resultValueMax: 5,
    });
    const byComponent = await call('GET', `/assessmentLineItems?filter=${encodeURIComponent(`componentResourceSourcedId='${id('lesson-1')}'`)}`);
    expect(byComponent.json().assessmentLineItems.map((a: { sourcedId: string }) => a.sourcedId)).toEqual([id('ali-lesson')]);
    const searched = await call('GET', '/assessmentLineItems?search=five');
    expect(searched.json().assessmentLineItems.map((a: { sourcedId: string }) => a.sourcedId)).toEqual([id('ali-lesson')]);
    expect((await call('PUT', `/assessmentLineItems/${id('ali-lesson')}`, { assessmentLineItem: { title: 'Lesson 1 quiz' } })).statusCode).toBe(200);
  });

  it('checks every reference, and refuses itself as parent', async () => {
    for (const field of ['component', 'componentResource', 'course', 'parentAssessmentLineItem', 'class', 'scoreScale']) {
      const res = await call('PUT', `/assessmentLineItems/${id('ali-bad')}`, { assessmentLineItem: { title: 'x', [field]: { sourcedId: 'missing' } } });
      expect(res.statusCode, field).toBe(422);
      expect(errorField(res)).toBe(field);
    }
    const self = await call('PUT', `/assessmentLineItems/${id('ali-unit')}`, {
      assessmentLineItem: { title: 'Loop', parentAssessmentLineItem: { sourcedId: id('ali-unit') } },
    });
    expect(self.statusCode).toBe(422);
    expect(errorField(self)).toBe('parentAssessmentLineItem');
    expect((await call('POST', '/assessmentLineItems', { assessmentLineItem: { description: 'no title' } })).statusCode).toBe(400);
    expect((await call('GET', '/assessmentLineItems/missing')).statusCode).toBe(404);
  });

  it('PATCH changes only what is sent and deep-merges metadata', async () => {
    const res = await call('PATCH', `/assessmentLineItems/${id('ali-unit')}`, {
      assessmentLineItem: { description: 'Covers unit 1', metadata: { xp: { base: 50 } } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().assessmentLineItem).toMatchObject({
      title: 'Unit 1 test',
      description: 'Covers unit 1',
      course: { sourcedId: id('course') },
      metadata: { xp: { base: 50 } },
    });
    const again = await call('PATCH', `/assessmentLineItems/${id('ali-unit')}`, {
      assessmentLineItem: { metadata: { xp: { bonus: 5 }, isAssessmentBank: true } },
    });
    expect(again.json().assessmentLineItem.metadata).toEqual({ xp: { base: 50, bonus: 5 }, isAssessmentBank: true });
    expect((await call('PATCH', '/assessmentLineItems/missing', { assessmentLineItem: { title: 'x' } })).statusCode).toBe(404);
    expect((await call('PATCH', `/assessmentLineItems/${id('ali-unit')}`, { assessmentLineItem: { resultValueMax: 'ten' } })).statusCode).toBe(400);
  });
});

describe('assessment results', () => {
  const body = (extra: Record<string, unknown> = {}) => ({
    assessmentLineItem: { sourcedId: id('ali-lesson') },
    student: { sourcedId: id('bart') },
    scoreStatus: 'fully graded',
    scoreDate: '2026-10-01T12:00:00Z',
    ...extra,
  });

  it('creates and upserts, with the platform flags and percentile; scores are unbounded', async () => {
    const created = await call('POST', '/assessmentResults', {
      assessmentResult: body({
        sourcedId: id('ar-1'),
        score: 7,
        scorePercentile: 88.5,
        inProgress: 'false',
        late: true,
        metadata: { xp: 12, accuracy: 0.8, attempt: { n: 1, final: false } },
      }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const read = (await call('GET', `/assessmentResults/${id('ar-1')}`)).json().assessmentResult;
    expect(read).toMatchObject({
      assessmentLineItem: {
        sourcedId: id('ali-lesson'),
        type: 'assessmentLineItem',
        href: `https://learnstack.test${GRADEBOOK}/assessmentLineItems/${id('ali-lesson')}`,
      },
      student: { sourcedId: id('bart'), type: 'user' },
      score: 7,
      scorePercentile: 88.5,
      inProgress: 'false',
      late: 'true',
      status: 'active',
    });
    const first = await call('PUT', `/assessmentResults/${id('ar-2')}`, {
      assessmentResult: body({ student: { sourcedId: id('lisa') }, scoreStatus: 'exempt' }),
    });
    expect(first.statusCode).toBe(201);
    const second = await call('PUT', `/assessmentResults/${id('ar-2')}`, {
      assessmentResult: body({ student: { sourcedId: id('lisa') }, scoreStatus: 'submitted' }),
    });
    expect(second.statusCode).toBe(200);
    expect(second.json().assessmentResult.scoreStatus).toBe('submitted');
  });

  it('checks the line item and that the student is a student', async () => {
    const noItem = await call('PUT', `/assessmentResults/${id('ar-bad')}`, { assessmentResult: body({ assessmentLineItem: { sourcedId: 'missing' } }) });
    expect(noItem.statusCode).toBe(422);
    expect(errorField(noItem)).toBe('assessmentLineItem');
    const parent = await call('PUT', `/assessmentResults/${id('ar-bad')}`, { assessmentResult: body({ student: { sourcedId: id('homer') } }) });
    expect(parent.statusCode).toBe(422);
    expect(errorField(parent)).toBe('student');
    expect((await call('PUT', `/assessmentResults/${id('ar-bad')}`, { assessmentResult: body({ scoreStatus: 'done' }) })).statusCode).toBe(400);
    expect((await call('PATCH', `/assessmentResults/${id('ar-1')}`, { assessmentResult: { student: { sourcedId: id('teacher') } } })).statusCode).toBe(422);
  });

  it('PATCH deep-merges metadata and keeps nested keys', async () => {
    const res = await call('PATCH', `/assessmentResults/${id('ar-1')}`, {
      assessmentResult: { score: 9, metadata: { attempt: { final: true }, masteredUnits: 1 } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().assessmentResult).toMatchObject({ score: 9, scorePercentile: 88.5, late: 'true' });
    expect(res.json().assessmentResult.metadata).toEqual({ xp: 12, accuracy: 0.8, attempt: { n: 1, final: true }, masteredUnits: 1 });
    expect((await call('PATCH', '/assessmentResults/missing', { assessmentResult: { score: 1 } })).statusCode).toBe(404);
  });

  it('lists with filter and search; deleting the line item hides its results', async () => {
    const byStudent = await call('GET', `/assessmentResults?filter=${encodeURIComponent(`studentSourcedId='${id('bart')}' AND metadata.xp>'10'`)}`);
    expect(byStudent.json().assessmentResults.map((r: { sourcedId: string }) => r.sourcedId)).toEqual([id('ar-1')]);
    expect((await call('GET', `/assessmentResults?search=${id('lisa')}`)).json().assessmentResults.map((r: { sourcedId: string }) => r.sourcedId)).toEqual([
      id('ar-2'),
    ]);

    expect((await call('DELETE', `/assessmentResults/${id('ar-2')}`)).statusCode).toBe(204);
    expect((await call('GET', `/assessmentResults/${id('ar-2')}`)).statusCode).toBe(404);
    expect((await call('DELETE', `/assessmentLineItems/${id('ali-lesson')}`)).statusCode).toBe(204);
    expect((await call('GET', `/assessmentResults/${id('ar-1')}`)).statusCode).toBe(404);
    expect((await call('GET', '/assessmentResults')).json().assessmentResults).toEqual([]);
    const late = await call('PUT', `/assessmentResults/${id('ar-3')}`, { assessmentResult: body() });
    expect(late.statusCode).toBe(422);
    expect(codeMinor(late)).toBe('invaliddata');
  });
});
