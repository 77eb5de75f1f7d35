-- getAllComponentResources: GET /ims/oneroster/rostering/v1p2/courses/component-resources
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.course_component_sourced_id as "courseComponent", t.resource_sourced_id as "resource", (select c.course_sourced_id from course_components c where c.sourced_id = t.course_component_sourced_id) as "course", t.title as "title", t.sort_order as "sortOrder", t.lesson_type as "lessonType" from "component_resources" t where t.sourced_id in (select t.sourced_id from "component_resources" t where exists (select 1 from resources vr where vr.sourced_id = t.resource_sourced_id and vr.status <> 'tobedeleted')
  and exists (select 1 from course_components vk where vk.sourced_id = t.course_component_sourced_id and vk.status <> 'tobedeleted' and exists (select 1 from courses vc where vc.sourced_id = vk.course_sourced_id and vc.status <> 'tobedeleted')
    and not exists (
      with recursive ancestors (sourced_id, parent_sourced_id, status) as (
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a where a.sourced_id = vk.parent_sourced_id
        union
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a join ancestors on a.sourced_id = ancestors.parent_sourced_id
      )
      select 1 from ancestors where ancestors.status = 'tobedeleted')) and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
select count(*)::int as total from "component_resources" t where exists (select 1 from resources vr where vr.sourced_id = t.resource_sourced_id and vr.status <> 'tobedeleted')
  and exists (select 1 from course_components vk where vk.sourced_id = t.course_component_sourced_id and vk.status <> 'tobedeleted' and exists (select 1 from courses vc where vc.sourced_id = vk.course_sourced_id and vc.status <> 'tobedeleted')
    and not exists (
      with recursive ancestors (sourced_id, parent_sourced_id, status) as (
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a where a.sourced_id = vk.parent_sourced_id
        union
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a join ancestors on a.sourced_id = ancestors.parent_sourced_id
      )
      select 1 from ancestors where ancestors.status = 'tobedeleted')) and t.status <> 'tobedeleted';

-- getComponentResource: GET /ims/oneroster/rostering/v1p2/courses/component-resources/:sourcedId
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.course_component_sourced_id as "courseComponent", t.resource_sourced_id as "resource", (select c.course_sourced_id from course_components c where c.sourced_id = t.course_component_sourced_id) as "course", t.title as "title", t.sort_order as "sortOrder", t.lesson_type as "lessonType" from "component_resources" t where t.sourced_id = $1 and t.status <> 'tobedeleted' and exists (select 1 from resources vr where vr.sourced_id = t.resource_sourced_id and vr.status <> 'tobedeleted')
  and exists (select 1 from course_components vk where vk.sourced_id = t.course_component_sourced_id and vk.status <> 'tobedeleted' and exists (select 1 from courses vc where vc.sourced_id = vk.course_sourced_id and vc.status <> 'tobedeleted')
    and not exists (
      with recursive ancestors (sourced_id, parent_sourced_id, status) as (
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a where a.sourced_id = vk.parent_sourced_id
        union
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a join ancestors on a.sourced_id = ancestors.parent_sourced_id
      )
      select 1 from ancestors where ancestors.status = 'tobedeleted'));
-- params: [":sourcedId"]
