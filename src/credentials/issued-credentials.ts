/**
 * Issuing as the publisher and keeping what was issued, for every credential service (CLR now, Open
 * Badges next; each passes its own table). Plain functions: the routes only parse and answer.
 *
 * Upsert key: (publisher issuer id, submitted credential id). The issuer id is the profile's DID, so
 * after a key rotation under did:key (a new DID) the same credential id is stored anew.
 */
import { and, asc, count, desc, eq, gt, type SQL } from 'drizzle-orm';
import type { Database, DrizzleDb } from '../platform/db/database.js';
import { CodeMinor, ImsxError } from '../platform/errors.js';
import { UnknownContextError, unknownContextUrls } from './document-loader.js';
import type { SigningKeyRecord } from './keys.js';
import type { Publisher, PublisherProfile } from './publisher.js';
import type { SigningPool } from './signing-pool.js';
import type { IssuedCredentialsTable } from './tables.js';

type Json = Record<string, unknown>;
type Transaction = Parameters<Parameters<DrizzleDb['transaction']>[0]>[0];

/** What issuing for one service needs: who it signs as, the threads that sign, where it stores. */
export interface Issuing {
  db: Database;
  publisher: Publisher;
  signing: SigningPool;
  table: IssuedCredentialsTable;
}

/** The OAuth client asking: it owns what it upserts; an admin sees and may replace everything. */
export interface Requester {
  clientId: string;
  admin: boolean;
}

/** The issuer object and the key that signs as it, read once so every proof of one request agrees. */
export interface SigningIdentity {
  issuer: PublisherProfile;
  key: SigningKeyRecord;
}

export interface Issued {
  /** 201 stored anew, 200 replaced. */
  status: 201 | 200;
  credential: Json;
}

export async function signingIdentity(publisher: Publisher): Promise<SigningIdentity> {
  const issuer = await publisher.profile();
  return { issuer, key: await publisher.signingKey(issuer.id) };
}

/** Signs as the publisher; an unknown @context anywhere (also inside embedded credentials) is a 422 naming it. */
export async function signAsPublisher(signing: SigningPool, identity: SigningIdentity, credential: Json): Promise<Json> {
  const unknown = unknownContextUrls(credential);
  if (unknown.length > 0) throw unknownContext(unknown[0]!);
  try {
    return await signing.sign({ ...credential, issuer: identity.issuer }, identity.key);
  } catch (err) {
    if (err instanceof UnknownContextError) throw unknownContext(err.url);
    throw err;
  }
}

const unknownContext = (url: string) =>
  new ImsxError(
    422,
    CodeMinor.invalidData,
    `Unknown JSON-LD @context "${url}": only the pinned CLR 2.0, Open Badges 3.0, VC 2.0 and Data Integrity contexts are accepted.`,
    [{ field: '@context', message: `unknown context ${url}` }],
  );

/**
 * Signs `credential` as the publisher, then stores it. The signing happens before the transaction
 * opens: a transaction held across it would pin a pooled connection, and on PGlite (one connection)
 * hold up every other statement, for as long as the canonicalisation takes.
 */
export async function issueAndStore(issuing: Issuing, credential: Json, requester: Requester, identity?: SigningIdentity): Promise<Issued> {
  const signed = await signAsPublisher(issuing.signing, identity ?? (await signingIdentity(issuing.publisher)), credential);
  const status = await issuing.db.drizzle.transaction((tx) => storeIssued(tx, issuing.table, signed, requester));
  return { status, credential: signed };
}

/** Stores a signed credential under (issuer, id): 201 created, 200 replaced. A non-admin may not replace another client's credential. */
export async function storeIssued(tx: Transaction, table: IssuedCredentialsTable, signed: Json, requester: Requester): Promise<201 | 200> {
  const issuerId = (signed.issuer as { id: string }).id;
  const credentialId = signed.id as string;
  const values = { document: signed, subjectId: subjectOf(signed), validFrom: String(signed.validFrom), updatedAt: new Date() };
  const key = and(eq(table.issuerId, issuerId), eq(table.credentialId, credentialId));
  const [existing] = await tx.select({ owner: table.ownerClientId }).from(table).where(key).for('update');
  if (!existing) {
    await tx.insert(table).values({ issuerId, credentialId, ownerClientId: requester.clientId, ...values });
    return 201;
  }
  if (existing.owner !== requester.clientId && !requester.admin) {
    throw new ImsxError(403, CodeMinor.forbidden, `Credential ${credentialId} was upserted by another client.`);
  }
  await tx.update(table).set(values).where(key);
  return 200;
}

function subjectOf(doc: Json): string | null {
  const subject = doc.credentialSubject as { id?: unknown; identifier?: Array<{ identityHash?: unknown }> } | undefined;
  if (typeof subject?.id === 'string') return subject.id;
  const hash = subject?.identifier?.[0]?.identityHash;
  return typeof hash === 'string' ? hash : null;
}

/** Read-only clients see what they upserted; admins see everything. */
const visibleTo = (table: IssuedCredentialsTable, requester: Requester): SQL[] => (requester.admin ? [] : [eq(table.ownerClientId, requester.clientId)]);

export interface IssuedQuery {
  /** credentialSubject.id (or, without one, its first identifier). */
  subject?: string;
  issuer?: string;
  /** Only credentials signed (created or replaced) after this instant. */
  since?: Date;
  limit: number;
  offset: number;
}

/** One page of the stored credentials the requester may see, oldest signing first, and how many there are in all. */
export async function listIssued(
  db: Database,
  table: IssuedCredentialsTable,
  requester: Requester,
  query: IssuedQuery,
): Promise<{ credentials: unknown[]; total: number }> {
  const where = visibleTo(table, requester);
  if (query.subject !== undefined) where.push(eq(table.subjectId, query.subject));
  if (query.issuer !== undefined) where.push(eq(table.issuerId, query.issuer));
  if (query.since !== undefined) where.push(gt(table.updatedAt, query.since));
  const condition = where.length ? and(...where) : undefined;
  const page = await db.drizzle
    .select({ document: table.document })
    .from(table)
    .where(condition)
    .orderBy(asc(table.updatedAt), asc(table.issuerId), asc(table.credentialId))
    .limit(query.limit)
    .offset(query.offset);
  const [{ total }] = await db.drizzle.select({ total: count() }).from(table).where(condition);
  return { credentials: page.map((r) => r.document), total };
}

/** The stored credential with this id that the requester may see, or undefined. */
export async function findIssued(db: Database, table: IssuedCredentialsTable, requester: Requester, credentialId: string): Promise<unknown> {
  const [row] = await db.drizzle
    .select({ document: table.document })
    .from(table)
    .where(and(eq(table.credentialId, credentialId), ...visibleTo(table, requester)))
    // The same id under an earlier issuer DID (a rotated did:key) is an older copy: newest first.
    .orderBy(desc(table.updatedAt))
    .limit(1);
  return row?.document;
}
