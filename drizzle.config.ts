import { defineConfig } from 'drizzle-kit';

// Platform tables plus each service's own `*.schema.ts`.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/db/schema.ts', './src/**/*.schema.ts'],
  out: './migrations',
});
