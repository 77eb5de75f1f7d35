import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeMinor, createTestContext, type TestContext } from '../helpers.js';
import { GRADEBOOK, lineItemBody, resultBody, seedGradebook } from './gradebook-fixtures.js';

let ctx: TestContext;
let id: (s: string) => string;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ id } = await seedGradebook(ctx, 'g'));
});
afterAll(async () => ctx?.close());

const get = (url: string) => ctx.request('GET', `${GRADEBOOK}${url}`);
const put = (url: string, body: unknown) => ctx.request('PUT', `${GRADEBOOK}${url}`, { body });
const post = (url: string, body: unknown) => ctx.request('POST', `${GRADEBOOK}${url}`, { body });
const del = (url: string) => ctx.request('DELETE', `${GRADEBOOK}${url}`);
const ids = (res: { json(): Record<string, { sourcedId: string }[]> }, key: string) => {
  const list = res.json()[key];
  return list.map((o) => o.sourcedId).sort();
};
/** The field an error names (first detail). */
const errorField = (res: { json(): { imsx_error_details?: Record<string, string>[] } }) => Object.keys(res.json().imsx_error_details?.[0] ?? {})[0];

describe('categories', () => {
  it('creates with POST (201 sourcedIdPairs), reads, lists and searches', async () => {
    const created = await post('/categories', { category: { sourcedId: id('cat-quiz'), title: 'Quizzes', weight: 0.25, metadata: { color: 'green' } } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ sourcedIdPairs: { suppliedSourcedId: id('cat-quiz'), allocatedSourcedId: id('cat-quiz') } });

    const one = await get(`/categories/${id('cat-quiz')}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().category).toMatchObject({ sourcedId: id('cat-quiz'), status: 'active', title: 'Quizzes', weight: 0.25, metadata: { color: 'green' } });
    expect(one.json().category.dateLastModified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const found = await get('/categories?search=quiz');
    expect(ids(found, 'categories')).toEqual([id('cat-quiz')]);
    const filtered = await get(`/categories?filter=${encodeURIComponent("weight>'0.3'")}&sort=weight&orderBy=desc`);
    expect(filtered.json().categories.map((c: { title: string }) => c.title)).toEqual(['Tests', 'Homework']);
    expect(filtered.headers['x-total-count']).toBe('2');
  });

  it('PUT is an upsert: 201 when new, 200 when it exists', async () => {
    const first = await put(`/categories/${id('cat-lab')}`, { category: { title: 'Labs' } });
    expect(first.statusCode).toBe(201);
    expect(first.json().category).toMatchObject({ sourcedId: id('cat-lab'), status: 'active', title: 'Labs' });
    const second = await put(`/categories/${id('cat-lab')}`, {
      category: { sourcedId: id('cat-lab'), status: 'active', title: 'Lab work', dateLastModified: '2001-01-01T00:00:00Z' },
    });
    expect(second.statusCode).toBe(200);
    expect(second.json().category.title).toBe('Lab work');
    // The server sets dateLastModified; what the client sends is ignored.
    expect(second.json().category.dateLastModified.startsWith('2001')).toBe(false);
  });

  it('refuses bad input and unknown objects', async () => {
    const noTitle = await post('/categories', { category: { weight: 1 } });
    expect(noTitle.statusCode).toBe(400);
    expect(codeMinor(noTitle)).toBe('invaliddata');
    const badWeight = await put(`/categories/${id('cat-x')}`, { category: { title: 'X', weight: 'heavy' } });
    expect(badWeight.statusCode).toBe(400);
    const duplicate = await post('/categories', { category: { sourcedId: id('cat-hw'), title: 'Again' } });
    expect(duplicate.statusCode).toBe(422);
    const missing = await get('/categories/nope');
    expect(missing.statusCode).toBe(404);
    expect(codeMinor(missing)).toBe('unknownobject');
    expect((await del('/categories/nope')).statusCode).toBe(404);
    const badFilter = await get(`/categories?filter=${encodeURIComponent("colour='red'")}`);
    expect(badFilter.statusCode).toBe(400);
    expect(codeMinor(badFilter)).toBe('invalid_filter_field');
  });

  it('DELETE is soft: 204, then gone from reads, visible to delta sync', async () => {
    await put(`/categories/${id('cat-gone')}`, { category: { title: 'Gone soon' } });
    const removed = await del(`/categories/${id('cat-gone')}`);
    expect(removed.statusCode).toBe(204);
    expect(removed.body).toBe('');
    expect((await get(`/categories/${id('cat-gone')}`)).statusCode).toBe(404);
    expect(ids(await get('/categories?limit=1000'), 'categories')).not.toContain(id('cat-gone'));
    const delta = await get(`/categories?filter=${encodeURIComponent("dateLastModified>'2020-01-01'")}&limit=1000`);
    expect(delta.json().categories.find((c: { sourcedId: string }) => c.sourcedId === id('cat-gone'))).toMatchObject({ status: 'tobedeleted' });
    expect((await del(`/categories/${id('cat-gone')}`)).statusCode).toBe(404);
  });
});

describe('line items', () => {
  it('accepts what LMS clients PUT (no status, bare references, date-times) and derives the school', async () => {
    const created = await put(`/lineItems/${id('li-hw1')}`, {
      lineItem: lineItemBody(id, {
        resultValueMin: 0,
        resultValueMax: 100,
        gradingPeriod: { sourcedId: id('gp1') },
        learningObjectiveSet: [{ source: 'case', learningObjectiveIds: ['6b7b3b8e-0000-4000-8000-000000000001'] }],
      }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const item = created.json().lineItem;
    expect(item).toMatchObject({
      sourcedId: id('li-hw1'),
      status: 'active',
      title: 'Homework 1',
      assignDate: '2026-09-01T08:00:00.000Z',
      class: { sourcedId: id('class'), type: 'class', href: `https://learnstack.test/ims/oneroster/rostering/v1p2/classes/${id('class')}` },
      school: { sourcedId: id('school'), type: 'org' },
      category: { sourcedId: id('cat-hw'), type: 'category', href: `https://learnstack.test${GRADEBOOK}/categories/${id('cat-hw')}` },
      gradingPeriod: { sourcedId: id('gp1'), type: 'academicSession' },
      resultValueMax: 100,
      learningObjectiveSet: [{ source: 'case', learningObjectiveIds: ['6b7b3b8e-0000-4000-8000-000000000001'] }],
    });
    expect(item.dateLastModified).toBeTruthy();

    const again = await put(`/lineItems/${id('li-hw1')}`, { lineItem: lineItemBody(id, { title: 'Homework 1 (revised)', resultValueMax: 100 }) });
    expect(again.statusCode).toBe(200);
    expect(again.json().lineItem.title).toBe('Homework 1 (revised)');

    const viaPost = await post('/lineItems', {
      lineItem: lineItemBody(id, { sourcedId: id('li-test1'), title: 'Unit test', category: { sourcedId: id('cat-test') }, resultValueMax: 50 }),
    });
    expect(viaPost.statusCode).toBe(201);
    const other = await put(`/lineItems/${id('li-art')}`, { lineItem: lineItemBody(id, { title: 'Sketch', class: { sourcedId: id('class2') } }) });
    expect(other.statusCode).toBe(201);
    expect(other.json().lineItem.school.sourcedId).toBe(id('school2'));
  });

  it('stores assignDate and dueDate as UTC date-times: a date is its midnight, an offset is converted', async () => {
    const res = await put(`/lineItems/${id('li-dates')}`, {
      lineItem: lineItemBody(id, { assignDate: '2026-09-10', dueDate: '2026-09-17T08:30:00-05:00' }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().lineItem).toMatchObject({ assignDate: '2026-09-10T00:00:00.000Z', dueDate: '2026-09-17T13:30:00.000Z' });
    const impossible = await put(`/lineItems/${id('li-dates')}`, { lineItem: lineItemBody(id, { assignDate: '2026-02-30' }) });
    expect(impossible.statusCode).toBe(422);
    expect(errorField(impossible)).toBe('assignDate');
    expect((await get(`/lineItems/${id('li-dates')}`)).json().lineItem.assignDate).toBe('2026-09-10T00:00:00.000Z');
    expect((await del(`/lineItems/${id('li-dates')}`)).statusCode).toBe(204);
  });

  it('checks references: 422 naming the field', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['class', { class: { sourcedId: 'no-class' } }],
      ['category', { category: { sourcedId: 'no-category' } }],
      ['gradingPeriod', { gradingPeriod: { sourcedId: 'no-period' } }],
      // A session that exists but is a term, not a grading period.
      ['gradingPeriod', { gradingPeriod: { sourcedId: id('term') } }],
      ['school', { school: { sourcedId: id('district') } }],
      ['scoreScale', { scoreScale: { sourcedId: 'no-scale' } }],
    ];
    for (const [field, extra] of cases) {
      const res = await put(`/lineItems/${id('li-bad')}`, { lineItem: lineItemBody(id, extra) });
      expect(res.statusCode, field).toBe(422);
      expect(codeMinor(res)).toBe('invaliddata');
      expect(errorField(res)).toBe(field);
    }
    expect((await get(`/lineItems/${id('li-bad')}`)).statusCode).toBe(404);
  });

  it('refuses malformed bodies with 400', async () => {
    const noDue = await post('/lineItems', {
      lineItem: { title: 'x', assignDate: '2026-09-01', class: { sourcedId: id('class') }, category: { sourcedId: id('cat-hw') } },
    });
    expect(noDue.statusCode).toBe(400);
    expect(noDue.json().imsx_description).toContain('dueDate');
    const badDate = await put(`/lineItems/${id('li-bad')}`, { lineItem: lineItemBody(id, { dueDate: 'next tuesday' }) });
    expect(badDate.statusCode).toBe(400);
    const noEnvelope = await put(`/lineItems/${id('li-bad')}`, lineItemBody(id));
    expect(noEnvelope.statusCode).toBe(400);
    const otherId = await put(`/lineItems/${id('li-bad')}`, { lineItem: lineItemBody(id, { sourcedId: 'different' }) });
    expect(otherId.statusCode).toBe(422);
  });

  it('lists by class and school, with the query grammar', async () => {
    expect(ids(await get(`/classes/${id('class')}/lineItems`), 'lineItems')).toEqual([id('li-hw1'), id('li-test1')]);
    expect(ids(await get(`/classes/${id('class2')}/lineItems`), 'lineItems')).toEqual([id('li-art')]);
    expect(ids(await get(`/schools/${id('school')}/lineItems`), 'lineItems')).toEqual([id('li-hw1'), id('li-test1')]);
    expect(ids(await get(`/lineItems?filter=${encodeURIComponent(`class.sourcedId='${id('class2')}'`)}`), 'lineItems')).toEqual([id('li-art')]);
    expect(ids(await get(`/lineItems?filter=${encodeURIComponent(`categorySourcedId='${id('cat-test')}'`)}`), 'lineItems')).toEqual([id('li-test1')]);
    expect(ids(await get(`/lineItems?search=revised`), 'lineItems')).toEqual([id('li-hw1')]);
    const projected = await get(`/classes/${id('class')}/lineItems?fields=sourcedId,title&sort=title`);
    expect(projected.json().lineItems).toEqual([
      { sourcedId: id('li-hw1'), title: 'Homework 1 (revised)' },
      { sourcedId: id('li-test1'), title: 'Unit test' },
    ]);
    expect((await get('/classes/nope/lineItems')).statusCode).toBe(404);
    expect((await get('/schools/nope/lineItems')).statusCode).toBe(404);
    expect((await get(`/schools/${id('district')}/lineItems`)).statusCode).toBe(404);
    expect((await get(`/lineItems?fields=`)).statusCode).toBe(400);
  });

  it('lists the categories a class uses (404 for an unknown class)', async () => {
    expect(ids(await get(`/classes/${id('class')}/categories`), 'categories')).toEqual([id('cat-hw'), id('cat-test')]);
    expect(ids(await get(`/classes/${id('class2')}/categories`), 'categories')).toEqual([id('cat-hw')]);
    const unknown = await get('/classes/nope/categories');
    expect(unknown.statusCode).toBe(404);
    expect(codeMinor(unknown)).toBe('unknownobject');
  });
});

