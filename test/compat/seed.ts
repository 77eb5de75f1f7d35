/**
 * A small but complete data set, written through HTTP the way clients write it, with the optional
 * fields of every resource filled: a district with two schools; a school year, a term and a grading
 * period; a course and a class; a teacher, a student and the student's parent (as agent) with
 * userIds, userProfiles and metadata; enrollments with goals and metrics; demographics; a category,
 * a score scale, a line item and a result with learning objectives; resources; a course structure
 * (units with prerequisites, lessons with a lessonType); assessment line items pointing at it, and an
 * assessment result.
 *
 * Values are chosen inside both documents' vocabularies where one of them is narrower (grades
 * "9"/"10" and subject "Math" are in the platform's enums and free strings in the binding).
 */
import { GRADEBOOK, RESOURCES, ROSTER, type TestContext } from '../helpers.js';

export const P = 'dual';
export const id = (key: string) => `${P}-${key}`;
const ref = (key: string) => ({ sourcedId: id(key) });

export async function seedDualSchema(ctx: TestContext): Promise<void> {
  const send = async (method: string, url: string, body: unknown) => ctx.request(method, url, { body });
  const ok = async (method: string, url: string, body: unknown) => {
    const res = await send(method, url, body);
    if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
    return res;
  };

  // Organisations.
  await ok('POST', `${ROSTER}/orgs`, {
    org: { sourcedId: id('district'), name: 'Springfield Unified', type: 'district', identifier: 'NCES-0600001', metadata: { state: 'OR' } },
  });
  for (const [key, name, nces] of [
    ['school', 'Springfield High', 'NCES-0600002'],
    ['school2', 'Shelbyville Middle', 'NCES-0600003'],
  ])
    await ok('POST', `${ROSTER}/schools`, {
      org: { sourcedId: id(key), name, type: 'school', identifier: nces, parent: ref('district'), metadata: { principal: `${name} principal` } },
    });

  // Academic sessions: school year (district) → term (school) → grading period (school).
  await ok('POST', `${ROSTER}/academicSessions`, {
    academicSession: {
      sourcedId: id('year'),
      title: '2026-2027',
      type: 'schoolYear',
      startDate: '2026-08-01',
      endDate: '2027-06-30',
      schoolYear: '2027',
      org: ref('district'),
      metadata: { calendar: 'traditional' },
    },
  });
  await ok('POST', `${ROSTER}/academicSessions`, {
    academicSession: {
      sourcedId: id('term'),
      title: 'Fall 2026',
      type: 'term',
      startDate: '2026-08-01',
      endDate: '2026-12-20',
      schoolYear: '2027',
      parent: ref('year'),
      org: ref('school'),
      metadata: { weeks: 18 },
    },
  });
  await ok('POST', `${ROSTER}/gradingPeriods`, {
    academicSession: {
      sourcedId: id('gp1'),
      title: 'Q1',
      type: 'gradingPeriod',
      startDate: '2026-08-01',
      endDate: '2026-10-15',
      schoolYear: '2027',
      parent: ref('term'),
      org: ref('school'),
      metadata: { reportCard: true },
    },
  });

  // Resources first: courses, classes and users point at them.
  const resource = (key: string, title: string, extra: Record<string, unknown>) =>
    ok('POST', `${RESOURCES}/resources`, {
      resource: {
        sourcedId: id(key),
        title,
        roles: ['student', 'teacher'],
        importance: 'primary',
        vendorResourceId: `vr-${key}`,
        vendorId: 'vendor-1',
        applicationId: 'app-1',
        ...extra,
      },
    });
  await resource('res-course', 'Algebra I textbook', { metadata: { type: 'text', url: 'https://books.example/alg1' } });
  await resource('res-class', 'Period 1 worksheet pack', { metadata: { type: 'text', url: 'https://books.example/alg1-p1' } });
  await resource('res-user', 'Reading list', { metadata: { type: 'text' } });
  await resource('res-video', 'Linear equations video', { roles: ['student'], importance: 'secondary', metadata: { type: 'video', xp: 10 } });
  await resource('res-quiz', 'Linear equations quiz', { metadata: { type: 'qti', subType: 'qti-test', xp: 40 } });

  await ok('POST', `${ROSTER}/courses`, {
    course: {
      sourcedId: id('course'),
      title: 'Algebra I',
      schoolYear: ref('year'),
      academicSession: ref('term'),
      courseCode: 'ALG1',
      grades: ['9', '10'],
      subjects: ['Math'],
      subjectCodes: ['02052'],
      org: ref('school'),
      level: 'Honors',
      gradingScheme: 'A-F',
      resources: [ref('res-course')],
      metadata: { credits: 1 },
    },
  });
  await ok('POST', `${ROSTER}/classes`, {
    class: {
      sourcedId: id('class'),
      title: 'Algebra I - P1',
      classCode: 'ALG1-1',
      classType: 'scheduled',
      location: 'Room 101',
      grades: ['9'],
      subjects: ['Math'],
      subjectCodes: ['02052'],
      course: ref('course'),
      school: ref('school'),
      terms: [ref('term')],
      periods: ['1', '2'],
      resources: [ref('res-class')],
      metadata: { capacity: 30 },
    },
  });

  // Users: the parent first (the student names them as agent).
  const user = (key: string, givenName: string, familyName: string, role: string, extra: Record<string, unknown> = {}) =>
    ok('POST', `${ROSTER}/users`, {
      user: {
        sourcedId: id(key),
        userMasterIdentifier: `master-${key}`,
        username: `${givenName}.${familyName}`.toLowerCase(),
        userIds: [{ type: 'LDAP', identifier: `ldap-${key}` }],
        enabledUser: true,
        givenName,
        familyName,
        middleName: 'J',
        preferredFirstName: givenName,
        preferredMiddleName: 'J',
        preferredLastName: familyName,
        pronouns: 'they/them',
        roles: [
          {
            roleType: 'primary',
            role,
            org: ref('school'),
            userProfile: `profile-${key}`,
            beginDate: '2026-08-01',
            endDate: '2027-06-30',
            metadata: { source: 'sis' },
          },
        ],
        primaryOrg: ref('school'),
        userProfiles: [
          {
            profileId: `profile-${key}`,
            profileType: 'lms',
            vendorId: 'vendor-1',
            applicationId: 'app-1',
            description: 'LMS account',
            credentials: [{ id: `cred-${key}`, type: 'username', username: `${key}@lms.example` }],
          },
        ],
        identifier: `ID-${key}`,
        email: `${givenName}.${familyName}@example.edu`.toLowerCase(),
        sms: '+15035550100',
        phone: '+15035550101',
        password: 'not-returned',
        metadata: { house: 'blue' },
        ...extra,
      },
    });
  await user('parent', 'Marge', 'Simpson', 'parent');
  await user('teacher', 'Edna', 'Krabappel', 'teacher', { grades: ['9', '10'] });
  await user('student', 'Lisa', 'Simpson', 'student', { grades: ['9'], agents: [ref('parent')], resources: [ref('res-user')] });

  // A third-party login stored through the platform's credentials endpoint (listed in the student's userProfiles).
  await ok('POST', `${ROSTER}/users/${id('student')}/credentials`, { applicationName: 'reading-app', credentials: { username: 'lisa.s', password: 'secret' } });

  const goals = { dailyXp: 50, dailyLessons: 2, dailyActiveMinutes: 30, dailyAccuracy: 0.8, dailyMasteredUnits: 1 };
  const metrics = { totalXp: 1200, totalLessons: 40, totalGrades: 12, courseType: 'core', isSupplemental: false };
  for (const [key, role, primary] of [
    ['teacher', 'teacher', true],
    ['student', 'student', false],
  ] as const)
    await ok('POST', `${ROSTER}/enrollments`, {
      enrollment: {
        sourcedId: id(`e-${key}`),
        role,
        primary,
        beginDate: '2026-08-01',
        endDate: '2026-12-20',
        user: ref(key),
        class: ref('class'),
        school: ref('school'),
        metadata: { goals, metrics, section: 'A' },
      },
    });
  await ok('POST', `${ROSTER}/demographics`, {
    demographics: {
      sourcedId: id('student'),
      birthDate: '2012-05-09',
      sex: 'female',
      americanIndianOrAlaskaNative: false,
      asian: false,
      blackOrAfricanAmerican: false,
      nativeHawaiianOrOtherPacificIslander: false,
      white: true,
      demographicRaceTwoOrMoreRaces: false,
      hispanicOrLatinoEthnicity: false,
      countryOfBirthCode: 'US',
      stateOfBirthAbbreviation: 'OR',
      cityOfBirth: 'Springfield',
      publicSchoolResidenceStatus: '01652',
      metadata: { verified: true },
    },
  });

  // Gradebook.
  await ok('POST', `${GRADEBOOK}/categories`, { category: { sourcedId: id('cat'), title: 'Homework', weight: 0.4, metadata: { color: 'green' } } });
  await ok('POST', `${GRADEBOOK}/scoreScales`, {
    scoreScale: {
      sourcedId: id('scale'),
      title: 'Letter grades',
      type: 'letter',
      class: ref('class'),
      course: ref('course'),
      scoreScaleValue: [
        { itemValueLHS: '90', itemValueRHS: 'A', value: '4', description: 'Excellent' },
        { itemValueLHS: '80', itemValueRHS: 'B', value: '3', description: 'Good' },
      ],
      metadata: { locale: 'en-US' },
    },
  });
  const learningObjectiveSet = [{ source: 'case', learningObjectiveIds: ['lo-linear-1', 'lo-linear-2'] }];
  await ok('POST', `${GRADEBOOK}/lineItems`, {
    lineItem: {
      sourcedId: id('li'),
      title: 'Homework 1',
      description: 'Linear equations',
      assignDate: '2026-09-01T08:00:00.000Z',
      dueDate: '2026-09-08T23:59:59.000Z',
      class: ref('class'),
      school: ref('school'),
      category: ref('cat'),
      gradingPeriod: ref('gp1'),
      academicSession: ref('term'),
      scoreScale: ref('scale'),
      resultValueMin: 0,
      resultValueMax: 100,
      learningObjectiveSet,
      metadata: { weight: 2 },
    },
  });
  // Many SIS send line item dates without a time; the binding and the platform both answer date-times.
  await ok('POST', `${GRADEBOOK}/lineItems`, {
    lineItem: {
      sourcedId: id('li-dates'),
      title: 'Project',
      description: 'Dates sent without a time',
      assignDate: '2026-09-15',
      dueDate: '2026-09-22',
      class: ref('class'),
      school: ref('school'),
      category: ref('cat'),
      gradingPeriod: ref('gp1'),
      academicSession: ref('term'),
      scoreScale: ref('scale'),
      resultValueMin: 0,
      resultValueMax: 10,
      learningObjectiveSet,
      metadata: { weight: 1 },
    },
  });
  const scoreSet = [
    {
      source: 'case',
      learningObjectiveResults: [
        { learningObjectiveId: 'lo-linear-1', score: 9, textScore: 'A' },
        { learningObjectiveId: 'lo-linear-2', score: 8, textScore: 'B' },
      ],
    },
  ];
  const flags = { inProgress: 'false', incomplete: 'false', late: 'true', missing: 'false' };
  await ok('POST', `${GRADEBOOK}/results`, {
    result: {
      sourcedId: id('result'),
      lineItem: ref('li'),
      student: ref('student'),
      class: ref('class'),
      scoreScale: ref('scale'),
      scoreStatus: 'fully graded',
      score: 91,
      textScore: 'A',
      scoreDate: '2026-09-09T10:15:00.000Z',
      comment: 'Well done',
      learningObjectiveSet: scoreSet,
      ...flags,
      metadata: { attempt: 1 },
    },
  });

  // Course structure: unit 1 → sub-unit; unit 2 requires unit 1; lessons place resources in units.
  const COMPONENTS = `${ROSTER}/courses/components`;
  const LESSONS = `${ROSTER}/courses/component-resources`;
  await ok('POST', COMPONENTS, {
    courseComponent: {
      sourcedId: id('unit1'),
      course: ref('course'),
      title: 'Unit 1: Equations',
      sortOrder: 1,
      prerequisites: [],
      prerequisiteCriteria: 'ALL',
      unlockDate: '2026-08-15T00:00:00.000Z',
      metadata: { band: 'core' },
    },
  });
  await ok('POST', COMPONENTS, {
    courseComponent: {
      sourcedId: id('unit2'),
      course: ref('course'),
      title: 'Unit 2: Functions',
      sortOrder: 2,
      prerequisites: [id('unit1')],
      prerequisiteCriteria: 'ALL',
      unlockDate: '2026-10-01T00:00:00.000Z',
      metadata: { band: 'core' },
    },
  });
  // No unlockDate: the platform's GET requires one (it defaults to the creation time there).
  await ok('POST', COMPONENTS, {
    courseComponent: { sourcedId: id('sub1'), course: ref('course'), parent: ref('unit1'), title: 'Unit 1.1: One-step equations', sortOrder: 1 },
  });
  await ok('POST', LESSONS, {
    componentResource: {
      sourcedId: id('lesson1'),
      courseComponent: ref('sub1'),
      resource: ref('res-video'),
      title: 'Watch: linear equations',
      sortOrder: 1,
      lessonType: 'powerpath-100',
      metadata: { xp: 10 },
    },
  });
  await ok('POST', LESSONS, {
    componentResource: {
      sourcedId: id('lesson2'),
      courseComponent: ref('sub1'),
      resource: ref('res-quiz'),
      title: 'Quiz: linear equations',
      sortOrder: 2,
      lessonType: 'quiz',
      metadata: { xp: 40 },
    },
  });
  // The platform's writers send lessonType "None" for a lesson without a type.
  const none = {
    componentResource: {
      sourcedId: id('lesson3'),
      courseComponent: ref('unit2'),
      resource: ref('res-video'),
      title: 'Review video',
      sortOrder: 1,
      lessonType: 'None',
    },
  };
  await ok('POST', LESSONS, none);

  // Assessment line items: a unit test and a lesson quiz under it, tied to the course structure.
  await ok('POST', `${GRADEBOOK}/assessmentLineItems`, {
    assessmentLineItem: {
      sourcedId: id('ali-unit'),
      title: 'Unit 1 test',
      description: 'End of unit 1',
      class: ref('class'),
      scoreScale: ref('scale'),
      resultValueMin: 0,
      resultValueMax: 100,
      learningObjectiveSet,
      course: ref('course'),
      component: ref('unit1'),
      metadata: { isAssessmentBank: false },
    },
  });
  await ok('POST', `${GRADEBOOK}/assessmentLineItems`, {
    assessmentLineItem: {
      sourcedId: id('ali-quiz'),
      title: 'Lesson quiz',
      description: 'Five questions',
      class: ref('class'),
      parentAssessmentLineItem: ref('ali-unit'),
      scoreScale: ref('scale'),
      resultValueMin: 0,
      resultValueMax: 5,
      learningObjectiveSet,
      course: ref('course'),
      component: ref('sub1'),
      componentResource: ref('lesson2'),
      metadata: { lessonType: 'quiz' },
    },
  });
  await ok('POST', `${GRADEBOOK}/assessmentResults`, {
    assessmentResult: {
      sourcedId: id('ar'),
      assessmentLineItem: ref('ali-quiz'),
      student: ref('student'),
      score: 4,
      textScore: '4/5',
      scoreDate: '2026-10-01T12:00:00.000Z',
      scoreScale: ref('scale'),
      scorePercentile: 88.5,
      scoreStatus: 'fully graded',
      comment: 'One mistake',
      learningObjectiveSet: scoreSet,
      ...flags,
      metadata: { xp: 32, accuracy: 0.8 },
    },
  });
}
