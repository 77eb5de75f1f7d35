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
  gradingPeriod: {
    type: 'academicSession',
    path: `${ROSTERING}/academicSessions`,
    table: 'academic_sessions',
    where: sql`r.type = 'gradingPeriod'`,
    whereDescription: 'of type gradingPeriod',
  },
  term: { type: 'academicSession', path: `${ROSTERING}/academicSessions`, table: 'academic_sessions' },
  course: { type: 'course', path: `${ROSTERING}/courses`, table: 'courses' },
  class: { type: 'class', path: `${ROSTERING}/classes`, table: 'classes' },
  user: { type: 'user', path: `${ROSTERING}/users`, table: 'users' },
  /** Resources live in the Resources service (src/oneroster/resources). */
  resource: { type: 'resource', path: `${RESOURCES}/resources`, table: 'resources' },
  /** The platform's course structure, served under the rostering base path. */
  courseComponent: { type: 'courseComponent', path: `${ROSTERING}/courses/components`, table: 'course_components' },
  componentResource: { type: 'componentResource', path: `${ROSTERING}/courses/component-resources`, table: 'component_resources' },
  // Gradebook objects. Results may only be written against line items that are not deleted.
  lineItem: {
    type: 'lineItem',
    path: `${GRADEBOOK}/lineItems`,
    table: 'line_items',
    where: sql`r.status <> 'tobedeleted'`,
    whereDescription: 'active',
  },
  assessmentLineItem: {
    type: 'assessmentLineItem',
    path: `${GRADEBOOK}/assessmentLineItems`,
    table: 'assessment_line_items',
    where: sql`r.status <> 'tobedeleted'`,
    whereDescription: 'active',
  },
  category: { type: 'category', path: `${GRADEBOOK}/categories`, table: 'categories' },
  scoreScale: { type: 'scoreScale', path: `${GRADEBOOK}/scoreScales`, table: 'score_scales' },
} satisfies Record<string, RefTarget>;