describe('results', () => {
  it('upserts with PUT (201 then 200), accepts date-time scoreDate and derives the class', async () => {
    const first = await put(`/results/${id('r-bart-hw1')}`, { result: resultBody(id, id('li-hw1'), id('bart')) });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().result).toMatchObject({
      sourcedId: id('r-bart-hw1'),
      status: 'active',
      lineItem: { sourcedId: id('li-hw1'), type: 'lineItem', href: `https://learnstack.test${GRADEBOOK}/lineItems/${id('li-hw1')}` },
      student: { sourcedId: id('bart'), type: 'user' },
      class: { sourcedId: id('class'), type: 'class' },
      score: 90,
      scoreStatus: 'fully graded',
      scoreDate: '2026-09-09T10:15:00.000Z',
    });
    const second = await put(`/results/${id('r-bart-hw1')}`, { result: resultBody(id, id('li-hw1'), id('bart'), { score: 95, late: true, comment: 'Nice' }) });
    expect(second.statusCode).toBe(200);
    expect(second.json().result).toMatchObject({ score: 95, late: 'true', comment: 'Nice' });
  });

  it('allows extra credit beyond resultValueMax and every score status, including exempt', async () => {
    const extra = await put(`/results/${id('r-lisa-hw1')}`, { result: resultBody(id, id('li-hw1'), id('lisa'), { score: 115 }) });
    expect(extra.statusCode).toBe(201);
    expect(extra.json().result.score).toBe(115);
    const exempt = await post('/results', {
      result: resultBody(id, id('li-test1'), id('lisa'), {
        sourcedId: id('r-lisa-test1'),
        scoreStatus: 'exempt',
        score: null,
        inProgress: 'false',
        incomplete: false,
        missing: 'true',
        learningObjectiveSet: [{ source: 'case', learningObjectiveResults: [{ learningObjectiveId: 'lo-1', score: 3 }] }],
      }),
    });
    expect(exempt.statusCode, exempt.body).toBe(201);
    const read = (await get(`/results/${id('r-lisa-test1')}`)).json().result;
    expect(read).toMatchObject({ scoreStatus: 'exempt', inProgress: 'false', incomplete: 'false', missing: 'true' });
    expect(read.score).toBeUndefined();
    expect(read.learningObjectiveSet).toEqual([{ source: 'case', learningObjectiveResults: [{ learningObjectiveId: 'lo-1', score: 3 }] }]);
    for (const status of ['not submitted', 'partially graded', 'submitted', 'ext:resubmitted']) {
      const res = await put(`/results/${id('r-bart-test1')}`, { result: resultBody(id, id('li-test1'), id('bart'), { scoreStatus: status }) });
      expect(res.statusCode, status).toBeLessThan(300);
    }
    const bad = await put(`/results/${id('r-bart-test1')}`, { result: resultBody(id, id('li-test1'), id('bart'), { scoreStatus: 'graded' }) });
    expect(bad.statusCode).toBe(400);
  });

  it('checks the line item, the student and the class', async () => {
    const noLineItem = await put(`/results/${id('r-bad')}`, { result: resultBody(id, 'no-line-item', id('bart')) });
    expect(noLineItem.statusCode).toBe(422);
    expect(errorField(noLineItem)).toBe('lineItem');
    const noStudent = await put(`/results/${id('r-bad')}`, { result: resultBody(id, id('li-hw1'), 'nobody') });
    expect(noStudent.statusCode).toBe(422);
    expect(errorField(noStudent)).toBe('student');
    const teacher = await put(`/results/${id('r-bad')}`, { result: resultBody(id, id('li-hw1'), id('teacher')) });
    expect(teacher.statusCode).toBe(422);
    expect(errorField(teacher)).toBe('student');
    expect(teacher.json().imsx_description).toContain('student');
    const wrongClass = await put(`/results/${id('r-bad')}`, { result: resultBody(id, id('li-hw1'), id('bart'), { class: { sourcedId: id('class2') } }) });
    expect(wrongClass.statusCode).toBe(422);
    expect(errorField(wrongClass)).toBe('class');
    const noScoreDate = await post('/results', {
      result: { lineItem: { sourcedId: id('li-hw1') }, student: { sourcedId: id('bart') }, scoreStatus: 'submitted' },
    });
    expect(noScoreDate.statusCode).toBe(400);
    expect((await get(`/results/${id('r-bad')}`)).statusCode).toBe(404);
  });

  it('reads in the context of a class, a student and a line item', async () => {
    await put(`/results/${id('r-milhouse-art')}`, { result: resultBody(id, id('li-art'), id('milhouse')) });
    const inClass = [id('r-bart-hw1'), id('r-bart-test1'), id('r-lisa-hw1'), id('r-lisa-test1')];
    expect(ids(await get(`/classes/${id('class')}/results`), 'results')).toEqual(inClass);
    expect(ids(await get(`/classes/${id('class2')}/results`), 'results')).toEqual([id('r-milhouse-art')]);
    expect(ids(await get(`/classes/${id('class')}/students/${id('bart')}/results`), 'results')).toEqual([id('r-bart-hw1'), id('r-bart-test1')]);
    expect(ids(await get(`/classes/${id('class2')}/students/${id('bart')}/results`), 'results')).toEqual([]);
    expect(ids(await get(`/classes/${id('class')}/lineItems/${id('li-hw1')}/results`), 'results')).toEqual([id('r-bart-hw1'), id('r-lisa-hw1')]);
    expect((await get(`/classes/${id('class')}/students/${id('teacher')}/results`)).statusCode).toBe(404);
    expect((await get(`/classes/nope/students/${id('bart')}/results`)).statusCode).toBe(404);
    // A line item of another class is not found under this one.
    expect((await get(`/classes/${id('class')}/lineItems/${id('li-art')}/results`)).statusCode).toBe(404);
    expect((await get('/classes/nope/results')).statusCode).toBe(404);
  });

  it('supports filter, sort, search and fields', async () => {
    const high = await get(`/results?filter=${encodeURIComponent("score>'100'")}`);
    expect(ids(high, 'results')).toEqual([id('r-lisa-hw1')]);
    // An unscored result (exempt) is not 95 either.
    const notNinetyFive = await get(`/results?filter=${encodeURIComponent("score!='95'")}`);
    expect(ids(notNinetyFive, 'results')).toEqual([id('r-bart-test1'), id('r-lisa-hw1'), id('r-lisa-test1'), id('r-milhouse-art')]);
    const byStudent = await get(`/results?filter=${encodeURIComponent(`studentSourcedId='${id('lisa')}' AND scoreStatus='exempt'`)}`);
    expect(ids(byStudent, 'results')).toEqual([id('r-lisa-test1')]);
    const sorted = await get(`/classes/${id('class')}/lineItems/${id('li-hw1')}/results?sort=score&orderBy=desc&fields=sourcedId,score`);
    expect(sorted.json().results).toEqual([
      { sourcedId: id('r-lisa-hw1'), score: 115 },
      { sourcedId: id('r-bart-hw1'), score: 95 },
    ]);
    expect(ids(await get(`/classes/${id('class')}/students/${id('bart')}/results?search=nice`), 'results')).toEqual([id('r-bart-hw1')]);
    expect(ids(await get(`/results?filter=${encodeURIComponent("late='true'")}`), 'results')).toEqual([id('r-bart-hw1')]);
    expect((await get(`/results?filter=${encodeURIComponent("grade='A'")}`)).statusCode).toBe(400);
    expect((await get(`/results?sort=nothing`)).statusCode).toBe(400);
  });

  it('deleting a result removes it from every collection', async () => {
    expect((await del(`/results/${id('r-bart-test1')}`)).statusCode).toBe(204);
    expect((await get(`/results/${id('r-bart-test1')}`)).statusCode).toBe(404);
    for (const url of [
      '/results',
      `/classes/${id('class')}/results`,
      `/classes/${id('class')}/students/${id('bart')}/results`,
      `/classes/${id('class')}/lineItems/${id('li-test1')}/results`,
    ]) {
      expect(ids(await get(url), 'results'), url).not.toContain(id('r-bart-test1'));
    }
    const delta = await get(`/results?filter=${encodeURIComponent("status='tobedeleted'")}`);
    expect(ids(delta, 'results')).toEqual([id('r-bart-test1')]);
  });

  it('deleting a line item hides its results and the categories only it used', async () => {
    await put(`/lineItems/${id('li-quiz')}`, { lineItem: lineItemBody(id, { title: 'Pop quiz', category: { sourcedId: id('cat-quiz') } }) });
    await put(`/results/${id('r-bart-quiz')}`, { result: resultBody(id, id('li-quiz'), id('bart')) });
    expect(ids(await get(`/classes/${id('class')}/categories`), 'categories')).toContain(id('cat-quiz'));
    expect((await del(`/lineItems/${id('li-quiz')}`)).statusCode).toBe(204);

    expect((await get(`/lineItems/${id('li-quiz')}`)).statusCode).toBe(404);
    expect((await get(`/results/${id('r-bart-quiz')}`)).statusCode).toBe(404);
    for (const url of ['/results', `/classes/${id('class')}/results`, `/classes/${id('class')}/students/${id('bart')}/results`]) {
      expect(ids(await get(url), 'results'), url).not.toContain(id('r-bart-quiz'));
    }
    expect((await get(`/classes/${id('class')}/lineItems/${id('li-quiz')}/results`)).statusCode).toBe(404);
    expect(ids(await get(`/classes/${id('class')}/lineItems`), 'lineItems')).not.toContain(id('li-quiz'));
    expect(ids(await get(`/classes/${id('class')}/categories`), 'categories')).not.toContain(id('cat-quiz'));
    // New results cannot be written against it.
    const late = await put(`/results/${id('r-lisa-quiz')}`, { result: resultBody(id, id('li-quiz'), id('lisa')) });
    expect(late.statusCode).toBe(422);
    expect(errorField(late)).toBe('lineItem');
  });

  it('a line item moved to another class takes its results along', async () => {
    await put(`/lineItems/${id('li-move')}`, { lineItem: lineItemBody(id, { title: 'Movable' }) });
    await put(`/results/${id('r-move')}`, { result: resultBody(id, id('li-move'), id('lisa')) });
    const moved = await put(`/lineItems/${id('li-move')}`, { lineItem: lineItemBody(id, { title: 'Movable', class: { sourcedId: id('class2') } }) });
    expect(moved.statusCode).toBe(200);
    // The client sent no school: it follows the new class.
    expect(moved.json().lineItem.school.sourcedId).toBe(id('school2'));
    expect((await get(`/results/${id('r-move')}`)).json().result.class.sourcedId).toBe(id('class2'));
    expect(ids(await get(`/classes/${id('class2')}/results`), 'results')).toContain(id('r-move'));
  });
});

