/**
 * Field shapes the gradebook resources share: learning objective sets, the result flags and scores
 * of results and assessment results, and the check that a result's student is a student.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { f, type Fields } from '../../platform/resource/fields.js';
import { firstRow, type Executor } from '../../platform/db/database.js';
import { invalidData } from '../../platform/errors.js';
import { refs } from '../refs.js';

const nullable = (schema: TSchema) => Type.Union([schema, Type.Null()]);

/** The binding's source vocabulary is `case`, `unknown` or `/name`; the platform accepts any string, and so do we. */
const source = Type.String({ minLength: 1, description: "'case', 'unknown' or a '/'-prefixed extension" });

/** The learning objectives an assessed activity is aligned to (line items). */
export const learningObjectiveSet = (column: string) =>
  f.json(
    column,
    nullable(Type.Array(Type.Object({ source, learningObjectiveIds: Type.Array(Type.String(), { minItems: 1 }) }, { additionalProperties: true }))),
  );

/** The learning objectives a result scores, each optionally with its own score (results). */
export const learningObjectiveScoreSet = (column: string) =>
  f.json(
    column,
    nullable(
      Type.Array(
        Type.Object(
          {
            source,
            learningObjectiveResults: Type.Array(
              Type.Object(
                {
                  learningObjectiveId: Type.String({ minLength: 1 }),
                  score: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
                  textScore: Type.Optional(Type.Union([Type.String(), Type.Null()])),
                },
                { additionalProperties: true },
              ),
              { minItems: 1 },
            ),
          },
          { additionalProperties: true },
        ),
      ),
    ),
  );

export const SCORE_STATUS = ['exempt', 'fully graded', 'not submitted', 'partially graded', 'submitted'] as const;

/** What a result says about the student's work. `score` is deliberately unbounded: extra credit exceeds resultValueMax. */
export const scoreFields = {
  score: f.number('score'),
  textScore: f.text('text_score'),
  scoreDate: f.date('score_date', { required: true }),
  scoreStatus: f.enumeration('score_status', SCORE_STATUS, { required: true, extensible: true }),
  comment: f.text('comment'),
  learningObjectiveSet: learningObjectiveScoreSet('learning_objective_set'),
  inProgress: f.trueFalse('in_progress'),
  incomplete: f.trueFalse('incomplete'),
  late: f.trueFalse('late'),
  missing: f.trueFalse('missing'),
} satisfies Fields;

export const studentField = () => f.ref('student_sourced_id', refs.user, { required: true });

/** A result's student must hold the student role (the reference check has already proved the user exists). */
export async function assertStudent(tx: Executor, input: Record<string, unknown>): Promise<void> {
  const student = input.student as { sourcedId: string } | null | undefined;
  if (!student) return;
  const row = await firstRow(tx, sql`select 1 from user_roles where user_sourced_id = ${student.sourcedId} and role = 'student' limit 1`);
  if (!row) throw notStudent(student.sourcedId);
}

export const notStudent = (sourcedId: string) => invalidData('student', `user '${sourcedId}' does not hold the role student.`);
