/**
 * The OneRoster 1.2 Rostering service: the binding's 41 read paths, the platform's writes and
 * extensions. Each line declares a route over a declared resource; the machinery does the rest.
 */
import { sql } from 'drizzle-orm';
import type { ParentCheck, Service, ServiceModule } from '../../platform/service.js';
import { rosterCrud, rosterScopeDeclaration, rosterScopes } from './roster-scopes.js';
import { orgs, schools } from './orgs.resource.js';
import { academicSessions, gradingPeriods, terms } from './academic-sessions.resource.js';
import { courses } from './courses.resource.js';
import { classes } from './classes.resource.js';
import { students, teachers, users } from './users.resource.js';
import { enrollments } from './enrollments.resource.js';
import { demographics } from './demographics.resource.js';
import { registerUserExtensions } from './user-extensions.routes.js';
import { ROSTERING } from '../base-paths.js';
import type { ResourceDef } from '../../platform/resource/resource.js';

type P = Record<string, string>;

/** Users enrolled in a class with a role (active enrollments only). */
const enrolledIn = (classParam: string, role: string) => (p: P) => [
  sql`exists (select 1 from enrollments e where e.user_sourced_id = t.sourced_id and e.class_sourced_id = ${p[classParam]}
      and e.role = ${role} and e.status <> 'tobedeleted')`,
];
/** Classes a user is enrolled in (with a role, when given). */
const classesOf = (userParam: string, role?: string) => (p: P) => [
  sql`exists (select 1 from enrollments e where e.class_sourced_id = t.sourced_id and e.user_sourced_id = ${p[userParam]}
      and e.status <> 'tobedeleted' ${role ? sql`and e.role = ${role}` : sql``})`,
];
/** Users holding a role at an org. */
const roleAt = (orgParam: string, role: string) => (p: P) => [
  sql`exists (select 1 from user_roles r where r.user_sourced_id = t.sourced_id and r.role = ${role} and r.org_sourced_id = ${p[orgParam]})`,
];

const parent = (param: string, resource: ResourceDef): ParentCheck => ({ param, resource });
/** The class in the path must belong to the school in the path. */
const classInSchool: ParentCheck[] = [
  parent('schoolSourcedId', schools),
  { param: 'classSourcedId', resource: classes, where: (p) => [sql`t.school_sourced_id = ${p.schoolSourcedId}`] },
];

export const rosteringService: ServiceModule = {
  info: {
    name: 'rostering',
    title: 'OneRoster 1.2 Rostering Service',
    version: '1.2',
    basePath: ROSTERING,
    description: 'OneRoster 1.2 rostering: read and write, with the query grammar (filter, sort, orderBy, fields, limit, offset, search).',
    scopes: rosterScopeDeclaration,
    discoveryFiles: ['onerosterv1p2rostersservice_openapi3_v1p0.json', 'imsorv1p2_rostering_openapi3_v1p0.json'],
  },
  register: registerRostering,
};

