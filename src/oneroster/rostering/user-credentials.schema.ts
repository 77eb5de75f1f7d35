import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Third-party application credentials stored for a user; the password is AES-256-GCM ciphertext. */
export const userCredentials = pgTable(
  'user_credentials',
  {
    id: text('id').primaryKey(),
    userSourcedId: text('user_sourced_id').notNull(),
    userProfileId: text('user_profile_id').notNull(),
    applicationName: text('application_name').notNull(),
    username: text('username').notNull(),
    passwordCiphertext: text('password_ciphertext').notNull(),
    keyId: text('key_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('user_credentials_user_idx').on(t.userSourcedId)],
);
