/**
 * The official OneRoster 1.2 rostering binding (OpenAPI 3) as a response validator: responses are
 * checked against the schema the binding documents for their path, after removing the platform's
 * documented additions (pagination keys, the second envelope keys, a few extra fields).
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

type Json = Record<string, unknown>;

export const binding = JSON.parse(readFileSync(new URL('../fixtures/oneroster-v1p2-rostering.openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, { get: { operationId: string; responses: Record<string, { content: { 'application/json': { schema: { $ref: string } } } }> } }>;
  components: { schemas: Record<string, Json> };
};

/** Fastify form of a binding path: `/classes/{classSourcedId}/students` → `/classes/:classSourcedId/students`. */
export const fastifyPath = (path: string) => path.replace(/\{([A-Za-z]+)\}/g, ':$1');

const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
ajv.addSchema({ ...binding, $id: 'binding' } as never);

const validators = new Map<string, ValidateFunction>();
function validator(ref: string): ValidateFunction {
  let fn = validators.get(ref);
  if (!fn) {
    fn = ajv.compile({ $ref: `binding${ref}` });
    validators.set(ref, fn);
  }
  return fn;
}

/** Platform fields the binding does not have, per object kind (the platform's OpenAPI adds them). */
const PLATFORM_FIELDS: Record<string, string[]> = {
  academicSession: ['org'],
  course: ['academicSession', 'level', 'gradingScheme'],
  enrollment: ['course'],
};
const PAGINATION = ['totalCount', 'pageCount', 'pageNumber', 'offset', 'limit'];
/** Second envelope keys carrying the same value as the binding's key. */
const ALIASES: Record<string, string> = {
  terms: 'academicSessions',
  gradingPeriods: 'academicSessions',
  students: 'users',
  teachers: 'users',
  term: 'academicSession',
  gradingPeriod: 'academicSession',
};

const KIND_OF_KEY: Record<string, string> = {
  orgs: 'org',
  org: 'org',
  academicSessions: 'academicSession',
  academicSession: 'academicSession',
  courses: 'course',
  course: 'course',
  enrollments: 'enrollment',
  enrollment: 'enrollment',
  users: 'user',
  user: 'user',
  classes: 'class',
  class: 'class',
};

function stripObject(kind: string | undefined, object: Json): Json {
  const out = { ...object };
  for (const name of PLATFORM_FIELDS[kind ?? ''] ?? []) delete out[name];
  // Role metadata is a platform addition.
  if (kind === 'user' && Array.isArray(out.roles)) out.roles = (out.roles as Json[]).map(({ metadata: _m, ...role }) => role);
  return out;
}

/** The body reduced to what the binding describes; throws when an alias key differs from its binding key. */
export function toBindingShape(body: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(body)) {
    if (PAGINATION.includes(key)) continue;
    if (ALIASES[key]) {
      if (JSON.stringify(value) !== JSON.stringify(body[ALIASES[key]])) throw new Error(`envelope key ${key} differs from ${ALIASES[key]}`);
      continue;
    }
    const kind = KIND_OF_KEY[key];
    out[key] = Array.isArray(value) ? value.map((o) => stripObject(kind, o as Json)) : stripObject(kind, value as Json);
  }
  return out;
}

/** Validation errors of a 200 body of a binding path's GET (empty when it conforms). */
export function bindingErrors(path: string, body: Json): string[] {
  const ref = binding.paths[path].get.responses['200'].content['application/json'].schema.$ref;
  const validate = validator(ref);
  if (validate(toBindingShape(body))) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

/** Validation errors of an error body against the binding's imsx_StatusInfo. */
export function statusInfoErrors(body: Json): string[] {
  const validate = validator('#/components/schemas/imsx_StatusInfo');
  // The platform adds per-field details: a list of one-key { field: message } records.
  const { imsx_error_details: details, ...rest } = body;
  if (details !== undefined) {
    const ok = Array.isArray(details) && details.every((d) => Object.keys(d).length === 1 && Object.values(d).every((m) => typeof m === 'string'));
    if (!ok) return [`imsx_error_details is not a list of { field: message }: ${JSON.stringify(details)}`];
  }
  if (validate(rest)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
