-- getAllAcademicSessions: GET /ims/oneroster/rostering/v1p2/academicSessions
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.start_date as "startDate", t.end_date as "endDate", t.type as "type", t.parent_sourced_id as "parent", array(select c.sourced_id from academic_sessions c where c.parent_sourced_id = t.sourced_id and c.status <> 'tobedeleted' order by c.start_date, c.sourced_id) as "children", t.school_year as "schoolYear", t.org_sourced_id as "org" from "academic_sessions" t where t.sourced_id in (select t.sourced_id from "academic_sessions" t where t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
select count(*)::int as total from "academic_sessions" t where t.status <> 'tobedeleted';

-- getAcademicSession: GET /ims/oneroster/rostering/v1p2/academicSessions/:sourcedId
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.start_date as "startDate", t.end_date as "endDate", t.type as "type", t.parent_sourced_id as "parent", array(select c.sourced_id from academic_sessions c where c.parent_sourced_id = t.sourced_id and c.status <> 'tobedeleted' order by c.start_date, c.sourced_id) as "children", t.school_year as "schoolYear", t.org_sourced_id as "org" from "academic_sessions" t where t.sourced_id = $1 and t.status <> 'tobedeleted';
-- params: [":sourcedId"]

-- getAllTerms: GET /ims/oneroster/rostering/v1p2/terms
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.start_date as "startDate", t.end_date as "endDate", t.type as "type", t.parent_sourced_id as "parent", array(select c.sourced_id from academic_sessions c where c.parent_sourced_id = t.sourced_id and c.status <> 'tobedeleted' order by c.start_date, c.sourced_id) as "children", t.school_year as "schoolYear", t.org_sourced_id as "org" from "academic_sessions" t where t.sourced_id in (select t.sourced_id from "academic_sessions" t where t.type = $1 and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
-- params: ["term"]
select count(*)::int as total from "academic_sessions" t where t.type = $1 and t.status <> 'tobedeleted';
-- params: ["term"]

-- getTerm: GET /ims/oneroster/rostering/v1p2/terms/:sourcedId
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.start_date as "startDate", t.end_date as "endDate", t.type as "type", t.parent_sourced_id as "parent", array(select c.sourced_id from academic_sessions c where c.parent_sourced_id = t.sourced_id and c.status <> 'tobedeleted' order by c.start_date, c.sourced_id) as "children", t.school_year as "schoolYear", t.org_sourced_id as "org" from "academic_sessions" t where t.sourced_id = $1 and t.status <> 'tobedeleted' and t.type = $2;
-- params: [":sourcedId","term"]

-- getAllGradingPeriods: GET /ims/oneroster/rostering/v1p2/gradingPeriods
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.start_date as "startDate", t.end_date as "endDate", t.type as "type", t.parent_sourced_id as "parent", array(select c.sourced_id from academic_sessions c where c.parent_sourced_id = t.sourced_id and c.status <> 'tobedeleted' order by c.start_date, c.sourced_id) as "children", t.school_year as "schoolYear", t.org_sourced_id as "org" from "academic_sessions" t where t.sourced_id in (select t.sourced_id from "academic_sessions" t where t.type = $1 and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
-- params: ["gradingPeriod"]
select count(*)::int as total from "academic_sessions" t where t.type = $1 and t.status <> 'tobedeleted';
-- params: ["gradingPeriod"]

-- getGradingPeriod: GET /ims/oneroster/rostering/v1p2/gradingPeriods/:sourcedId
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.start_date as "startDate", t.end_date as "endDate", t.type as "type", t.parent_sourced_id as "parent", array(select c.sourced_id from academic_sessions c where c.parent_sourced_id = t.sourced_id and c.status <> 'tobedeleted' order by c.start_date, c.sourced_id) as "children", t.school_year as "schoolYear", t.org_sourced_id as "org" from "academic_sessions" t where t.sourced_id = $1 and t.status <> 'tobedeleted' and t.type = $2;
-- params: [":sourcedId","gradingPeriod"]

-- getTermsForSchool: GET /ims/oneroster/rostering/v1p2/schools/:schoolSourcedId/terms
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.start_date as "startDate", t.end_date as "endDate", t.type as "type", t.parent_sourced_id as "parent", array(select c.sourced_id from academic_sessions c where c.parent_sourced_id = t.sourced_id and c.status <> 'tobedeleted' order by c.start_date, c.sourced_id) as "children", t.school_year as "schoolYear", t.org_sourced_id as "org" from "academic_sessions" t where t.sourced_id in (select t.sourced_id from "academic_sessions" t where t.type = $1 and (t.org_sourced_id = $2 or exists (select 1 from classes c where c.school_sourced_id = $3
          and c.status <> 'tobedeleted' and t.sourced_id = any(c.term_sourced_ids))) and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
-- params: ["term",":schoolSourcedId",":schoolSourcedId"]
select count(*)::int as total from "academic_sessions" t where t.type = $1 and (t.org_sourced_id = $2 or exists (select 1 from classes c where c.school_sourced_id = $3
          and c.status <> 'tobedeleted' and t.sourced_id = any(c.term_sourced_ids))) and t.status <> 'tobedeleted';
-- params: ["term",":schoolSourcedId",":schoolSourcedId"]

-- getGradingPeriodsForTerm: GET /ims/oneroster/rostering/v1p2/terms/:termSourcedId/gradingPeriods
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.start_date as "startDate", t.end_date as "endDate", t.type as "type", t.parent_sourced_id as "parent", array(select c.sourced_id from academic_sessions c where c.parent_sourced_id = t.sourced_id and c.status <> 'tobedeleted' order by c.start_date, c.sourced_id) as "children", t.school_year as "schoolYear", t.org_sourced_id as "org" from "academic_sessions" t where t.sourced_id in (select t.sourced_id from "academic_sessions" t where t.type = $1 and t.parent_sourced_id = $2 and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
-- params: ["gradingPeriod",":termSourcedId"]
select count(*)::int as total from "academic_sessions" t where t.type = $1 and t.parent_sourced_id = $2 and t.status <> 'tobedeleted';
-- params: ["gradingPeriod",":termSourcedId"]
