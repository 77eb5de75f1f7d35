/**
 * A deterministic, realistic district: the same tier and seed always give the same rows. Rows are the
 * table rows the write path would store (users + user_roles, enrollments with their school, classes
 * with their terms), streamed school by school so even tier L never sits in memory at once.
 */
import { Faker, en } from '@faker-js/faker';
import type { PgTable } from 'drizzle-orm/pg-core';
import { orgsTable } from '../oneroster/rostering/orgs.resource.js';
import { academicSessionsTable } from '../oneroster/rostering/academic-sessions.resource.js';
import { usersTable, userRolesTable } from '../oneroster/rostering/users.resource.js';
import { coursesTable } from '../oneroster/rostering/courses.resource.js';
import { classesTable } from '../oneroster/rostering/classes.resource.js';
import { enrollmentsTable } from '../oneroster/rostering/enrollments.resource.js';
import { demographicsTable } from '../oneroster/rostering/demographics.resource.js';
import { categoriesTable } from '../oneroster/gradebook/categories.resource.js';
import { lineItemsTable } from '../oneroster/gradebook/line-items.resource.js';
import { resultsTable } from '../oneroster/gradebook/results.resource.js';

const schema = {
  orgs: orgsTable,
  academicSessions: academicSessionsTable,
  users: usersTable,
  userRoles: userRolesTable,
  courses: coursesTable,
  classes: classesTable,
  enrollments: enrollmentsTable,
  demographics: demographicsTable,
};
const gradebook = { categories: categoriesTable, lineItems: lineItemsTable, results: resultsTable };
import { Random } from './random.js';
import { TIERS, type TierName } from './tiers.js';

export interface SeedRow {
  table: PgTable;
  row: Record<string, unknown>;
}

/** One row, type-checked against the table it goes to. */
const row = <T extends PgTable>(table: T, values: T['$inferInsert']): SeedRow => ({ table, row: values as Record<string, unknown> });

type SchoolKind = 'elementary' | 'middle' | 'high';

const GRADES: Record<SchoolKind, string[]> = {
  elementary: ['KG', '01', '02', '03', '04', '05'],
  middle: ['06', '07', '08'],
  high: ['09', '10', '11', '12'],
};
/** Relative enrolment: secondary schools are larger. */
const SIZE: Record<SchoolKind, number> = { elementary: 1, middle: 1.6, high: 2.6 };
// The district's school mix repeats this pattern (about half elementary).
const KIND_CYCLE: SchoolKind[] = ['high', 'elementary', 'middle', 'elementary'];

const CORE = ['English Language Arts', 'Mathematics', 'Science', 'Social Studies'];
const ELECTIVES = ['Art', 'Music', 'Physical Education', 'Spanish', 'Computer Science'];
const SUBJECT_CODE: Record<string, string> = {
  'English Language Arts': 'ELA',
  Mathematics: 'MATH',
  Science: 'SCI',
  'Social Studies': 'SOC',
  Art: 'ART',
  Music: 'MUS',
  'Physical Education': 'PE',
  Spanish: 'SPAN',
  'Computer Science': 'CS',
};

/** Class size bounds: sections are split so most land inside them. */
const TARGET_CLASS_SIZE = 25;
const MAX_CLASS_SIZE = 30;
/** Secondary teachers take this many sections of one subject (never more than 8). */
const SECTIONS_PER_TEACHER = 6;
/** Gradebook: line items per class per graded grading period. */
export const LINE_ITEMS_PER_CLASS = 6;

const SCHOOL_YEAR = '2027';
const CALENDAR = {
  year: { title: '2026-2027', start: '2026-08-17', end: '2027-05-28' },
  terms: [
    { title: 'Fall 2026', start: '2026-08-17', end: '2026-12-18' },
    { title: 'Spring 2027', start: '2027-01-05', end: '2027-05-28' },
  ],
  gradingPeriods: [
    { title: 'Q1', term: 0, start: '2026-08-17', end: '2026-10-16' },
    { title: 'Q2', term: 0, start: '2026-10-19', end: '2026-12-18' },
    { title: 'Q3', term: 1, start: '2027-01-05', end: '2027-03-12' },
    { title: 'Q4', term: 1, start: '2027-03-15', end: '2027-05-28' },
  ],
};

/** dateLastModified values fall in this window, so a delta-sync filter selects a realistic slice. */
export const MODIFIED_FROM = Date.UTC(2026, 6, 1);
export const MODIFIED_DAYS = 60;

export interface GeneratorOptions {
  tier: TierName;
  seed: number;
}

interface Section {
  id: string;
  courseId: string;
  subject: string;
  grade: string;
  students: string[];
  terms: string[];
}

