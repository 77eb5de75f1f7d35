/**
 * The OneRoster 1.2 Resources service: the binding's five read paths, the platform's writes, its
 * copies of the sub-collections under `/resources/…`, and the Common Cartridge export.
 */
import { Type } from '@sinclair/typebox';
import { sql, type SQL } from 'drizzle-orm';
import { anyOf } from '../../platform/auth/scopes.js';
import type { ResourceDef } from '../../platform/resource/resource.js';
import type { Service, ServiceModule } from '../../platform/service.js';
import { oneRosterScopes } from '../oneroster-scopes.js';
import { RESOURCES } from '../base-paths.js';
import { classes } from '../rostering/classes.resource.js';
import { courses } from '../rostering/courses.resource.js';
import { users } from '../rostering/users.resource.js';
import { exportCommonCartridge } from './common-cartridge.js';
import { componentVisible } from '../course-structure/course-components.resource.js';
import { resources } from './resources.resource.js';

/** The binding's Scopes section (security of each operation in the Resources OpenAPI). */
export const resourceScopeDeclaration = oneRosterScopes({
  'resource.readonly': 'Read resources.',
  'resource-core.readonly': 'Read core resources.',
  'resource.createput': 'Create and update resources.',
  'resource.delete': 'Delete resources.',
});

export const resourceScopes = {
  core: anyOf('or:resource.readonly', 'or:resource-core.readonly'),
  read: anyOf('or:resource.readonly'),
  write: anyOf('or:resource.createput'),
  delete: anyOf('or:resource.delete'),
};

/** Resources of a course: those its record names and those of its visible lessons. */
const ofCourse = (course: SQL) => sql`(exists (select 1 from courses oc where oc.sourced_id = ${course} and oc.status <> 'tobedeleted'
      and t.sourced_id = any(oc.resource_sourced_ids))
    or exists (select 1 from component_resources ol join course_components ok on ok.sourced_id = ol.course_component_sourced_id
      where ol.resource_sourced_id = t.sourced_id and ok.course_sourced_id = ${course} and ol.status <> 'tobedeleted'
      and ok.status <> 'tobedeleted' and ${componentVisible('ok')}))`;

/** Resources of a class: those its record names plus those of its course. */
const ofClass = (cls: SQL) => sql`exists (select 1 from classes oa where oa.sourced_id = ${cls} and oa.status <> 'tobedeleted'
    and (t.sourced_id = any(oa.resource_sourced_ids) or ${ofCourse(sql`oa.course_sourced_id`)}))`;

/** Resources of a user: those their record names plus those of the classes they are enrolled in. */
const ofUser = (user: SQL) => sql`(exists (select 1 from users ou where ou.sourced_id = ${user} and t.sourced_id = any(ou.resource_sourced_ids))
    or exists (select 1 from enrollments oe where oe.user_sourced_id = ${user} and oe.status <> 'tobedeleted' and ${ofClass(sql`oe.class_sourced_id`)}))`;

const owners: { segment: string; param: string; owner: ResourceDef; name: string; members: (id: SQL) => SQL }[] = [
  { segment: 'classes', param: 'classSourcedId', owner: classes, name: 'Class', members: ofClass },
  { segment: 'courses', param: 'courseSourcedId', owner: courses, name: 'Course', members: ofCourse },
  { segment: 'users', param: 'userSourcedId', owner: users, name: 'User', members: ofUser },
];

export const resourcesService: ServiceModule = {
  info: {
    name: 'resources',
    title: 'OneRoster 1.2 Resources Service',
    version: '1.2',
    basePath: RESOURCES,
    description: 'OneRoster 1.2 resources: read (binding) and write (platform), resources of classes, courses and users, Common Cartridge export.',
    scopes: resourceScopeDeclaration,
    discoveryFiles: ['onerosterv1p2resourcesservice_openapi3_v1p0.json', 'imsorv1p2_resources_openapi3_v1p0.json'],
  },
  register: registerResources,
};

function registerResources(service: Service): void {
  service.crud('/resources', resources, {
    operationIds: { list: 'getAllResources', get: 'getResource', create: 'createResource', put: 'updateResource', delete: 'deleteResource' },
    scopes: { read: resourceScopes.core, create: resourceScopes.write, put: resourceScopes.write, delete: resourceScopes.delete },
  });

  // The binding's paths (`/classes/{id}/resources`) and the platform's copies under `/resources/`.
  for (const { segment, param, owner, name, members } of owners) {
    for (const [prefix, suffix] of [
      ['', ''],
      ['/resources', 'UnderResources'],
    ]) {
      service.list(`${prefix}/${segment}/:${param}/resources`, resources, {
        operationId: `getResourcesFor${name}${suffix}`,
        summary: `Resources of a ${name.toLowerCase()}`,
        scopes: resourceScopes.read,
        parents: [{ param, resource: owner }],
        where: (p) => [members(sql`${p[param]}`)],
      });
    }
  }

  service.route(
    {
      method: 'POST',
      path: '/resources/export/:sourceId',
      operationId: 'exportResourceToCommonCartridge',
      summary: 'Export a resource (and what a course-material resource references) as an IMS Common Cartridge 1.3 package',
      scopes: resourceScopes.read,
      responses: { 200: Type.String({ format: 'binary', description: 'The .imscc package (a zip)' }) },
      produces: 'application/zip',
    },
    async (request, reply) => {
      const cartridge = await exportCommonCartridge(service.deps.db.drizzle, request.params.sourceId);
      reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename="${cartridge.fileName}"`);
      return Buffer.from(cartridge.bytes);
    },
  );
}
