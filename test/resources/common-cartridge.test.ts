import { unzipSync, strFromU8 } from 'fflate';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, codeMinor, seedRoster, RESOURCES, ROSTER, type TestContext } from '../helpers.js';

let ctx: TestContext;
let id: (s: string) => string;
const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, isArray: (name) => ['item', 'resource'].includes(name) });

async function ok(method: string, url: string, body?: unknown) {
  const res = await ctx.request(method, url, { body });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
}

/** Exports a resource and returns the package's files, checking each XML file is well-formed. */
async function exported(sourcedId: string) {
  const res = await ctx.request('POST', `${RESOURCES}/resources/export/${sourcedId}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/zip');
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".+\.imscc"$/);
  const files = Object.fromEntries(Object.entries(unzipSync(new Uint8Array(res.rawPayload))).map(([name, bytes]) => [name, strFromU8(bytes)]));
  for (const [name, content] of Object.entries(files)) expect(XMLValidator.validate(content), name).toBe(true);
  return { files, manifest: parser.parse(files['imsmanifest.xml']).manifest };
}

type Item = { title?: string; '@_identifierref'?: string; item?: Item[] };
/** Titles of the organization as nested arrays: a leaf is its title, a folder [title, children]. */
const outline = (items: Item[] = []): unknown[] => items.map((i) => (i.item ? [i.title, outline(i.item)] : i.title));

beforeAll(async () => {
  ctx = await createTestContext();
  ({ id } = await seedRoster(ctx, 'cc'));
  const resource = (key: string, title: string, metadata: Record<string, unknown>) =>
    ok('POST', `${RESOURCES}/resources`, { resource: { sourcedId: id(key), title, vendorResourceId: key, metadata } });
  await resource('web', 'Fractions & <Decimals>', { type: 'video', url: 'https://video.example/watch?v=1&t=2' });
  await resource('lti', 'Mastery check', { type: 'interactive', launchUrl: 'https://tool.example/launch', toolProvider: 'mastery-track', vendorId: 'ext-42' });
  await resource('bare', 'No link', { type: 'text' });
  await resource('bundle', 'Bundle', { type: 'course-material', subType: 'resource-collection', resources: [id('lti'), id('web'), id('bare')] });
  await resource('course-pack', 'Algebra pack', { type: 'course-material', subType: 'course' });
  const course = (await ctx.request('GET', `${ROSTER}/courses/${id('course')}`)).json().course;
  await ok('PUT', `${ROSTER}/courses/${id('course')}`, { course: { ...course, resources: [{ sourcedId: id('course-pack') }] } });
  await ok('POST', `${ROSTER}/courses/components`, {
    courseComponent: { sourcedId: id('u1'), course: { sourcedId: id('course') }, title: 'Unit 1', sortOrder: 1 },
  });
  await ok('POST', `${ROSTER}/courses/components`, {
    courseComponent: { sourcedId: id('u1a'), course: { sourcedId: id('course') }, parent: { sourcedId: id('u1') }, title: 'Unit 1a' },
  });
  await ok('POST', `${ROSTER}/courses/components`, {
    courseComponent: { sourcedId: id('u2'), course: { sourcedId: id('course') }, title: 'Unit 2', sortOrder: 2 },
  });
  const lesson = (key: string, unit: string, resourceKey: string, title: string, sortOrder: number) =>
    ok('POST', `${ROSTER}/courses/component-resources`, {
      componentResource: { sourcedId: id(key), courseComponent: { sourcedId: id(unit) }, resource: { sourcedId: id(resourceKey) }, title, sortOrder },
    });
  await lesson('l2', 'u1a', 'web', 'Watch', 2);
  await lesson('l1', 'u1a', 'lti', 'Check', 1);
  await lesson('l3', 'u2', 'web', 'Rewatch', 1);
});
afterAll(async () => ctx?.close());

describe('Common Cartridge export', () => {
  it('exports a web link: a manifest that parses as XML and names the resource', async () => {
    const { files, manifest } = await exported(id('web'));
    expect(files['imsmanifest.xml']).toContain('xmlns="http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"');
    expect(manifest.metadata.schemaversion).toBe('1.3.0');
    expect(manifest.metadata.lom.general.title.string).toBe('Fractions & <Decimals>');
    expect(manifest.metadata.lom.general.identifier.entry).toBe(id('web'));
    const [resource] = manifest.resources.resource;
    expect(resource['@_type']).toBe('imswl_xmlv1p3');
    expect(files[resource.file['@_href']]).toContain('<webLink xmlns="http://www.imsglobal.org/xsd/imsccv1p3/imswl_v1p3">');
    const link = parser.parse(files[resource.file['@_href']]).webLink;
    expect(link.url['@_href']).toBe('https://video.example/watch?v=1&t=2');
    expect(outline(manifest.organizations.organization.item)).toEqual([[undefined, ['Fractions & <Decimals>']]]);
  });

  it('exports a basic LTI link for a resource with a launchUrl', async () => {
    const { files, manifest } = await exported(id('lti'));
    const [resource] = manifest.resources.resource;
    expect(resource['@_type']).toBe('imsbasiclti_xmlv1p3');
    expect(files[resource.file['@_href']]).toContain('<cartridge_basiclti_link xmlns="http://www.imsglobal.org/xsd/imslticc_v1p3"');
    const link = parser.parse(files[resource.file['@_href']]).cartridge_basiclti_link;
    expect(link).toMatchObject({ title: 'Mastery check', launch_url: 'https://tool.example/launch', secure_launch_url: 'https://tool.example/launch' });
    expect(link.vendor.code).toBe('mastery-track');
    expect(link.custom.property).toEqual(expect.arrayContaining([expect.objectContaining({ '#text': id('lti'), '@_name': 'resource_sourced_id' })]));
  });

  it('exports a course-material resource with the resources it lists (skipping those without a link)', async () => {
    const { manifest } = await exported(id('bundle'));
    expect(manifest.resources.resource.map((r: Record<string, string>) => r['@_type'])).toEqual(['imsbasiclti_xmlv1p3', 'imswl_xmlv1p3']);
    expect(outline(manifest.organizations.organization.item)).toEqual([[undefined, [['Bundle', ['Mastery check', 'Fractions & <Decimals>']]]]]);
  });

  it('exports a course-material resource named by a course with the course tree in order', async () => {
    const { manifest } = await exported(id('course-pack'));
    expect(outline(manifest.organizations.organization.item)).toEqual([
      [
        undefined,
        [
          [
            'Algebra pack',
            [
              [
                'Algebra I',
                [
                  ['Unit 1', [['Unit 1a', ['Check', 'Watch']]]],
                  ['Unit 2', ['Rewatch']],
                ],
              ],
            ],
          ],
        ],
      ],
    ]);
    // One resource entry per resource, however many lessons use it.
    expect(manifest.resources.resource).toHaveLength(2);
  });

  it('answers 404 for an unknown resource, 422 when there is nothing to link to, 401/403 without the read scope', async () => {
    const missing = await ctx.request('POST', `${RESOURCES}/resources/export/nope`);
    expect(missing.statusCode).toBe(404);
    expect(codeMinor(missing)).toBe('unknownobject');
    const bare = await ctx.request('POST', `${RESOURCES}/resources/export/${id('bare')}`);
    expect(bare.statusCode).toBe(422);
    expect(bare.json().imsx_error_details).toEqual([{ 'metadata.url': expect.any(String) }]);
    expect((await ctx.request('POST', `${RESOURCES}/resources/export/${id('web')}`, { token: null })).statusCode).toBe(401);
    const roster = await ctx.token('roster.readonly');
    expect((await ctx.request('POST', `${RESOURCES}/resources/export/${id('web')}`, { token: roster })).statusCode).toBe(403);
  });
});
