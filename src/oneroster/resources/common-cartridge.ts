/**
 * Export of a resource as an IMS Common Cartridge 1.3 package (`.imscc`, a zip with
 * `imsmanifest.xml` at its root). A resource with a `metadata.launchUrl` becomes a basic LTI link
 * (imsbasiclti_xmlv1p3), one with a `metadata.url` a web link (imswl_xmlv1p3). A course-material
 * resource becomes a folder of what it references: the resources in `metadata.resources`, or else
 * the unit/lesson tree of every course that names it in its `resources`.
 */
import { sql } from 'drizzle-orm';
import { strToU8, zipSync } from 'fflate';
import { rows, firstRow, type Executor } from '../../platform/db/database.js';
import { invalidData, notFound } from '../../platform/errors.js';
import { coursesListing } from '../rostering/courses.resource.js';
import { courseOutline, leaf, storedResourceColumns, type OutlineNode, type StoredResource } from '../course-structure/course-outline.js';

const NS = {
  manifest: 'http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1',
  lom: 'http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest',
  webLink: 'http://www.imsglobal.org/xsd/imsccv1p3/imswl_v1p3',
  ltiLink: 'http://www.imsglobal.org/xsd/imslticc_v1p3',
  blti: 'http://www.imsglobal.org/xsd/imsbasiclti_v1p0',
  lticm: 'http://www.imsglobal.org/xsd/imslticm_v1p0',
  lticp: 'http://www.imsglobal.org/xsd/imslticp_v1p0',
};

export interface Cartridge {
  fileName: string;
  bytes: Uint8Array;
}

const xml = (value: unknown) => String(value).replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** The ids a course-material resource lists in `metadata.resources` (strings or GUIDRef-like objects). */
function listedIds(metadata: Record<string, unknown> | null): string[] | undefined {
  const listed = metadata?.resources;
  if (!Array.isArray(listed)) return undefined;
  return listed.map((r) => (typeof r === 'string' ? r : (r as { sourcedId?: unknown })?.sourcedId)).filter((id): id is string => typeof id === 'string');
}

/** What the cartridge contains for a resource: itself, or what a course-material resource references. */
async function outline(db: Executor, root: StoredResource): Promise<OutlineNode> {
  if (root.metadata?.type !== 'course-material') return leaf(root);
  const folder: OutlineNode = { title: root.title ?? root.sourced_id, children: [] };
  const ids = listedIds(root.metadata);
  if (ids) {
    const found = await rows<StoredResource>(
      db,
      sql`select ${storedResourceColumns} from resources r where r.sourced_id = any(${sql.param(ids)}::text[]) and r.status <> 'tobedeleted'`,
    );
    const byId = new Map(found.map((r) => [r.sourced_id, r]));
    for (const id of ids) if (byId.has(id)) folder.children.push(leaf(byId.get(id)!));
    return folder;
  }
  for (const course of await coursesListing(db, root.sourced_id)) folder.children.push(await courseOutline(db, course));
  return folder;
}

/** The link document of a resource, or undefined when its metadata names nothing to link to. */
function linkDocument(resource: StoredResource): { type: string; body: string } | undefined {
  const metadata = resource.metadata ?? {};
  const title = xml(resource.title ?? resource.sourced_id);
  const launchUrl = text(metadata.launchUrl);
  if (launchUrl) {
    const provider = text(metadata.toolProvider) ?? text(metadata.vendorId) ?? resource.vendor_id ?? 'learnstack';
    const custom = [
      ['resource_sourced_id', resource.sourced_id],
      ['vendor_id', text(metadata.vendorId) ?? resource.vendor_id],
    ]
      .filter(([, value]) => value)
      .map(([name, value]) => `<lticm:property name="${name}">${xml(value)}</lticm:property>`)
      .join('');
    const secure = launchUrl.startsWith('https:') ? `<blti:secure_launch_url>${xml(launchUrl)}</blti:secure_launch_url>` : '';
    return {
      type: 'imsbasiclti_xmlv1p3',
      body:
        `<cartridge_basiclti_link xmlns="${NS.ltiLink}" xmlns:blti="${NS.blti}" xmlns:lticm="${NS.lticm}" xmlns:lticp="${NS.lticp}">` +
        `<blti:title>${title}</blti:title>` +
        (text(metadata.description) ? `<blti:description>${xml(metadata.description)}</blti:description>` : '') +
        `<blti:custom>${custom}</blti:custom>` +
        `<blti:launch_url>${xml(launchUrl)}</blti:launch_url>${secure}` +
        `<blti:vendor><lticp:code>${xml(provider)}</lticp:code><lticp:name>${xml(provider)}</lticp:name></blti:vendor>` +
        `</cartridge_basiclti_link>`,
    };
  }
  const url = text(metadata.url);
  if (url) return { type: 'imswl_xmlv1p3', body: `<webLink xmlns="${NS.webLink}"><title>${title}</title><url href="${xml(url)}" target="_blank"/></webLink>` };
  return undefined;
}

