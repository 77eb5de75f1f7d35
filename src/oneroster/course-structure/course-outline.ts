/**
 * A course's visible unit/lesson tree, read once for whoever walks it (the Common Cartridge export).
 */
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../platform/db/database.js';
import { componentResources } from './component-resources.resource.js';
import { componentVisible } from './course-components.resource.js';

export interface StoredResource {
  sourced_id: string;
  title: string | null;
  vendor_id: string | null;
  metadata: Record<string, unknown> | null;
}

/** A node of the cartridge's organization: a folder (children) or a link to a resource. */
export interface OutlineNode {
  title: string;
  resource?: StoredResource;
  children: OutlineNode[];
}

/** The columns of a resource (alias `r`) that an outline carries. */
export const storedResourceColumns = sql`r.sourced_id, r.title, r.vendor_id, r.metadata`;

export function leaf(resource: StoredResource): OutlineNode {
  return { title: resource.title ?? resource.sourced_id, resource, children: [] };
}

/** The visible unit/lesson tree of one course, ordered by sortOrder. */
export async function courseOutline(db: Executor, course: { sourced_id: string; title: string }): Promise<OutlineNode> {
  const units = await rows<{ sourced_id: string; parent_sourced_id: string | null; title: string }>(
    db,
    sql`select t.sourced_id, t.parent_sourced_id, t.title from course_components t
        where t.course_sourced_id = ${course.sourced_id} and t.status <> 'tobedeleted' and ${componentVisible('t')}
        order by t.sort_order, t.sourced_id`,
  );
  const lessons = await rows<StoredResource & { component: string; lesson_title: string }>(
    db,
    sql`select t.course_component_sourced_id as component, t.title as lesson_title, ${storedResourceColumns}
        from component_resources t join resources r on r.sourced_id = t.resource_sourced_id
        join course_components k on k.sourced_id = t.course_component_sourced_id
        where k.course_sourced_id = ${course.sourced_id} and t.status <> 'tobedeleted' and ${componentResources.scope!}
        order by t.sort_order, t.sourced_id`,
  );
  const nodes = new Map(units.map((u) => [u.sourced_id, { title: u.title, children: [] } as OutlineNode]));
  const root: OutlineNode = { title: course.title, children: [] };
  for (const unit of units) (nodes.get(unit.parent_sourced_id ?? '') ?? root).children.push(nodes.get(unit.sourced_id)!);
  for (const lesson of lessons) nodes.get(lesson.component)?.children.push({ ...leaf(lesson), title: lesson.lesson_title });
  return root;
}
