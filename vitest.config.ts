import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each file gets its own database (PGlite in memory, or a fresh schema on PostgreSQL).
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