export function* generateDistrict(options: GeneratorOptions): Generator<SeedRow> {
  const tier = TIERS[options.tier];
  const random = new Random(options.seed);
  const faker = new Faker({ locale: [en] });
  faker.seed(options.seed);
  const stamp = () => new Date(MODIFIED_FROM + random.int(0, MODIFIED_DAYS * 86_400_000));

  const city = faker.location.city();
  const domain = `${city.toLowerCase().replace(/[^a-z]/g, '')}schools.org`;
  const districtId = random.uuid();
  yield row(schema.orgs, {
    sourcedId: districtId,
    status: 'active',
    dateLastModified: stamp(),
    name: `${city} Unified School District`,
    type: 'district',
    identifier: 'D001',
  });

  const yearId = random.uuid();
  yield row(schema.academicSessions, {
    sourcedId: yearId,
    status: 'active',
    dateLastModified: stamp(),
    title: CALENDAR.year.title,
    type: 'schoolYear',
    startDate: CALENDAR.year.start,
    endDate: CALENDAR.year.end,
    schoolYear: SCHOOL_YEAR,
    orgSourcedId: districtId,
  });
  const termIds = CALENDAR.terms.map(() => random.uuid());
  for (const [i, term] of CALENDAR.terms.entries())
    yield row(schema.academicSessions, {
      sourcedId: termIds[i],
      status: 'active',
      dateLastModified: stamp(),
      title: term.title,
      type: 'term',
      startDate: term.start,
      endDate: term.end,
      schoolYear: SCHOOL_YEAR,
      parentSourcedId: yearId,
      orgSourcedId: districtId,
    });
  const gradingPeriods = CALENDAR.gradingPeriods.map((gp) => ({ sourcedId: random.uuid(), ...gp }));
  for (const gp of gradingPeriods)
    yield row(schema.academicSessions, {
      sourcedId: gp.sourcedId,
      status: 'active',
      dateLastModified: stamp(),
      title: gp.title,
      type: 'gradingPeriod',
      startDate: gp.start,
      endDate: gp.end,
      schoolYear: SCHOOL_YEAR,
      parentSourcedId: termIds[gp.term],
      orgSourcedId: districtId,
    });
  // The benchmark's snapshot is taken after the first quarter: only Q1 has grades.
  const graded = gradingPeriods[0];
  const categories = CATEGORIES.map((c) => ({ sourcedId: random.uuid(), ...c }));
  for (const c of categories)
    yield row(gradebook.categories, { sourcedId: c.sourcedId, status: 'active', dateLastModified: stamp(), title: c.title, weight: c.weight });

  const kinds = Array.from({ length: tier.schools }, (_, i) => KIND_CYCLE[i % KIND_CYCLE.length]);
  const weight = kinds.reduce((sum, k) => sum + SIZE[k], 0);
  let assigned = 0;
  let userNumber = 0;

  for (const [schoolIndex, kind] of kinds.entries()) {
    const last = schoolIndex === kinds.length - 1;
    const enrolment = last ? tier.students - assigned : Math.round((tier.students * SIZE[kind]) / weight);
    assigned += enrolment;
    const schoolId = random.uuid();
    const schoolName = `${faker.location.city()} ${kind === 'high' ? 'High' : kind === 'middle' ? 'Middle' : 'Elementary'} School`;
    yield row(schema.orgs, {
      sourcedId: schoolId,
      status: 'active',
      dateLastModified: stamp(),
      name: schoolName,
      type: 'school',
      identifier: `S${String(schoolIndex + 1).padStart(3, '0')}`,
      parentSourcedId: districtId,
    });

    const person = (role: 'student' | 'teacher' | 'administrator', grade?: string) => {
      const sex = random.chance(0.5) ? 'female' : 'male';
      const givenName = faker.person.firstName(sex);
      const familyName = faker.person.lastName();
      userNumber += 1;
      const id = random.uuid();
      const identifier = `${role === 'student' ? 'S' : 'E'}${String(userNumber).padStart(7, '0')}`;
      const local = `${givenName}.${familyName}${userNumber}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
      return { id, sex, givenName, familyName, identifier, email: `${local}@${role === 'student' ? 'students.' : ''}${domain}`, grade };
    };
    function* user(p: ReturnType<typeof person>, role: 'student' | 'teacher' | 'administrator'): Generator<SeedRow> {
      const modified = stamp();
      yield row(schema.users, {
        sourcedId: p.id,
        status: 'active',
        dateLastModified: modified,
        enabledUser: true,
        givenName: p.givenName,
        familyName: p.familyName,
        middleName: random.chance(0.4) ? faker.person.middleName(p.sex as 'female' | 'male') : null,
        username: p.email.split('@')[0],
        identifier: p.identifier,
        userMasterIdentifier: p.identifier,
        email: p.email,
        userIds: [{ type: 'SIS', identifier: p.identifier }],
        primaryOrgSourcedId: schoolId,
        grades: p.grade ? [p.grade] : [],
        resourceSourcedIds: [],
      });
      yield row(schema.userRoles, { userSourcedId: p.id, position: 0, roleType: 'primary', role, orgSourcedId: schoolId, beginDate: CALENDAR.year.start });
    }

    const principal = person('administrator');
    yield* user(principal, 'administrator');

    const sections: Section[] = [];
    const gradeCount = GRADES[kind].length;
    for (const [gi, grade] of GRADES[kind].entries()) {
      const n = Math.floor(enrolment / gradeCount) + (gi < enrolment % gradeCount ? 1 : 0);
      const students: string[] = [];
      for (let i = 0; i < n; i++) {
        const p = person('student', grade);
        students.push(p.id);
        yield* user(p, 'student');
        yield* demographics(p.id, p.sex, grade);
      }
      const courses = new Map<string, string>();
      for (const subject of kind === 'elementary' ? CORE : [...CORE, ...ELECTIVES]) {
        const id = random.uuid();
        courses.set(subject, id);
        yield row(schema.courses, {
          sourcedId: id,
          status: 'active',
          dateLastModified: stamp(),
          title: `${subject} ${grade === 'KG' ? 'K' : Number(grade)}`,
          courseCode: `${SUBJECT_CODE[subject]}-${grade}`,
          grades: [grade],
          subjects: [subject],
          subjectCodes: [],
          orgSourcedId: schoolId,
          schoolYearSourcedId: yearId,
          resourceSourcedIds: [],
        });
      }
      if (kind === 'elementary') {
        // A homeroom takes every core subject together.
        for (const group of split(random.shuffled(students)))
          for (const subject of CORE) sections.push({ id: random.uuid(), courseId: courses.get(subject)!, subject, grade, students: group, terms: termIds });
      } else {
        for (const subject of CORE)
          for (const group of split(random.shuffled(students)))
            sections.push({ id: random.uuid(), courseId: courses.get(subject)!, subject, grade, students: group, terms: termIds });
        // One elective each, for the fall term.
        const byElective = new Map<string, string[]>(ELECTIVES.map((e) => [e, []]));
        for (const s of students) byElective.get(random.pick(ELECTIVES))!.push(s);
        for (const [subject, group] of byElective)
          for (const part of split(group))
            sections.push({ id: random.uuid(), courseId: courses.get(subject)!, subject, grade, students: part, terms: [termIds[0]] });
      }
    }

    // Teachers: an elementary teacher has one homeroom's classes; a secondary teacher up to six sections of a subject.
    const teacherOf = new Map<string, string>();
    const bySubject = new Map<string, Section[]>();
    if (kind === 'elementary') {
      for (let i = 0; i < sections.length; i += CORE.length) {
        const teacher = person('teacher');
        yield* user(teacher, 'teacher');
        for (const s of sections.slice(i, i + CORE.length)) teacherOf.set(s.id, teacher.id);
      }
    } else {
      for (const s of sections) bySubject.set(s.subject, [...(bySubject.get(s.subject) ?? []), s]);
      for (const list of bySubject.values())
        for (let i = 0; i < list.length; i += SECTIONS_PER_TEACHER) {
          const teacher = person('teacher');
          yield* user(teacher, 'teacher');
          for (const s of list.slice(i, i + SECTIONS_PER_TEACHER)) teacherOf.set(s.id, teacher.id);
        }
    }

    for (const [si, s] of sections.entries()) {
      yield row(schema.classes, {
        sourcedId: s.id,
        status: 'active',
        dateLastModified: stamp(),
        title: `${s.subject} ${s.grade} - ${si + 1}`,
        classCode: `${SUBJECT_CODE[s.subject]}-${s.grade}-${si + 1}`,
        classType: 'scheduled',
        location: `Room ${100 + (si % 60)}`,
        grades: [s.grade],
        subjects: [s.subject],
        courseSourcedId: s.courseId,
        schoolSourcedId: schoolId,
        termSourcedIds: s.terms,
        subjectCodes: [],
        periods: [String((si % 7) + 1)],
        resourceSourcedIds: [],
      });
      // Full-year classes run all year; electives only in the fall term.
      const begin = CALENDAR.terms[0].start;
      const end = s.terms.length === 1 ? CALENDAR.terms[0].end : CALENDAR.year.end;
      const enrol = (userId: string, role: 'student' | 'teacher') =>
        row(schema.enrollments, {
          sourcedId: random.uuid(),
          status: 'active',
          dateLastModified: stamp(),
          role,
          primary: role === 'teacher',
          beginDate: begin,
          endDate: end,
          userSourcedId: userId,
          classSourcedId: s.id,
          schoolSourcedId: schoolId,
        });
      yield enrol(teacherOf.get(s.id)!, 'teacher');
      for (const student of s.students) yield enrol(student, 'student');
      yield* gradebookOf(s, schoolId);
    }
  }

  /** Q1's line items of a class (a homework/quiz/test rhythm) and one result per student for each. */
  function* gradebookOf(s: Section, schoolId: string): Generator<SeedRow> {
    for (let n = 0; n < LINE_ITEMS_PER_CLASS; n++) {
      const category = categories[LINE_ITEM_RHYTHM[n % LINE_ITEM_RHYTHM.length]];
      const lineItemId = random.uuid();
      const assign = addDays(graded.start, 7 * n + 3);
      const due = addDays(assign, 7);
      yield row(gradebook.lineItems, {
        sourcedId: lineItemId,
        status: 'active',
        dateLastModified: stamp(),
        title: `Week ${n + 1} ${category.title}`,
        // Date-times, as the API stores them.
        assignDate: `${assign}T00:00:00.000Z`,
        dueDate: `${due}T00:00:00.000Z`,
        classSourcedId: s.id,
        schoolSourcedId: schoolId,
        categorySourcedId: category.sourcedId,
        gradingPeriodSourcedId: graded.sourcedId,
        academicSessionSourcedId: graded.sourcedId,
        resultValueMin: 0,
        resultValueMax: 100,
      });
      for (const student of s.students) {
        const missing = random.chance(0.03);
        yield row(gradebook.results, {
          sourcedId: random.uuid(),
          status: 'active',
          dateLastModified: stamp(),
          studentSourcedId: student,
          lineItemSourcedId: lineItemId,
          classSourcedId: s.id,
          scoreStatus: missing ? 'not submitted' : 'fully graded',
          score: missing ? null : score(random),
          scoreDate: due,
          late: !missing && random.chance(0.05),
          missing,
        });
      }
    }
  }

  function* demographics(id: string, sex: string, grade: string): Generator<SeedRow> {
    const age = grade === 'KG' ? 5 : Number(grade) + 5;
    const race = random.float();
    const two = race > 0.95;
    yield row(schema.demographics, {
      sourcedId: id,
      status: 'active',
      dateLastModified: stamp(),
      birthDate: `${2026 - age - (random.chance(0.7) ? 0 : 1)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
      sex,
      white: two || race < 0.5,
      blackOrAfricanAmerican: two || (race >= 0.5 && race < 0.65),
      asian: race >= 0.65 && race < 0.71,
      americanIndianOrAlaskaNative: race >= 0.71 && race < 0.72,
      nativeHawaiianOrOtherPacificIslander: race >= 0.72 && race < 0.725,
      demographicRaceTwoOrMoreRaces: two,
      hispanicOrLatinoEthnicity: random.chance(0.27),
      countryOfBirthCode: random.chance(0.9) ? 'US' : random.pick(['MX', 'IN', 'CN', 'PH', 'VN', 'SV']),
      stateOfBirthAbbreviation: faker.location.state({ abbreviated: true }),
      cityOfBirth: faker.location.city(),
    });
  }
}

const CATEGORIES = [
  { title: 'Homework', weight: 0.2 },
  { title: 'Quiz', weight: 0.2 },
  { title: 'Test', weight: 0.4 },
  { title: 'Project', weight: 0.2 },
];
/** Category (index into CATEGORIES) of the n-th line item of a grading period. */
const LINE_ITEM_RHYTHM = [0, 1, 0, 2, 3, 2];

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A score out of 100, roughly normal around 82 (sum of uniforms), one decimal. */
function score(random: Random): number {
  const spread = (random.float() + random.float() + random.float() - 1.5) * 24;
  return Math.round(Math.min(100, Math.max(0, 82 + spread)) * 10) / 10;
}

/** Splits a grade's students into sections of about TARGET_CLASS_SIZE (at most MAX_CLASS_SIZE). */
function split(students: string[]): string[][] {
  if (students.length === 0) return [];
  let count = Math.max(1, Math.round(students.length / TARGET_CLASS_SIZE));
  if (Math.ceil(students.length / count) > MAX_CLASS_SIZE) count += 1;
  const groups: string[][] = Array.from({ length: count }, () => []);
  students.forEach((s, i) => groups[i % count].push(s));
  return groups;
}
