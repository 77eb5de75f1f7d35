-- getAllOrgs: GET /ims/oneroster/rostering/v1p2/orgs
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.name as "name", t.type as "type", t.identifier as "identifier", t.parent_sourced_id as "parent", array(select c.sourced_id from orgs c where c.parent_sourced_id = t.sourced_id and c.status <> 'tobedeleted' order by c.sourced_id) as "children" from "orgs" t where t.sourced_id in (select t.sourced_id from "orgs" t where t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
select count(*)::int as total from "orgs" t where t.status <> 'tobedeleted';

-- getOrg: GET /ims/oneroster/rostering/v1p2/orgs/:sourcedId
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.name as "name", t.type as "type", t.identifier as "identifier", t.parent_sourced_id as "parent", array(select c.sourced_id from orgs c where c.parent_sourced_id = t.sourced_id and c.status <> 'tobedeleted' order by c.sourced_id) as "children" from "orgs" t where t.sourced_id = $1 and t.status <> 'tobedeleted';
-- params: [":sourcedId"]

-- getAllSchools: GET /ims/oneroster/rostering/v1p2/schools
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.name as "name", t.type as "type", t.identifier as "identifier", t.parent_sourced_id as "parent", array(select c.sourced_id from orgs c where c.parent_sourced_id = t.sourced_id and c.status <> 'tobedeleted' order by c.sourced_id) as "children" from "orgs" t where t.sourced_id in (select t.sourced_id from "orgs" t where t.type = 'school' and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
select count(*)::int as total from "orgs" t where t.type = 'school' and t.status <> 'tobedeleted';

-- getSchool: GET /ims/oneroster/rostering/v1p2/schools/:sourcedId
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.name as "name", t.type as "type", t.identifier as "identifier", t.parent_sourced_id as "parent", array(select c.sourced_id from orgs c where c.parent_sourced_id = t.sourced_id and c.status <> 'tobedeleted' order by c.sourced_id) as "children" from "orgs" t where t.sourced_id = $1 and t.status <> 'tobedeleted' and t.type = 'school';
-- params: [":sourcedId"]
