/**
 * The OneRoster 1.2 Gradebook service: the binding's operations, the platform's single-object POSTs
 * and PATCHes, and the class- and school-scoped reads. PUT is an upsert (201 created, 200 replaced);
 * DELETE is soft.
 */
import { sql } from 'drizzle-orm';
import type { ParentCheck, Service, ServiceModule } from '../../platform/service.js';
import type { ScopeRequirement } from '../../platform/auth/scopes.js';
import type { ResourceDef } from '../../platform/resource/resource.js';
import { activeClassesOfSchool, classes } from '../rostering/classes.resource.js';
import { schools } from '../rostering/orgs.resource.js';
import { students } from '../rostering/users.resource.js';
import { academicSessions } from '../rostering/academic-sessions.resource.js';
import { GRADEBOOK } from '../base-paths.js';
import { gradebookScopeDeclaration, gradebookScopes as scopes } from './gradebook-scopes.js';
import { categories } from './categories.resource.js';
import { scoreScales } from './score-scales.resource.js';
import { lineItems } from './line-items.resource.js';
import { results } from './results.resource.js';
import { assessmentLineItems } from './assessment-line-items.resource.js';
import { assessmentResults } from './assessment-results.resource.js';
import { bulkCreate } from './bulk.routes.js';

type P = Record<string, string>;

interface Collection {
  path: string;
  resource: ResourceDef;
  /** Operation id stems: getAll{plural}, get{one}, create{one}, put{one}, patch{one}, delete{one}. */
  plural: string;
  one: string;
  read: ScopeRequirement;
  create: ScopeRequirement;
  put: ScopeRequirement;
  delete: ScopeRequirement;
  /** The platform's PATCH (metadata deep-merged). */
  patch?: boolean;
}

const gradebook = { read: scopes.core, create: scopes.create, put: scopes.put, delete: scopes.delete };
const assessment = { read: scopes.assessmentRead, create: scopes.assessmentWrite, put: scopes.assessmentWrite, delete: scopes.assessmentDelete };

const COLLECTIONS: Collection[] = [
  { path: '/categories', resource: categories, plural: 'Categories', one: 'Category', ...gradebook },
  { path: '/lineItems', resource: lineItems, plural: 'LineItems', one: 'LineItem', ...gradebook },
  { path: '/results', resource: results, plural: 'Results', one: 'Result', ...gradebook },
  { path: '/scoreScales', resource: scoreScales, plural: 'ScoreScales', one: 'ScoreScale', ...gradebook },
  { path: '/assessmentLineItems', resource: assessmentLineItems, plural: 'AssessmentLineItems', one: 'AssessmentLineItem', ...assessment, patch: true },
  { path: '/assessmentResults', resource: assessmentResults, plural: 'AssessmentResults', one: 'AssessmentResult', ...assessment, patch: true },
];

const parent = (param: string, resource: ResourceDef, where?: ParentCheck['where']): ParentCheck => ({ param, resource, where });
const inClass = parent('classSourcedId', classes);
/** Line items of the class in the path (deleted ones too: the results view already hides their results). */
const classLineItems = (p: P) => sql`(select li.sourced_id from line_items li where li.class_sourced_id = ${p.classSourcedId})`;

export const gradebookService: ServiceModule = {
  info: {
    name: 'gradebook',
    title: 'OneRoster 1.2 Gradebook Service',
    version: '1.2',
    basePath: GRADEBOOK,
    description:
      'OneRoster 1.2 gradebook: categories, line items, results, score scales, assessment line items and results, with the query grammar and the platform extensions.',
    scopes: gradebookScopeDeclaration,
    discoveryFiles: ['onerosterv1p2gradebookservice_openapi3_v1p0.json', 'imsorv1p2_gradebook_openapi3_v1p0.json'],
  },
  register: registerGradebook,
};

