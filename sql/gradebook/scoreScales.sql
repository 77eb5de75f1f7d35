-- getAllScoreScales: GET /ims/oneroster/gradebook/v1p2/scoreScales
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.type as "type", t.class_sourced_id as "class", t.course_sourced_id as "course", t.score_scale_value as "scoreScaleValue" from "score_scales" t where t.sourced_id in (select t.sourced_id from "score_scales" t where t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
select count(*)::int as total from "score_scales" t where t.status <> 'tobedeleted';

-- getScoreScale: GET /ims/oneroster/gradebook/v1p2/scoreScales/:sourcedId
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.type as "type", t.class_sourced_id as "class", t.course_sourced_id as "course", t.score_scale_value as "scoreScaleValue" from "score_scales" t where t.sourced_id = $1 and t.status <> 'tobedeleted';
-- params: [":sourcedId"]

-- getScoreScalesForClass: GET /ims/oneroster/gradebook/v1p2/classes/:classSourcedId/scoreScales
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.type as "type", t.class_sourced_id as "class", t.course_sourced_id as "course", t.score_scale_value as "scoreScaleValue" from "score_scales" t where t.sourced_id in (select t.sourced_id from "score_scales" t where t.class_sourced_id = $1 and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
-- params: [":classSourcedId"]
select count(*)::int as total from "score_scales" t where t.class_sourced_id = $1 and t.status <> 'tobedeleted';
-- params: [":classSourcedId"]

-- getScoreScalesForSchool: GET /ims/oneroster/gradebook/v1p2/schools/:schoolSourcedId/scoreScales
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.type as "type", t.class_sourced_id as "class", t.course_sourced_id as "course", t.score_scale_value as "scoreScaleValue" from "score_scales" t where t.sourced_id in (select t.sourced_id from "score_scales" t where t.class_sourced_id in (select c.sourced_id from classes c where c.school_sourced_id = $1 and c.status <> 'tobedeleted') and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
-- params: [":schoolSourcedId"]
select count(*)::int as total from "score_scales" t where t.class_sourced_id in (select c.sourced_id from classes c where c.school_sourced_id = $1 and c.status <> 'tobedeleted') and t.status <> 'tobedeleted';
-- params: [":schoolSourcedId"]
