-- getAllCourses: GET /ims/oneroster/rostering/v1p2/courses
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.school_year_sourced_id as "schoolYear", t.academic_session_sourced_id as "academicSession", t.course_code as "courseCode", t.grades as "grades", t.subjects as "subjects", t.subject_codes as "subjectCodes", t.org_sourced_id as "org", t.level as "level", t.grading_scheme as "gradingScheme", t.resource_sourced_ids as "resources" from "courses" t where t.sourced_id in (select t.sourced_id from "courses" t where t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
select count(*)::int as total from "courses" t where t.status <> 'tobedeleted';

-- getCourse: GET /ims/oneroster/rostering/v1p2/courses/:sourcedId
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.school_year_sourced_id as "schoolYear", t.academic_session_sourced_id as "academicSession", t.course_code as "courseCode", t.grades as "grades", t.subjects as "subjects", t.subject_codes as "subjectCodes", t.org_sourced_id as "org", t.level as "level", t.grading_scheme as "gradingScheme", t.resource_sourced_ids as "resources" from "courses" t where t.sourced_id = $1 and t.status <> 'tobedeleted';
-- params: [":sourcedId"]

-- getCoursesForSchool: GET /ims/oneroster/rostering/v1p2/schools/:schoolSourcedId/courses
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.school_year_sourced_id as "schoolYear", t.academic_session_sourced_id as "academicSession", t.course_code as "courseCode", t.grades as "grades", t.subjects as "subjects", t.subject_codes as "subjectCodes", t.org_sourced_id as "org", t.level as "level", t.grading_scheme as "gradingScheme", t.resource_sourced_ids as "resources" from "courses" t where t.sourced_id in (select t.sourced_id from "courses" t where t.org_sourced_id = $1 and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
-- params: [":schoolSourcedId"]
select count(*)::int as total from "courses" t where t.org_sourced_id = $1 and t.status <> 'tobedeleted';
-- params: [":schoolSourcedId"]