function registerGradebook(service: Service): void {
  for (const { path, resource, plural, one, patch, ...scopes } of COLLECTIONS) {
    const operationIds = { list: `getAll${plural}`, get: `get${one}`, create: `create${one}`, put: `put${one}`, delete: `delete${one}` };
    service.crud(path, resource, { operationIds: patch ? { ...operationIds, patch: `patch${one}` } : operationIds, scopes });
  }

  // Reads in the context of a class or a school.
  service.list('/classes/:classSourcedId/lineItems', lineItems, {
    operationId: 'getLineItemsForClass',
    summary: 'Line items of a class',
    scopes: scopes.read,
    parents: [inClass],
    where: (p) => [sql`t.class_sourced_id = ${p.classSourcedId}`],
  });
  service.list('/classes/:classSourcedId/results', results, {
    operationId: 'getResultsForClass',
    summary: "Results on a class's line items",
    scopes: scopes.read,
    parents: [inClass],
    where: (p) => [sql`t.line_item_sourced_id in ${classLineItems(p)}`],
  });
  service.list('/classes/:classSourcedId/categories', categories, {
    operationId: 'getCategoriesForClass',
    summary: "Categories the class's line items use",
    scopes: scopes.read,
    parents: [inClass],
    where: (p) => [
      sql`t.sourced_id in (select li.category_sourced_id from line_items li where li.class_sourced_id = ${p.classSourcedId} and li.status <> 'tobedeleted')`,
    ],
  });
  service.list('/classes/:classSourcedId/scoreScales', scoreScales, {
    operationId: 'getScoreScalesForClass',
    summary: 'Score scales of a class',
    scopes: scopes.read,
    parents: [inClass],
    where: (p) => [sql`t.class_sourced_id = ${p.classSourcedId}`],
  });
  service.list('/classes/:classSourcedId/students/:studentSourcedId/results', results, {
    operationId: 'getResultsForStudentForClass',
    summary: "A student's results on a class's line items",
    scopes: scopes.read,
    parents: [inClass, parent('studentSourcedId', students)],
    where: (p) => [sql`t.student_sourced_id = ${p.studentSourcedId}`, sql`t.line_item_sourced_id in ${classLineItems(p)}`],
  });
  service.list('/classes/:classSourcedId/lineItems/:lineItemSourcedId/results', results, {
    operationId: 'getResultsForLineItemForClass',
    summary: "Results on one of a class's line items",
    scopes: scopes.read,
    parents: [inClass, parent('lineItemSourcedId', lineItems, (p) => [sql`t.class_sourced_id = ${p.classSourcedId}`])],
    where: (p) => [sql`t.line_item_sourced_id = ${p.lineItemSourcedId}`],
  });
  service.list('/schools/:schoolSourcedId/lineItems', lineItems, {
    operationId: 'getLineItemsForSchool',
    summary: 'Line items of a school',
    scopes: scopes.read,
    parents: [parent('schoolSourcedId', schools)],
    where: (p) => [sql`t.school_sourced_id = ${p.schoolSourcedId}`],
  });
  service.list('/schools/:schoolSourcedId/scoreScales', scoreScales, {
    operationId: 'getScoreScalesForSchool',
    summary: "Score scales of a school's classes",
    scopes: scopes.read,
    parents: [parent('schoolSourcedId', schools)],
    where: (p) => [sql`t.class_sourced_id in ${activeClassesOfSchool(p.schoolSourcedId)}`],
  });

  // Bulk writes: all rows or none.
  bulkCreate(service, '/classes/:classSourcedId/lineItems', lineItems, {
    operationId: 'postLineItemsForClass',
    summary: 'Create line items for a class',
    scopes: scopes.create,
    parents: [inClass],
    pinned: { class: 'classSourcedId' },
  });
  bulkCreate(service, '/schools/:schoolSourcedId/lineItems', lineItems, {
    operationId: 'postLineItemsForSchool',
    summary: 'Create line items for a school',
    scopes: scopes.create,
    parents: [parent('schoolSourcedId', schools)],
    pinned: { school: 'schoolSourcedId' },
  });
  bulkCreate(service, '/lineItems/:lineItemSourcedId/results', results, {
    operationId: 'postResultsForLineItem',
    summary: 'Create results for a line item',
    scopes: scopes.create,
    parents: [parent('lineItemSourcedId', lineItems)],
    pinned: { lineItem: 'lineItemSourcedId' },
  });
  bulkCreate(service, '/classes/:classSourcedId/academicSessions/:academicSessionSourcedId/results', results, {
    operationId: 'postResultsForAcademicSessionForClass',
    summary: "Create results on a class's line items for an academic session",
    scopes: scopes.create,
    parents: [inClass, parent('academicSessionSourcedId', academicSessions)],
    pinned: { class: 'classSourcedId' },
  });
}
