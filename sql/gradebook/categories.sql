-- getAllCategories: GET /ims/oneroster/gradebook/v1p2/categories
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.weight as "weight" from "categories" t where t.sourced_id in (select t.sourced_id from "categories" t where t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
select count(*)::int as total from "categories" t where t.status <> 'tobedeleted';

-- getCategory: GET /ims/oneroster/gradebook/v1p2/categories/:sourcedId
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.weight as "weight" from "categories" t where t.sourced_id = $1 and t.status <> 'tobedeleted';
-- params: [":sourcedId"]

-- getCategoriesForClass: GET /ims/oneroster/gradebook/v1p2/classes/:classSourcedId/categories
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.weight as "weight" from "categories" t where t.sourced_id in (select t.sourced_id from "categories" t where t.sourced_id in (select li.category_sourced_id from line_items li where li.class_sourced_id = $1 and li.status <> 'tobedeleted') and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
-- params: [":classSourcedId"]
select count(*)::int as total from "categories" t where t.sourced_id in (select li.category_sourced_id from line_items li where li.class_sourced_id = $1 and li.status <> 'tobedeleted') and t.status <> 'tobedeleted';
-- params: [":classSourcedId"]
