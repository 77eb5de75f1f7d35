-- getAllClasses: GET /ims/oneroster/rostering/v1p2/classes
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.class_code as "classCode", t.class_type as "classType", t.location as "location", t.grades as "grades", t.subjects as "subjects", t.course_sourced_id as "course", t.school_sourced_id as "school", t.term_sourced_ids as "terms", t.subject_codes as "subjectCodes", t.periods as "periods", t.resource_sourced_ids as "resources" from "classes" t where t.sourced_id in (select t.sourced_id from "classes" t where t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
select count(*)::int as total from "classes" t where t.status <> 'tobedeleted';

-- getClass: GET /ims/oneroster/rostering/v1p2/classes/:sourcedId
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.class_code as "classCode", t.class_type as "classType", t.location as "location", t.grades as "grades", t.subjects as "subjects", t.course_sourced_id as "course", t.school_sourced_id as "school", t.term_sourced_ids as "terms", t.subject_codes as "subjectCodes", t.periods as "periods", t.resource_sourced_ids as "resources" from "classes" t where t.sourced_id = $1 and t.status <> 'tobedeleted';
-- params: [":sourcedId"]

-- getClassesForCourse: GET /ims/oneroster/rostering/v1p2/courses/:courseSourcedId/classes
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.class_code as "classCode", t.class_type as "classType", t.location as "location", t.grades as "grades", t.subjects as "subjects", t.course_sourced_id as "course", t.school_sourced_id as "school", t.term_sourced_ids as "terms", t.subject_codes as "subjectCodes", t.periods as "periods", t.resource_sourced_ids as "resources" from "classes" t where t.sourced_id in (select t.sourced_id from "classes" t where t.course_sourced_id = $1 and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
-- params: [":courseSourcedId"]
select count(*)::int as total from "classes" t where t.course_sourced_id = $1 and t.status <> 'tobedeleted';
-- params: [":courseSourcedId"]

-- getClassesForSchool: GET /ims/oneroster/rostering/v1p2/schools/:schoolSourcedId/classes
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.class_code as "classCode", t.class_type as "classType", t.location as "location", t.grades as "grades", t.subjects as "subjects", t.course_sourced_id as "course", t.school_sourced_id as "school", t.term_sourced_ids as "terms", t.subject_codes as "subjectCodes", t.periods as "periods", t.resource_sourced_ids as "resources" from "classes" t where t.sourced_id in (select t.sourced_id from "classes" t where t.school_sourced_id = $1 and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
-- params: [":schoolSourcedId"]
select count(*)::int as total from "classes" t where t.school_sourced_id = $1 and t.status <> 'tobedeleted';
-- params: [":schoolSourcedId"]

-- getClassesForTerm: GET /ims/oneroster/rostering/v1p2/terms/:termSourcedId/classes
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.class_code as "classCode", t.class_type as "classType", t.location as "location", t.grades as "grades", t.subjects as "subjects", t.course_sourced_id as "course", t.school_sourced_id as "school", t.term_sourced_ids as "terms", t.subject_codes as "subjectCodes", t.periods as "periods", t.resource_sourced_ids as "resources" from "classes" t where t.sourced_id in (select t.sourced_id from "classes" t where $1 = any(t.term_sourced_ids) and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
-- params: [":termSourcedId"]
select count(*)::int as total from "classes" t where $1 = any(t.term_sourced_ids) and t.status <> 'tobedeleted';
-- params: [":termSourcedId"]

-- getClassesForStudent: GET /ims/oneroster/rostering/v1p2/students/:studentSourcedId/classes
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.class_code as "classCode", t.class_type as "classType", t.location as "location", t.grades as "grades", t.subjects as "subjects", t.course_sourced_id as "course", t.school_sourced_id as "school", t.term_sourced_ids as "terms", t.subject_codes as "subjectCodes", t.periods as "periods", t.resource_sourced_ids as "resources" from "classes" t where t.sourced_id in (select t.sourced_id from "classes" t where exists (select 1 from enrollments e where e.class_sourced_id = t.sourced_id and e.user_sourced_id = $1
      and e.status <> 'tobedeleted' and e.role = $2) and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
-- params: [":studentSourcedId","student"]
select count(*)::int as total from "classes" t where exists (select 1 from enrollments e where e.class_sourced_id = t.sourced_id and e.user_sourced_id = $1
      and e.status <> 'tobedeleted' and e.role = $2) and t.status <> 'tobedeleted';
-- params: [":studentSourcedId","student"]

-- getClassesForTeacher: GET /ims/oneroster/rostering/v1p2/teachers/:teacherSourcedId/classes
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.class_code as "classCode", t.class_type as "classType", t.location as "location", t.grades as "grades", t.subjects as "subjects", t.course_sourced_id as "course", t.school_sourced_id as "school", t.term_sourced_ids as "terms", t.subject_codes as "subjectCodes", t.periods as "periods", t.resource_sourced_ids as "resources" from "classes" t where t.sourced_id in (select t.sourced_id from "classes" t where exists (select 1 from enrollments e where e.class_sourced_id = t.sourced_id and e.user_sourced_id = $1
      and e.status <> 'tobedeleted' and e.role = $2) and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
-- params: [":teacherSourcedId","teacher"]
select count(*)::int as total from "classes" t where exists (select 1 from enrollments e where e.class_sourced_id = t.sourced_id and e.user_sourced_id = $1
      and e.status <> 'tobedeleted' and e.role = $2) and t.status <> 'tobedeleted';
-- params: [":teacherSourcedId","teacher"]

-- getClassesForUser: GET /ims/oneroster/rostering/v1p2/users/:userSourcedId/classes
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.class_code as "classCode", t.class_type as "classType", t.location as "location", t.grades as "grades", t.subjects as "subjects", t.course_sourced_id as "course", t.school_sourced_id as "school", t.term_sourced_ids as "terms", t.subject_codes as "subjectCodes", t.periods as "periods", t.resource_sourced_ids as "resources" from "classes" t where t.sourced_id in (select t.sourced_id from "classes" t where exists (select 1 from enrollments e where e.class_sourced_id = t.sourced_id and e.user_sourced_id = $1
      and e.status <> 'tobedeleted' ) and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
-- params: [":userSourcedId"]
select count(*)::int as total from "classes" t where exists (select 1 from enrollments e where e.class_sourced_id = t.sourced_id and e.user_sourced_id = $1
      and e.status <> 'tobedeleted' ) and t.status <> 'tobedeleted';
-- params: [":userSourcedId"]
