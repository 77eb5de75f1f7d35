/**
 * Builds a learner's ClrCredential from the platform's own OneRoster records.
 *
 * Completion rule: a class counts as completed for a student when the student has an active
 * student enrollment in it, the class has at least one active line item, and every active line
 * item has an active result for the student whose scoreStatus is 'fully graded' or 'exempt'.
 * Each completed class becomes one AchievementCredential (achievement = the class's course, one
 * ResultDescription per line item, one Result per result; the line items' learning objectives
 * become Alignments of the achievement and of the results). Ids are derived from the base URL,
 * user and class, so building again yields the same credential ids (an upsert replaces).
 */
import { createHash } from 'node:crypto';
import type { Database } from '../platform/db/database.js';
import { CodeMinor, ImsxError, notFound } from '../platform/errors.js';
import { repo, type Row } from '../platform/resource/repo.js';
import { classes } from '../oneroster/rostering/classes.resource.js';
import { courses } from '../oneroster/rostering/courses.resource.js';
import { enrollments } from '../oneroster/rostering/enrollments.resource.js';
import { users } from '../oneroster/rostering/users.resource.js';
import { lineItems } from '../oneroster/gradebook/line-items.resource.js';
import { results } from '../oneroster/gradebook/results.resource.js';
import { GRADEBOOK, ROSTERING } from '../oneroster/base-paths.js';
import { CLR_CONTEXT, OB_CONTEXT, OB_EXTENSIONS_CONTEXT, VC_V2_CONTEXT } from '../credentials/document-loader.js';
import { issueAndStore, signAsPublisher, signingIdentity, type Issued, type Issuing, type Requester } from '../credentials/issued-credentials.js';

type Json = Record<string, unknown>;

const GRADED = ['fully graded', 'exempt'];