function registerRostering(service: Service): void {
  const { read } = rosterScopes;

  service.crud('/orgs', orgs, {
    operationIds: { list: 'getAllOrgs', get: 'getOrg', create: 'createOrg', put: 'updateOrg', delete: 'deleteOrg' },
    scopes: rosterCrud,
  });
  service.crud('/schools', schools, {
    operationIds: { list: 'getAllSchools', get: 'getSchool', create: 'createSchool', put: 'updateSchool', delete: 'deleteSchool' },
    scopes: rosterCrud,
  });
  service.crud('/academicSessions', academicSessions, {
    operationIds: {
      list: 'getAllAcademicSessions',
      get: 'getAcademicSession',
      create: 'postAcademicSession',
      put: 'putAcademicSession',
      delete: 'deleteAcademicSession',
    },
    scopes: rosterCrud,
  });
  // Terms and grading periods: the binding's keys (academicSessions/academicSession) and the platform's.
  service.list('/terms', terms, { operationId: 'getAllTerms', summary: 'List terms', scopes: rosterScopes.core, keys: ['academicSessions', 'terms'] });
  service.get('/terms/:sourcedId', terms, { operationId: 'getTerm', summary: 'Get one term', scopes: rosterScopes.core, keys: ['academicSession', 'term'] });
  service.crud('/gradingPeriods', gradingPeriods, {
    operationIds: {
      list: 'getAllGradingPeriods',
      get: 'getGradingPeriod',
      create: 'createGradingPeriod',
      put: 'updateGradingPeriod',
      delete: 'deleteGradingPeriod',
    },
    scopes: rosterCrud,
    keys: ['academicSessions', 'gradingPeriods'],
    itemKeys: ['academicSession', 'gradingPeriod'],
    bodyKey: 'academicSession',
  });
  service.crud('/courses', courses, {
    operationIds: { list: 'getAllCourses', get: 'getCourse', create: 'createCourse', put: 'putCourse', delete: 'deleteCourse' },
    scopes: rosterCrud,
  });
  service.crud('/classes', classes, {
    operationIds: { list: 'getAllClasses', get: 'getClass', create: 'createClass', put: 'updateClass', delete: 'deleteClass' },
    scopes: rosterCrud,
  });
  service.crud('/users', users, {
    operationIds: { list: 'getAllUsers', get: 'getUser', create: 'createUser', put: 'updateUser', delete: 'deleteUser' },
    scopes: rosterCrud,
  });
  service.crud('/enrollments', enrollments, {
    operationIds: { list: 'getAllEnrollments', get: 'getEnrollment', create: 'createEnrollment', put: 'updateEnrollment', delete: 'deleteEnrollment' },
    scopes: rosterCrud,
  });
  service.update('PATCH', '/enrollments/:sourcedId', enrollments, {
    operationId: 'partiallyUpdateEnrollment',
    summary: 'Partially update an enrollment (metadata deep-merged)',
    scopes: rosterScopes.write,
  });
  service.crud('/demographics', demographics, {
    operationIds: { list: 'getAllDemographics', get: 'getDemographics', create: 'postDemographics', put: 'putDemographics', delete: 'deleteDemographics' },
    scopes: {
      read: rosterScopes.demographicsRead,
      create: rosterScopes.demographicsWrite,
      put: rosterScopes.demographicsWrite,
      delete: rosterScopes.demographicsDelete,
    },
  });
  service.list('/students', students, { operationId: 'getAllStudents', summary: 'List students', scopes: rosterScopes.core });
  service.get('/students/:sourcedId', students, { operationId: 'getStudent', summary: 'Get one student', scopes: rosterScopes.core });
  service.list('/teachers', teachers, { operationId: 'getAllTeachers', summary: 'List teachers', scopes: rosterScopes.core });
  service.get('/teachers/:sourcedId', teachers, { operationId: 'getTeacher', summary: 'Get one teacher', scopes: rosterScopes.core });

  // Nested collections.
  service.list('/courses/:courseSourcedId/classes', classes, {
    operationId: 'getClassesForCourse',
    summary: 'Classes of a course',
    scopes: read,
    parents: [parent('courseSourcedId', courses)],
    where: (p) => [sql`t.course_sourced_id = ${p.courseSourcedId}`],
  });
  service.list('/classes/:classSourcedId/students', users, {
    operationId: 'getStudentsForClass',
    summary: 'Students enrolled in a class',
    scopes: read,
    keys: ['users', 'students'],
    parents: [parent('classSourcedId', classes)],
    where: enrolledIn('classSourcedId', 'student'),
  });
  service.list('/classes/:classSourcedId/teachers', users, {
    operationId: 'getTeachersForClass',
    summary: 'Teachers of a class',
    scopes: read,
    keys: ['users', 'teachers'],
    parents: [parent('classSourcedId', classes)],
    where: enrolledIn('classSourcedId', 'teacher'),
  });
  service.list('/schools/:schoolSourcedId/courses', courses, {
    operationId: 'getCoursesForSchool',
    summary: 'Courses of a school',
    scopes: read,
    parents: [parent('schoolSourcedId', schools)],
    where: (p) => [sql`t.org_sourced_id = ${p.schoolSourcedId}`],
  });
  service.list('/schools/:schoolSourcedId/classes', classes, {
    operationId: 'getClassesForSchool',
    summary: 'Classes of a school',
    scopes: read,
    parents: [parent('schoolSourcedId', schools)],
    where: (p) => [sql`t.school_sourced_id = ${p.schoolSourcedId}`],
  });
  service.list('/schools/:schoolSourcedId/enrollments', enrollments, {
    operationId: 'getEnrollmentsForSchool',
    summary: 'Enrollments at a school',
    scopes: read,
    parents: [parent('schoolSourcedId', schools)],
    where: (p) => [sql`t.school_sourced_id = ${p.schoolSourcedId}`],
  });
  service.list('/schools/:schoolSourcedId/students', users, {
    operationId: 'getStudentsForSchool',
    summary: 'Students of a school',
    scopes: read,
    parents: [parent('schoolSourcedId', schools)],
    where: roleAt('schoolSourcedId', 'student'),
  });
  service.list('/schools/:schoolSourcedId/teachers', users, {
    operationId: 'getTeachersForSchool',
    summary: 'Teachers of a school',
    scopes: read,
    parents: [parent('schoolSourcedId', schools)],
    where: roleAt('schoolSourcedId', 'teacher'),
  });
  service.list('/schools/:schoolSourcedId/terms', terms, {
    operationId: 'getTermsForSchool',
    summary: 'Terms of a school',
    scopes: read,
    keys: ['academicSessions', 'terms'],
    parents: [parent('schoolSourcedId', schools)],
    where: (p) => [
      sql`(t.org_sourced_id = ${p.schoolSourcedId} or exists (select 1 from classes c where c.school_sourced_id = ${p.schoolSourcedId}
          and c.status <> 'tobedeleted' and t.sourced_id = any(c.term_sourced_ids)))`,
    ],
  });
  service.list('/schools/:schoolSourcedId/classes/:classSourcedId/enrollments', enrollments, {
    operationId: 'getEnrollmentsForClassInSchool',
    summary: 'Enrollments of a class in a school',
    scopes: read,
    parents: classInSchool,
    where: (p) => [sql`t.class_sourced_id = ${p.classSourcedId}`],
  });
  service.list('/schools/:schoolSourcedId/classes/:classSourcedId/students', users, {
    operationId: 'getStudentsForClassInSchool',
    summary: 'Students of a class in a school',
    scopes: read,
    parents: classInSchool,
    where: enrolledIn('classSourcedId', 'student'),
  });
  service.list('/schools/:schoolSourcedId/classes/:classSourcedId/teachers', users, {
    operationId: 'getTeachersForClassInSchool',
    summary: 'Teachers of a class in a school',
    scopes: read,
    parents: classInSchool,
    where: enrolledIn('classSourcedId', 'teacher'),
  });
  service.list('/terms/:termSourcedId/classes', classes, {
    operationId: 'getClassesForTerm',
    summary: 'Classes running in a term',
    scopes: read,
    parents: [parent('termSourcedId', terms)],
    where: (p) => [sql`${p.termSourcedId} = any(t.term_sourced_ids)`],
  });
  service.list('/terms/:termSourcedId/gradingPeriods', gradingPeriods, {
    operationId: 'getGradingPeriodsForTerm',
    summary: 'Grading periods of a term',
    scopes: read,
    keys: ['academicSessions', 'gradingPeriods'],
    parents: [parent('termSourcedId', terms)],
    where: (p) => [sql`t.parent_sourced_id = ${p.termSourcedId}`],
  });
  service.create('/terms/:termSourcedId/gradingPeriods', gradingPeriods, {
    operationId: 'createGradingPeriodForTerm',
    summary: 'Create a grading period in a term',
    scopes: rosterScopes.write,
    bodyKey: 'academicSession',
    fromPath: (p, input) => ({ ...input, parent: { sourcedId: p.termSourcedId } }),
    parents: [parent('termSourcedId', terms)],
  });
  service.list('/students/:studentSourcedId/classes', classes, {
    operationId: 'getClassesForStudent',
    summary: 'Classes of a student',
    scopes: read,
    parents: [parent('studentSourcedId', students)],
    where: classesOf('studentSourcedId', 'student'),
  });
  service.list('/teachers/:teacherSourcedId/classes', classes, {
    operationId: 'getClassesForTeacher',
    summary: 'Classes of a teacher',
    scopes: read,
    parents: [parent('teacherSourcedId', teachers)],
    where: classesOf('teacherSourcedId', 'teacher'),
  });
  service.list('/users/:userSourcedId/classes', classes, {
    operationId: 'getClassesForUser',
    summary: 'Classes of a user',
    scopes: read,
    parents: [parent('userSourcedId', users)],
    where: classesOf('userSourcedId'),
  });

  // Enrolling through the class: the body's enrollment gets the class and the role from the path.
  for (const role of ['student', 'teacher'] as const) {
    service.create(`/classes/:classSourcedId/${role}s`, enrollments, {
      operationId: role === 'student' ? 'addStudentToClass' : 'addTeacherToClass',
      summary: `Enroll a ${role} in a class`,
      scopes: rosterScopes.write,
      fromPath: (p, input) => ({ ...input, class: { sourcedId: p.classSourcedId }, role }),
      pathFields: ['class', 'role'],
      parents: [parent('classSourcedId', classes)],
    });
  }

  registerUserExtensions(service);
}
