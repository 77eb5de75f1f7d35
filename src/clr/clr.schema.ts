/**
 * Tables of the CLR 2.0 service: the ClrCredentials this platform has signed as publisher, and the
 * publisher profile it signs as. The signing keys live in server_keys (purpose 'clr').
 */
import { index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** One row per (publisher issuer id, credential id): the stored, signed document and the columns lists filter on. */
export const clrCredentials = pgTable(
  'clr_credentials',
  {
    issuerId: text('issuer_id').notNull(),
    credentialId: text('credential_id').notNull(),
    /** credentialSubject.id, or its first identifier's value when the subject has no id. */
    subjectId: text('subject_id'),
    /** The OAuth client that upserted it: read-only clients see their own. */
    ownerClientId: text('owner_client_id').notNull(),
    document: jsonb('document').notNull(),
    validFrom: text('valid_from').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'clr_credentials_pk', columns: [t.issuerId, t.credentialId] }),
    index('clr_credentials_credential_idx').on(t.credentialId),
    index('clr_credentials_subject_idx').on(t.subjectId),
    index('clr_credentials_owner_idx').on(t.ownerClientId, t.updatedAt),
    index('clr_credentials_updated_idx').on(t.updatedAt),
  ],
);

/** The publisher profile (a single row, key 'publisher'). Its id is derived, never stored: only which DID method to use. */
export const clrProfile = pgTable('clr_profile', {
  key: text('key').primaryKey(),
  didMethod: text('did_method').notNull().default('key'),
  name: text('name').notNull(),
  url: text('url'),
  email: text('email'),
  image: jsonb('image'),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});
