-- Line items' assignDate and dueDate are date-times (binding and platform): a date becomes its
-- midnight UTC, a date-time the same instant in UTC with milliseconds (one without an offset is UTC).
SET LOCAL TIME ZONE 'UTC';--> statement-breakpoint
UPDATE "line_items" SET
  "assign_date" = to_char("assign_date"::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  "due_date" = to_char("due_date"::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');--> statement-breakpoint
-- Course components always have an unlockDate (the platform requires it): those without one unlock
-- when they were last written, the closest record of their creation.
UPDATE "course_components" SET "unlock_date" = to_char("date_last_modified" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') WHERE "unlock_date" IS NULL;
