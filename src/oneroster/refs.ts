/**
 * Where each kind of GUIDRef points. Shared by every OneRoster service (gradebook results reference
 * rostering users, resources reference courses, …).
 */
import { sql } from 'drizzle-orm';
import type { RefTarget } from '../platform/resource/fields.js';

export const ROSTERING = '/ims/oneroster/rostering/v1p2';
export const GRADEBOOK = '/ims/oneroster/gradebook/v1p2';
export const RESOURCES = '/ims/oneroster/resources/v1p2';

export const refs = {
  org: { type: 'org', path: `${ROSTERING}/orgs`, table: 'orgs' },
  school: {
    type: 'org',
    path: `${ROSTERING}/schools`,
    table: 'orgs',
    where: sql`r.type = 'school'`,
    whereDescription: 'of type school',
  },
  academicSession: { type: 'academicSession', path: `${ROSTERING}/academicSessions`, table: 'academic_sessions' },
  term: { type: 'academicSession', path: `${ROSTERING}/academicSessions`, table: 'academic_sessions' },
  course: { type: 'course', path: `${ROSTERING}/courses`, table: 'courses' },
  class: { type: 'class', path: `${ROSTERING}/classes`, table: 'classes' },
  user: { type: 'user', path: `${ROSTERING}/users`, table: 'users' },
  /** Resources live in the Resources service; until its table exists, references are stored unchecked. */
  resource: { type: 'resource', path: `${RESOURCES}/resources`, table: 'resources' },
} satisfies Record<string, RefTarget>;
