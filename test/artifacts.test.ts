import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderArtifacts } from '../src/platform/artifacts.js';
import { createTestContext, type TestContext } from './helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('checked-in artifacts (run `npm run generate` after changing declarations)', () => {
  it('openapi/ and sql/ match what the declarations generate', () => {
    const generated = renderArtifacts(ctx.services);
    for (const [path, content] of generated) {
      expect(existsSync(path), `${path} is missing`).toBe(true);
      expect(readFileSync(path, 'utf8'), `${path} drifted`).toBe(content);
    }
    const stale = [...listFiles('openapi'), ...listFiles('sql')].filter((p) => !generated.has(p));
    expect(stale, 'files no declaration generates').toEqual([]);
  });
});