/** A name-based UUID (SHA-1, RFC 4122 version 5 layout) as a URN: stable ids for rebuilt credentials. */
function stableUrn(...parts: string[]): string {
  const h = createHash('sha1').update(parts.join('\u0000')).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

interface Objective {
  source: string;
  learningObjectiveIds: string[];
}

function alignments(set: unknown): Json[] {
  return ((set as Objective[] | null) ?? []).flatMap((o) =>
    o.learningObjectiveIds.map((id) => ({
      type: ['Alignment'],
      targetName: id,
      // OneRoster gives an objective only an id and a source; the URN keeps both and is a valid targetUrl.
      targetUrl: `urn:learnstack:learning-objective:${encodeURIComponent(o.source)}:${encodeURIComponent(id)}`,
      ...(o.source === 'case' ? { targetType: 'CFItem', targetCode: id } : {}),
      targetFramework: o.source,
    })),
  );
}

export interface LearnerClr {
  /** The unsigned ClrCredential shell (issuer and signing are the caller's). */
  clr: Json;
  /** One unsigned AchievementCredential per completed class. */
  achievements: Json[];
}

/** undefined when the user does not exist; `achievements` is empty when no class is completed. */
export async function buildLearnerClr(db: Database, userSourcedId: string, baseUrl: string, issuer: Json, now: string): Promise<LearnerClr | undefined> {
  // Read through the resources' repos: the same visibility as the API (deleted records, and results of
  // deleted line items, are not there).
  const d = db.drizzle;
  const user = await repo(users).get(d, userSourcedId);
  if (!user) return undefined;
  const studentEnrollments = await repo(enrollments).list(d, { equals: { user: userSourcedId, role: 'student' } });
  const classIds = [...new Set(studentEnrollments.map((e) => e.class!.sourcedId))].sort();
  const enrolled: { cls: Row<typeof classes.fields>; course: Row<typeof courses.fields> }[] = [];
  const items: Row<typeof lineItems.fields>[] = [];
  for (const classId of classIds) {
    const cls = await repo(classes).get(d, classId);
    const course = cls && (await repo(courses).get(d, cls.course!.sourcedId));
    if (!cls || !course) continue;
    enrolled.push({ cls, course });
    items.push(...(await repo(lineItems).list(d, { equals: { class: classId }, sort: 'sourcedId' })));
  }
  const scored = await repo(results).list(d, { equals: { student: userSourcedId }, sort: 'sourcedId' });

  const identifier = [{ type: 'IdentityObject', identityHash: user.sourcedId, identityType: 'oneRosterSourcedId', hashed: false }];
  const subject = { identifier };
  const achievements: Json[] = [];
  for (const { cls, course } of enrolled) {
    const classItems = items.filter((i) => i.class?.sourcedId === cls.sourcedId);
    const graded = classItems.map((li) => scored.find((r) => r.lineItem?.sourcedId === li.sourcedId && GRADED.includes(r.scoreStatus!)));
    if (classItems.length === 0 || graded.some((r) => !r)) continue;

    const itemUrl = (id: string) => `${baseUrl}${GRADEBOOK}/lineItems/${encodeURIComponent(id)}`;
    const objectives = classItems.flatMap((li) => alignments(li.learningObjectiveSet));
    const achievement: Json = {
      id: `${baseUrl}${ROSTERING}/courses/${encodeURIComponent(course.sourcedId)}`,
      type: ['Achievement'],
      achievementType: 'Course',
      name: course.title,
      description: `Completion of ${cls.title} (${course.title}).`,
      criteria: { narrative: `Every graded item of the class (${classItems.length}) has a final result: fully graded or exempt.` },
      resultDescription: classItems.map((li) => ({
        id: itemUrl(li.sourcedId),
        type: ['ResultDescription'],
        name: li.title,
        resultType: 'RawScore',
        ...(li.resultValueMin !== undefined ? { valueMin: String(li.resultValueMin) } : {}),
        ...(li.resultValueMax !== undefined ? { valueMax: String(li.resultValueMax) } : {}),
      })),
      ...(course.courseCode ? { humanCode: course.courseCode } : {}),
      ...(objectives.length ? { alignment: objectives } : {}),
    };
    const result = classItems.map((li, i) => {
      const r = graded[i]!;
      // OB 3.0 has no "exempt" status; the value says it.
      const value = r.scoreStatus === 'exempt' ? 'exempt' : r.score !== undefined ? String(r.score) : r.textScore;
      const aligned = alignments(li.learningObjectiveSet);
      return {
        type: ['Result'],
        resultDescription: itemUrl(li.sourcedId),
        ...(value !== undefined ? { value } : {}),
        ...(aligned.length ? { alignment: aligned } : {}),
      };
    });
    achievements.push({
      '@context': [VC_V2_CONTEXT, OB_CONTEXT],
      id: stableUrn(baseUrl, 'class-achievement', user.sourcedId, cls.sourcedId),
      type: ['VerifiableCredential', 'AchievementCredential'],
      issuer,
      validFrom: now,
      name: course.title,
      credentialSubject: { type: ['AchievementSubject'], ...subject, achievement, result },
    });
  }

  const name = [user.givenName, user.familyName].filter(Boolean).join(' ');
  const clr: Json = {
    '@context': [VC_V2_CONTEXT, CLR_CONTEXT, OB_CONTEXT, OB_EXTENSIONS_CONTEXT],
    id: stableUrn(baseUrl, 'learner-clr', user.sourcedId),
    type: ['VerifiableCredential', 'ClrCredential'],
    issuer,
    validFrom: now,
    name: `Comprehensive Learner Record: ${name}`,
    credentialSubject: { type: ['ClrSubject'], ...subject },
  };
  return { clr, achievements };
}

/**
 * Builds a learner's CLR, signs each AchievementCredential and then the CLR around them as the
 * publisher, and stores it: 404 for an unknown user, 422 when no class is completed.
 */
export async function issueLearnerClr(issuing: Issuing, userSourcedId: string, baseUrl: string, requester: Requester): Promise<Issued> {
  const identity = await signingIdentity(issuing.publisher);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const built = await buildLearnerClr(issuing.db, userSourcedId, baseUrl, { ...identity.issuer }, now);
  if (!built) throw notFound('User');
  if (built.achievements.length === 0) {
    throw new ImsxError(422, CodeMinor.invalidData, `User ${userSourcedId} has no completed class: a CLR needs at least one credential.`, [
      { field: 'userSourcedId', message: 'no completed class (every active line item of a class graded: fully graded or exempt)' },
    ]);
  }
  // One after another, so other requests' signing queues between them rather than behind them all.
  const embedded = [];
  for (const achievement of built.achievements) embedded.push(await signAsPublisher(issuing.signing, identity, achievement));
  const clr = { ...built.clr, credentialSubject: { ...(built.clr.credentialSubject as Json), verifiableCredential: embedded } };
  return issueAndStore(issuing, clr, requester, identity);
}
