/**
 * The shapes of the tables a credential service keeps: the credentials it signed as publisher and
 * its publisher profile. Each service declares its own tables from these (in its *.schema.ts, so
 * migrations see them) under its own names: CLR's are clr_credentials and clr_profile.
 */
import { index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** One row per (publisher issuer id, credential id): the stored, signed document and the columns lists filter on. */
export function issuedCredentialsTable(name: string) {
  return pgTable(
    name,
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
      primaryKey({ name: `${name}_pk`, columns: [t.issuerId, t.credentialId] }),
      index(`${name}_credential_idx`).on(t.credentialId),
      index(`${name}_subject_idx`).on(t.subjectId),
      index(`${name}_owner_idx`).on(t.ownerClientId, t.updatedAt),
      index(`${name}_updated_idx`).on(t.updatedAt),
    ],
  );
}

export type IssuedCredentialsTable = ReturnType<typeof issuedCredentialsTable>;

/** The publisher profile (a single row, key 'publisher'). Its id is derived, never stored: only which DID method to use. */
export function publisherProfileTable(name: string) {
  return pgTable(name, {
    key: text('key').primaryKey(),
    didMethod: text('did_method').notNull().default('key'),
    name: text('name').notNull(),
    url: text('url'),
    email: text('email'),
    image: jsonb('image'),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  });
}

export type PublisherProfileTable = ReturnType<typeof publisherProfileTable>;
