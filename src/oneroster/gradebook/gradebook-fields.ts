/**
 * Field shapes the gradebook resources share: learning objective sets, the result flags and scores
 * of results and assessment results, and the check that a result's student is a student.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { boolean, doublePrecision, jsonb, text } from 'drizzle-orm/pg-core';
import { f, type Column, type Fields } from '../../platform/resource/fields.js';
import type { Executor } from '../../platform/db/database.js';
import { invalidData } from '../../platform/errors.js';
import { isStudent, users } from '../rostering/users.resource.js';

const nullable = (schema: TSchema) => Type.Union([schema, Type.Null()]);

/** The binding's source vocabulary is `case`, `unknown` or `/name`; the platform accepts any string, and so do we. */
const source = Type.String({ minLength: 1, description: "'case', 'unknown' or a '/'-prefixed extension" });

/** The learning objectives an assessed activity is aligned to (line items). */
export const learningObjectiveSet = (column: Column) =>
  f.json(
    column,
    nullable(Type.Array(Type.Object({ source, learningObjectiveIds: Type.Array(Type.String(), { minItems: 1 }) }, { additionalProperties: true }))),
  );

/** The learning objectives a result scores, each optionally with its own score (results). */
export const learningObjectiveScoreSet = (column: Column) =>
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

/** Columns shared by results and assessment results: the student, the flags and the scores. */
export const resultColumns = () => ({
  studentSourcedId: text('student_sourced_id').notNull(),
  scoreScaleSourcedId: text('score_scale_sourced_id'),
  scoreStatus: text('score_status').notNull(),
  score: doublePrecision('score'),
  textScore: text('text_score'),
  scoreDate: text('score_date').notNull(),
  comment: text('comment'),
  learningObjectiveSet: jsonb('learning_objective_set'),
  inProgress: boolean('in_progress'),
  incomplete: boolean('incomplete'),
  late: boolean('late'),
  missing: boolean('missing'),
});

/** What a result says about the student's work. `score` is deliberately unbounded: extra credit exceeds resultValueMax. */
export const scoreFields = (t: Record<keyof ReturnType<typeof resultColumns>, Column>) =>
  ({
    score: f.number(t.score),
    textScore: f.text(t.textScore),
    scoreDate: f.date(t.scoreDate, { required: true }),
    scoreStatus: f.enumeration(t.scoreStatus, SCORE_STATUS, { required: true, extensible: true }),
    comment: f.text(t.comment),
    learningObjectiveSet: learningObjectiveScoreSet(t.learningObjectiveSet),
    inProgress: f.trueFalse(t.inProgress),
    incomplete: f.trueFalse(t.incomplete),
    late: f.trueFalse(t.late),
    missing: f.trueFalse(t.missing),
  }) satisfies Fields;

export const studentField = (t: { studentSourcedId: Column }) => f.ref(t.studentSourcedId, () => users, { required: true });

/** A result's student must hold the student role (the reference check has already proved the user exists). */
export async function assertStudent(tx: Executor, input: Record<string, unknown>): Promise<void> {
  const student = input.student as { sourcedId: string } | null | undefined;
  if (student && !(await isStudent(tx, student.sourcedId))) throw notStudent(student.sourcedId);
}

export const notStudent = (sourcedId: string) => invalidData('student', `user '${sourcedId}' does not hold the role student.`);
