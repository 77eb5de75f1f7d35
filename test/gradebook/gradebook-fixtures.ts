/** Gradebook test data on top of seedRoster: request bodies shaped the way LMS clients send them. */
import { expect } from 'vitest';
import { GRADEBOOK, seedRoster, type TestContext } from '../helpers.js';

export { GRADEBOOK };

/** A line item as an LMS PUTs it: no status, no dateLastModified, references as `{sourcedId}`, date-times. */
export const lineItemBody = (id: (s: string) => string, extra: Record<string, unknown> = {}) => ({
  title: 'Homework 1',
  assignDate: '2026-09-01T08:00:00Z',
  dueDate: '2026-09-08T23:59:59.000Z',
  class: { sourcedId: id('class') },
  category: { sourcedId: id('cat-hw') },
  ...extra,
});

export const resultBody = (id: (s: string) => string, lineItem: string, student: string, extra: Record<string, unknown> = {}) => ({
  lineItem: { sourcedId: lineItem },
  student: { sourcedId: student },
  scoreStatus: 'fully graded',
  score: 90,
  scoreDate: '2026-09-09T10:15:00.000Z',
  ...extra,
});

/** Roster plus a second class in another school, two categories and a score scale. */
export async function seedGradebook(ctx: TestContext, prefix: string) {
  const { id } = await seedRoster(ctx, prefix);
  const ok = async (method: string, url: string, body: unknown) => {
    const res = await ctx.request(method, url, { body });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res;
  };
  await ok('POST', '/ims/oneroster/rostering/v1p2/classes', {
    class: {
      sourcedId: id('class2'),
      title: 'Art',
      course: { sourcedId: id('course') },
      school: { sourcedId: id('school2') },
      terms: [{ sourcedId: id('term') }],
    },
  });
  await ok('PUT', `${GRADEBOOK}/categories/${id('cat-hw')}`, { category: { title: 'Homework', weight: 0.4 } });
  await ok('PUT', `${GRADEBOOK}/categories/${id('cat-test')}`, { category: { title: 'Tests', weight: 0.6 } });
  await ok('PUT', `${GRADEBOOK}/categories/${id('cat-unused')}`, { category: { title: 'Participation' } });
  return { id, ok };
}
