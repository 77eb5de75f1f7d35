-- getAllEnrollments: GET /ims/oneroster/rostering/v1p2/enrollments
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.role as "role", t.is_primary as "primary", t.begin_date as "beginDate", t.end_date as "endDate", t.user_sourced_id as "user", t.class_sourced_id as "class", t.school_sourced_id as "school", (select c.course_sourced_id from classes c where c.sourced_id = t.class_sourced_id) as "course" from "enrollments" t where t.sourced_id in (select t.sourced_id from "enrollments" t where t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
select count(*)::int as total from "enrollments" t where t.status <> 'tobedeleted';

-- getEnrollment: GET /ims/oneroster/rostering/v1p2/enrollments/:sourcedId
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.role as "role", t.is_primary as "primary", t.begin_date as "beginDate", t.end_date as "endDate", t.user_sourced_id as "user", t.class_sourced_id as "class", t.school_sourced_id as "school", (select c.course_sourced_id from classes c where c.sourced_id = t.class_sourced_id) as "course" from "enrollments" t where t.sourced_id = $1 and t.status <> 'tobedeleted';
-- params: [":sourcedId"]

-- getEnrollmentsForSchool: GET /ims/oneroster/rostering/v1p2/schools/:schoolSourcedId/enrollments
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.role as "role", t.is_primary as "primary", t.begin_date as "beginDate", t.end_date as "endDate", t.user_sourced_id as "user", t.class_sourced_id as "class", t.school_sourced_id as "school", (select c.course_sourced_id from classes c where c.sourced_id = t.class_sourced_id) as "course" from "enrollments" t where t.sourced_id in (select t.sourced_id from "enrollments" t where t.school_sourced_id = $1 and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
-- params: [":schoolSourcedId"]
select count(*)::int as total from "enrollments" t where t.school_sourced_id = $1 and t.status <> 'tobedeleted';
-- params: [":schoolSourcedId"]

-- getEnrollmentsForClassInSchool: GET /ims/oneroster/rostering/v1p2/schools/:schoolSourcedId/classes/:classSourcedId/enrollments
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.role as "role", t.is_primary as "primary", t.begin_date as "beginDate", t.end_date as "endDate", t.user_sourced_id as "user", t.class_sourced_id as "class", t.school_sourced_id as "school", (select c.course_sourced_id from classes c where c.sourced_id = t.class_sourced_id) as "course" from "enrollments" t where t.sourced_id in (select t.sourced_id from "enrollments" t where t.class_sourced_id = $1 and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
-- params: [":classSourcedId"]
select count(*)::int as total from "enrollments" t where t.class_sourced_id = $1 and t.status <> 'tobedeleted';
-- params: [":classSourcedId"]
