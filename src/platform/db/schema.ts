/**
 * The platform's own tables: OAuth clients and server keys. Each service declares its tables next to
 * its resources (`*.resource.ts`) or in a `*.schema.ts`; drizzle.config.ts reads them all.
 */
import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { textArray } from '../resource/columns.js';

export const oauthClients = pgTable('oauth_clients', {
  clientId: text('client_id').primaryKey(),
  name: text('name').notNull(),
  secretHash: text('secret_hash').notNull(),
  scopes: textArray('scopes'),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
});

/**
 * Server keys (token signing, credential signing, secret encryption). Kept in the database so every
 * process sharing it signs and verifies alike; rotation retires a key without deleting it.
 */
export const serverKeys = pgTable(
  'server_keys',
  {
    kid: text('kid').primaryKey(),
    purpose: text('purpose').notNull(),
    algorithm: text('algorithm').notNull(),
    privateKey: jsonb('private_key').notNull(),
    publicKey: jsonb('public_key'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    retiredAt: timestamp('retired_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [index('server_keys_purpose_idx').on(t.purpose, t.createdAt)],
);