describe('score scales', () => {
  const scale = (extra: Record<string, unknown> = {}) => ({
    title: 'Letter grades',
    type: 'letter',
    class: { sourcedId: id('class') },
    scoreScaleValue: [
      { itemValueLHS: '90-100', itemValueRHS: 'A' },
      { itemValueLHS: '80-89', itemValueRHS: 'B', value: '3', description: 'Good' },
    ],
    ...extra,
  });

  it('creates, upserts and reads, with the value mapping as sent', async () => {
    const created = await post('/scoreScales', { scoreScale: { sourcedId: id('scale-letter'), ...scale({ course: { sourcedId: id('course') } }) } });
    expect(created.statusCode, created.body).toBe(201);
    const read = (await get(`/scoreScales/${id('scale-letter')}`)).json().scoreScale;
    expect(read).toMatchObject({
      title: 'Letter grades',
      type: 'letter',
      class: { sourcedId: id('class') },
      course: { sourcedId: id('course'), type: 'course' },
    });
    expect(read.scoreScaleValue).toEqual(scale().scoreScaleValue);
    expect((await put(`/scoreScales/${id('scale-art')}`, { scoreScale: scale({ title: 'Art marks', class: { sourcedId: id('class2') } }) })).statusCode).toBe(
      201,
    );
    expect((await put(`/scoreScales/${id('scale-art')}`, { scoreScale: scale({ title: 'Art marks', class: { sourcedId: id('class2') } }) })).statusCode).toBe(
      200,
    );
  });

  it('refuses scales without a mapping, type or existing class', async () => {
    expect((await put(`/scoreScales/${id('scale-bad')}`, { scoreScale: scale({ scoreScaleValue: [] }) })).statusCode).toBe(400);
    expect((await put(`/scoreScales/${id('scale-bad')}`, { scoreScale: scale({ scoreScaleValue: [{ itemValueLHS: 'A' }] }) })).statusCode).toBe(400);
    expect((await put(`/scoreScales/${id('scale-bad')}`, { scoreScale: scale({ type: undefined }) })).statusCode).toBe(400);
    const noClass = await put(`/scoreScales/${id('scale-bad')}`, { scoreScale: scale({ class: { sourcedId: 'nope' } }) });
    expect(noClass.statusCode).toBe(422);
    expect(errorField(noClass)).toBe('class');
  });

  it('lists by class and by school (the scales of its classes)', async () => {
    expect(ids(await get(`/classes/${id('class')}/scoreScales`), 'scoreScales')).toEqual([id('scale-letter')]);
    expect(ids(await get(`/schools/${id('school')}/scoreScales`), 'scoreScales')).toEqual([id('scale-letter')]);
    expect(ids(await get(`/schools/${id('school2')}/scoreScales`), 'scoreScales')).toEqual([id('scale-art')]);
    expect(ids(await get('/scoreScales?search=art'), 'scoreScales')).toEqual([id('scale-art')]);
    expect((await get('/classes/nope/scoreScales')).statusCode).toBe(404);
    expect((await get('/schools/nope/scoreScales')).statusCode).toBe(404);
    expect((await del(`/scoreScales/${id('scale-art')}`)).statusCode).toBe(204);
    expect(ids(await get(`/schools/${id('school2')}/scoreScales`), 'scoreScales')).toEqual([]);
  });

  it('line items and results may reference a scale', async () => {
    const res = await put(`/lineItems/${id('li-scaled')}`, { lineItem: lineItemBody(id, { scoreScale: { sourcedId: id('scale-letter') } }) });
    expect(res.json().lineItem.scoreScale).toMatchObject({ sourcedId: id('scale-letter'), type: 'scoreScale' });
    const result = await put(`/results/${id('r-scaled')}`, {
      result: resultBody(id, id('li-scaled'), id('bart'), { textScore: 'A', scoreScale: { sourcedId: id('scale-letter') } }),
    });
    expect(result.statusCode).toBe(201);
    expect(result.json().result).toMatchObject({ textScore: 'A', scoreScale: { sourcedId: id('scale-letter') } });
  });
});
