import { defineConfig } from 'drizzle-kit';

// The platform's tables, each resource's table (declared with it in its `*.resource.ts`) and the
// other tables a service keeps (`*.schema.ts`).
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/db/schema.ts', './src/**/*.resource.ts', './src/**/*.schema.ts'],
  out: './migrations',
});