/** Builds the package for an active resource: 404 when absent, 422 when there is nothing to link to. */
export async function exportCommonCartridge(db: Executor, sourcedId: string): Promise<Cartridge> {
  const root = await firstRow<StoredResource>(
    db,
    sql`select ${storedResourceColumns} from resources r where r.sourced_id = ${sourcedId} and r.status <> 'tobedeleted'`,
  );
  if (!root) throw notFound('Resource');
  const tree = await outline(db, root);

  const declare = '<?xml version="1.0" encoding="UTF-8"?>\n';
  const files: Record<string, Uint8Array> = {};
  const resourceIds = new Map<string, string>();
  const resourceEntries: string[] = [];
  let itemCount = 0;
  /** A resource's identifier in the manifest, writing its link file the first time. */
  const identifierOf = (resource: StoredResource): string | undefined => {
    if (resourceIds.has(resource.sourced_id)) return resourceIds.get(resource.sourced_id);
    const link = linkDocument(resource);
    if (!link) return undefined;
    const id = `R${resourceIds.size + 1}`;
    resourceIds.set(resource.sourced_id, id);
    files[`${id}.xml`] = strToU8(declare + link.body);
    resourceEntries.push(`<resource identifier="${id}" type="${link.type}"><file href="${id}.xml"/></resource>`);
    return id;
  };
  const item = (node: OutlineNode): string => {
    const identifier = `I${++itemCount}`;
    const ref = node.resource ? identifierOf(node.resource) : undefined;
    if (node.resource && !ref) return ''; // a resource with nothing to link to has no place in a cartridge
    const children = node.children.map(item).join('');
    return `<item identifier="${identifier}"${ref ? ` identifierref="${ref}"` : ''}><title>${xml(node.title)}</title>${children}</item>`;
  };
  const items = item(tree);
  if (resourceEntries.length === 0) throw invalidData('metadata.url', 'neither the resource nor anything it references has a url or launchUrl to export.');

  files['imsmanifest.xml'] = strToU8(
    declare +
      `<manifest identifier="M1" xmlns="${NS.manifest}" xmlns:lomimscc="${NS.lom}">` +
      `<metadata><schema>IMS Common Cartridge</schema><schemaversion>1.3.0</schemaversion>` +
      `<lomimscc:lom><lomimscc:general>` +
      `<lomimscc:identifier><lomimscc:catalog>sourcedId</lomimscc:catalog><lomimscc:entry>${xml(root.sourced_id)}</lomimscc:entry></lomimscc:identifier>` +
      `<lomimscc:title><lomimscc:string>${xml(root.title ?? root.sourced_id)}</lomimscc:string></lomimscc:title>` +
      `</lomimscc:general></lomimscc:lom></metadata>` +
      `<organizations><organization identifier="O1" structure="rooted-hierarchy"><item identifier="I0">${items}</item></organization></organizations>` +
      `<resources>${resourceEntries.join('')}</resources>` +
      `</manifest>\n`,
  );
  const slug = (root.title ?? root.sourced_id).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'resource';
  return { fileName: `${slug}.imscc`, bytes: zipSync(files) };
}
