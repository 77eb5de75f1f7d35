/**
 * Columns the resource machinery relies on. Every resource table starts with resourceColumns():
 * lists, soft delete and delta sync read `sourced_id`, `status` and `date_last_modified`.
 */
import { sql } from 'drizzle-orm';
import { jsonb, text, timestamp } from 'drizzle-orm/pg-core';

export const resourceColumns = () => ({
  sourcedId: text('sourced_id').primaryKey(),
  status: text('status').notNull().default('active'),
  dateLastModified: timestamp('date_last_modified', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  metadata: jsonb('metadata'),
});

/** A multi-valued string: `text[]`, never null (an empty list instead). */
export const textArray = (name: string) =>
  text(name)
    .array()
    .notNull()
    .default(sql`'{}'::text[]`);
