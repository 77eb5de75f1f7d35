import { cpSync, mkdtempSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('migrations', () => {
  it('match the schema declarations (run `npm run db:generate` after changing a *.schema.ts)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'learnstack-migrations-'));
    try {
      const out = join(dir, 'migrations');
      cpSync('migrations', out, { recursive: true });
      const config = join(dir, 'drizzle.config.json');
      writeFileSync(config, JSON.stringify({ dialect: 'postgresql', schema: [resolve('src/platform/db/schema.ts'), resolve('src/**/*.schema.ts')], out }));
      const before = readdirSync(out).filter((f) => f.endsWith('.sql'));
      execFileSync(resolve('node_modules/.bin/drizzle-kit'), ['generate', '--config', config], { stdio: 'pipe' });
      const after = readdirSync(out).filter((f) => f.endsWith('.sql'));
      expect(after).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
