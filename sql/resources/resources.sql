-- getAllResources: GET /ims/oneroster/resources/v1p2/resources
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.roles as "roles", t.importance as "importance", t.vendor_resource_id as "vendorResourceId", t.vendor_id as "vendorId", t.application_id as "applicationId" from "resources" t where t.sourced_id in (select t.sourced_id from "resources" t where t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
select count(*)::int as total from "resources" t where t.status <> 'tobedeleted';

-- getResource: GET /ims/oneroster/resources/v1p2/resources/:sourcedId
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.roles as "roles", t.importance as "importance", t.vendor_resource_id as "vendorResourceId", t.vendor_id as "vendorId", t.application_id as "applicationId" from "resources" t where t.sourced_id = $1 and t.status <> 'tobedeleted';
-- params: [":sourcedId"]

-- getResourcesForClass: GET /ims/oneroster/resources/v1p2/classes/:classSourcedId/resources
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.roles as "roles", t.importance as "importance", t.vendor_resource_id as "vendorResourceId", t.vendor_id as "vendorId", t.application_id as "applicationId" from "resources" t where t.sourced_id in (select t.sourced_id from "resources" t where exists (select 1 from classes oa where oa.sourced_id = $1 and oa.status <> 'tobedeleted'
    and (t.sourced_id = any(oa.resource_sourced_ids) or (exists (select 1 from courses oc where oc.sourced_id = oa.course_sourced_id and oc.status <> 'tobedeleted'
      and t.sourced_id = any(oc.resource_sourced_ids))
    or exists (select 1 from component_resources ol join course_components ok on ok.sourced_id = ol.course_component_sourced_id
      where ol.resource_sourced_id = t.sourced_id and ok.course_sourced_id = oa.course_sourced_id and ol.status <> 'tobedeleted'
      and ok.status <> 'tobedeleted' and exists (select 1 from courses vc where vc.sourced_id = ok.course_sourced_id and vc.status <> 'tobedeleted')
    and not exists (
      with recursive ancestors (sourced_id, parent_sourced_id, status) as (
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a where a.sourced_id = ok.parent_sourced_id
        union
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a join ancestors on a.sourced_id = ancestors.parent_sourced_id
      )
      select 1 from ancestors where ancestors.status = 'tobedeleted'))))) and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
-- params: [":classSourcedId"]
select count(*)::int as total from "resources" t where exists (select 1 from classes oa where oa.sourced_id = $1 and oa.status <> 'tobedeleted'
    and (t.sourced_id = any(oa.resource_sourced_ids) or (exists (select 1 from courses oc where oc.sourced_id = oa.course_sourced_id and oc.status <> 'tobedeleted'
      and t.sourced_id = any(oc.resource_sourced_ids))
    or exists (select 1 from component_resources ol join course_components ok on ok.sourced_id = ol.course_component_sourced_id
      where ol.resource_sourced_id = t.sourced_id and ok.course_sourced_id = oa.course_sourced_id and ol.status <> 'tobedeleted'
      and ok.status <> 'tobedeleted' and exists (select 1 from courses vc where vc.sourced_id = ok.course_sourced_id and vc.status <> 'tobedeleted')
    and not exists (
      with recursive ancestors (sourced_id, parent_sourced_id, status) as (
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a where a.sourced_id = ok.parent_sourced_id
        union
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a join ancestors on a.sourced_id = ancestors.parent_sourced_id
      )
      select 1 from ancestors where ancestors.status = 'tobedeleted'))))) and t.status <> 'tobedeleted';
-- params: [":classSourcedId"]

-- getResourcesForClassUnderResources: GET /ims/oneroster/resources/v1p2/resources/classes/:classSourcedId/resources
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.roles as "roles", t.importance as "importance", t.vendor_resource_id as "vendorResourceId", t.vendor_id as "vendorId", t.application_id as "applicationId" from "resources" t where t.sourced_id in (select t.sourced_id from "resources" t where exists (select 1 from classes oa where oa.sourced_id = $1 and oa.status <> 'tobedeleted'
    and (t.sourced_id = any(oa.resource_sourced_ids) or (exists (select 1 from courses oc where oc.sourced_id = oa.course_sourced_id and oc.status <> 'tobedeleted'
      and t.sourced_id = any(oc.resource_sourced_ids))
    or exists (select 1 from component_resources ol join course_components ok on ok.sourced_id = ol.course_component_sourced_id
      where ol.resource_sourced_id = t.sourced_id and ok.course_sourced_id = oa.course_sourced_id and ol.status <> 'tobedeleted'
      and ok.status <> 'tobedeleted' and exists (select 1 from courses vc where vc.sourced_id = ok.course_sourced_id and vc.status <> 'tobedeleted')
    and not exists (
      with recursive ancestors (sourced_id, parent_sourced_id, status) as (
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a where a.sourced_id = ok.parent_sourced_id
        union
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a join ancestors on a.sourced_id = ancestors.parent_sourced_id
      )
      select 1 from ancestors where ancestors.status = 'tobedeleted'))))) and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
-- params: [":classSourcedId"]
select count(*)::int as total from "resources" t where exists (select 1 from classes oa where oa.sourced_id = $1 and oa.status <> 'tobedeleted'
    and (t.sourced_id = any(oa.resource_sourced_ids) or (exists (select 1 from courses oc where oc.sourced_id = oa.course_sourced_id and oc.status <> 'tobedeleted'
      and t.sourced_id = any(oc.resource_sourced_ids))
    or exists (select 1 from component_resources ol join course_components ok on ok.sourced_id = ol.course_component_sourced_id
      where ol.resource_sourced_id = t.sourced_id and ok.course_sourced_id = oa.course_sourced_id and ol.status <> 'tobedeleted'
      and ok.status <> 'tobedeleted' and exists (select 1 from courses vc where vc.sourced_id = ok.course_sourced_id and vc.status <> 'tobedeleted')
    and not exists (
      with recursive ancestors (sourced_id, parent_sourced_id, status) as (
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a where a.sourced_id = ok.parent_sourced_id
        union
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a join ancestors on a.sourced_id = ancestors.parent_sourced_id
      )
      select 1 from ancestors where ancestors.status = 'tobedeleted'))))) and t.status <> 'tobedeleted';
-- params: [":classSourcedId"]

-- getResourcesForCourse: GET /ims/oneroster/resources/v1p2/courses/:courseSourcedId/resources
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.roles as "roles", t.importance as "importance", t.vendor_resource_id as "vendorResourceId", t.vendor_id as "vendorId", t.application_id as "applicationId" from "resources" t where t.sourced_id in (select t.sourced_id from "resources" t where (exists (select 1 from courses oc where oc.sourced_id = $1 and oc.status <> 'tobedeleted'
      and t.sourced_id = any(oc.resource_sourced_ids))
    or exists (select 1 from component_resources ol join course_components ok on ok.sourced_id = ol.course_component_sourced_id
      where ol.resource_sourced_id = t.sourced_id and ok.course_sourced_id = $2 and ol.status <> 'tobedeleted'
      and ok.status <> 'tobedeleted' and exists (select 1 from courses vc where vc.sourced_id = ok.course_sourced_id and vc.status <> 'tobedeleted')
    and not exists (
      with recursive ancestors (sourced_id, parent_sourced_id, status) as (
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a where a.sourced_id = ok.parent_sourced_id
        union
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a join ancestors on a.sourced_id = ancestors.parent_sourced_id
      )
      select 1 from ancestors where ancestors.status = 'tobedeleted'))) and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
-- params: [":courseSourcedId",":courseSourcedId"]
select count(*)::int as total from "resources" t where (exists (select 1 from courses oc where oc.sourced_id = $1 and oc.status <> 'tobedeleted'
      and t.sourced_id = any(oc.resource_sourced_ids))
    or exists (select 1 from component_resources ol join course_components ok on ok.sourced_id = ol.course_component_sourced_id
      where ol.resource_sourced_id = t.sourced_id and ok.course_sourced_id = $2 and ol.status <> 'tobedeleted'
      and ok.status <> 'tobedeleted' and exists (select 1 from courses vc where vc.sourced_id = ok.course_sourced_id and vc.status <> 'tobedeleted')
    and not exists (
      with recursive ancestors (sourced_id, parent_sourced_id, status) as (
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a where a.sourced_id = ok.parent_sourced_id
        union
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a join ancestors on a.sourced_id = ancestors.parent_sourced_id
      )
      select 1 from ancestors where ancestors.status = 'tobedeleted'))) and t.status <> 'tobedeleted';
-- params: [":courseSourcedId",":courseSourcedId"]

-- getResourcesForCourseUnderResources: GET /ims/oneroster/resources/v1p2/resources/courses/:courseSourcedId/resources
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.roles as "roles", t.importance as "importance", t.vendor_resource_id as "vendorResourceId", t.vendor_id as "vendorId", t.application_id as "applicationId" from "resources" t where t.sourced_id in (select t.sourced_id from "resources" t where (exists (select 1 from courses oc where oc.sourced_id = $1 and oc.status <> 'tobedeleted'
      and t.sourced_id = any(oc.resource_sourced_ids))
    or exists (select 1 from component_resources ol join course_components ok on ok.sourced_id = ol.course_component_sourced_id
      where ol.resource_sourced_id = t.sourced_id and ok.course_sourced_id = $2 and ol.status <> 'tobedeleted'
      and ok.status <> 'tobedeleted' and exists (select 1 from courses vc where vc.sourced_id = ok.course_sourced_id and vc.status <> 'tobedeleted')
    and not exists (
      with recursive ancestors (sourced_id, parent_sourced_id, status) as (
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a where a.sourced_id = ok.parent_sourced_id
        union
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a join ancestors on a.sourced_id = ancestors.parent_sourced_id
      )
      select 1 from ancestors where ancestors.status = 'tobedeleted'))) and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
-- params: [":courseSourcedId",":courseSourcedId"]
select count(*)::int as total from "resources" t where (exists (select 1 from courses oc where oc.sourced_id = $1 and oc.status <> 'tobedeleted'
      and t.sourced_id = any(oc.resource_sourced_ids))
    or exists (select 1 from component_resources ol join course_components ok on ok.sourced_id = ol.course_component_sourced_id
      where ol.resource_sourced_id = t.sourced_id and ok.course_sourced_id = $2 and ol.status <> 'tobedeleted'
      and ok.status <> 'tobedeleted' and exists (select 1 from courses vc where vc.sourced_id = ok.course_sourced_id and vc.status <> 'tobedeleted')
    and not exists (
      with recursive ancestors (sourced_id, parent_sourced_id, status) as (
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a where a.sourced_id = ok.parent_sourced_id
        union
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a join ancestors on a.sourced_id = ancestors.parent_sourced_id
      )
      select 1 from ancestors where ancestors.status = 'tobedeleted'))) and t.status <> 'tobedeleted';
-- params: [":courseSourcedId",":courseSourcedId"]

-- getResourcesForUser: GET /ims/oneroster/resources/v1p2/users/:userSourcedId/resources
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.roles as "roles", t.importance as "importance", t.vendor_resource_id as "vendorResourceId", t.vendor_id as "vendorId", t.application_id as "applicationId" from "resources" t where t.sourced_id in (select t.sourced_id from "resources" t where (exists (select 1 from users ou where ou.sourced_id = $1 and t.sourced_id = any(ou.resource_sourced_ids))
    or exists (select 1 from enrollments oe where oe.user_sourced_id = $2 and oe.status <> 'tobedeleted' and exists (select 1 from classes oa where oa.sourced_id = oe.class_sourced_id and oa.status <> 'tobedeleted'
    and (t.sourced_id = any(oa.resource_sourced_ids) or (exists (select 1 from courses oc where oc.sourced_id = oa.course_sourced_id and oc.status <> 'tobedeleted'
      and t.sourced_id = any(oc.resource_sourced_ids))
    or exists (select 1 from component_resources ol join course_components ok on ok.sourced_id = ol.course_component_sourced_id
      where ol.resource_sourced_id = t.sourced_id and ok.course_sourced_id = oa.course_sourced_id and ol.status <> 'tobedeleted'
      and ok.status <> 'tobedeleted' and exists (select 1 from courses vc where vc.sourced_id = ok.course_sourced_id and vc.status <> 'tobedeleted')
    and not exists (
      with recursive ancestors (sourced_id, parent_sourced_id, status) as (
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a where a.sourced_id = ok.parent_sourced_id
        union
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a join ancestors on a.sourced_id = ancestors.parent_sourced_id
      )
      select 1 from ancestors where ancestors.status = 'tobedeleted'))))))) and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
-- params: [":userSourcedId",":userSourcedId"]
select count(*)::int as total from "resources" t where (exists (select 1 from users ou where ou.sourced_id = $1 and t.sourced_id = any(ou.resource_sourced_ids))
    or exists (select 1 from enrollments oe where oe.user_sourced_id = $2 and oe.status <> 'tobedeleted' and exists (select 1 from classes oa where oa.sourced_id = oe.class_sourced_id and oa.status <> 'tobedeleted'
    and (t.sourced_id = any(oa.resource_sourced_ids) or (exists (select 1 from courses oc where oc.sourced_id = oa.course_sourced_id and oc.status <> 'tobedeleted'
      and t.sourced_id = any(oc.resource_sourced_ids))
    or exists (select 1 from component_resources ol join course_components ok on ok.sourced_id = ol.course_component_sourced_id
      where ol.resource_sourced_id = t.sourced_id and ok.course_sourced_id = oa.course_sourced_id and ol.status <> 'tobedeleted'
      and ok.status <> 'tobedeleted' and exists (select 1 from courses vc where vc.sourced_id = ok.course_sourced_id and vc.status <> 'tobedeleted')
    and not exists (
      with recursive ancestors (sourced_id, parent_sourced_id, status) as (
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a where a.sourced_id = ok.parent_sourced_id
        union
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a join ancestors on a.sourced_id = ancestors.parent_sourced_id
      )
      select 1 from ancestors where ancestors.status = 'tobedeleted'))))))) and t.status <> 'tobedeleted';
-- params: [":userSourcedId",":userSourcedId"]

-- getResourcesForUserUnderResources: GET /ims/oneroster/resources/v1p2/resources/users/:userSourcedId/resources
select t.sourced_id as "sourcedId", t.status as "status", to_char(t.date_last_modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dateLastModified", t.metadata as "metadata", t.title as "title", t.roles as "roles", t.importance as "importance", t.vendor_resource_id as "vendorResourceId", t.vendor_id as "vendorId", t.application_id as "applicationId" from "resources" t where t.sourced_id in (select t.sourced_id from "resources" t where (exists (select 1 from users ou where ou.sourced_id = $1 and t.sourced_id = any(ou.resource_sourced_ids))
    or exists (select 1 from enrollments oe where oe.user_sourced_id = $2 and oe.status <> 'tobedeleted' and exists (select 1 from classes oa where oa.sourced_id = oe.class_sourced_id and oa.status <> 'tobedeleted'
    and (t.sourced_id = any(oa.resource_sourced_ids) or (exists (select 1 from courses oc where oc.sourced_id = oa.course_sourced_id and oc.status <> 'tobedeleted'
      and t.sourced_id = any(oc.resource_sourced_ids))
    or exists (select 1 from component_resources ol join course_components ok on ok.sourced_id = ol.course_component_sourced_id
      where ol.resource_sourced_id = t.sourced_id and ok.course_sourced_id = oa.course_sourced_id and ol.status <> 'tobedeleted'
      and ok.status <> 'tobedeleted' and exists (select 1 from courses vc where vc.sourced_id = ok.course_sourced_id and vc.status <> 'tobedeleted')
    and not exists (
      with recursive ancestors (sourced_id, parent_sourced_id, status) as (
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a where a.sourced_id = ok.parent_sourced_id
        union
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a join ancestors on a.sourced_id = ancestors.parent_sourced_id
      )
      select 1 from ancestors where ancestors.status = 'tobedeleted'))))))) and t.status <> 'tobedeleted' order by t.sourced_id asc limit 100 offset 0) order by t.sourced_id asc;
-- params: [":userSourcedId",":userSourcedId"]
select count(*)::int as total from "resources" t where (exists (select 1 from users ou where ou.sourced_id = $1 and t.sourced_id = any(ou.resource_sourced_ids))
    or exists (select 1 from enrollments oe where oe.user_sourced_id = $2 and oe.status <> 'tobedeleted' and exists (select 1 from classes oa where oa.sourced_id = oe.class_sourced_id and oa.status <> 'tobedeleted'
    and (t.sourced_id = any(oa.resource_sourced_ids) or (exists (select 1 from courses oc where oc.sourced_id = oa.course_sourced_id and oc.status <> 'tobedeleted'
      and t.sourced_id = any(oc.resource_sourced_ids))
    or exists (select 1 from component_resources ol join course_components ok on ok.sourced_id = ol.course_component_sourced_id
      where ol.resource_sourced_id = t.sourced_id and ok.course_sourced_id = oa.course_sourced_id and ol.status <> 'tobedeleted'
      and ok.status <> 'tobedeleted' and exists (select 1 from courses vc where vc.sourced_id = ok.course_sourced_id and vc.status <> 'tobedeleted')
    and not exists (
      with recursive ancestors (sourced_id, parent_sourced_id, status) as (
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a where a.sourced_id = ok.parent_sourced_id
        union
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a join ancestors on a.sourced_id = ancestors.parent_sourced_id
      )
      select 1 from ancestors where ancestors.status = 'tobedeleted'))))))) and t.status <> 'tobedeleted';
-- params: [":userSourcedId",":userSourcedId"]
