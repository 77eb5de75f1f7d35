/**
 * JSON Schema validation of CLR 2.0 and Open Badges 3.0 credentials against the official
 * 1EdTech schemas (draft 2019-09, shipped in ./schemas).
 *
 * API:
 *   validateClrCredential(obj)          → SchemaFailure[]  ([] = valid). For the upsert 422.
 *   validateAchievementCredential(obj)  → SchemaFailure[]  (AchievementCredential / OpenBadgeCredential)
 *
 * Paths are dotted with [i] for array items (`credentialSubject.verifiableCredential[0].id`);
 * the root is ''. Validators are compiled lazily, once per process.
 */
import { readFileSync } from 'node:fs';
import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2019) => Ajv2019;

export interface SchemaFailure {
  path: string;
  message: string;
}

const SCHEMA_FILES = {
  clr: 'clr_v2p0_clrcredential_schema.json',
  achievement: 'clr_v2p0_achievementcredential_schema.json',
} as const;

let ajv: Ajv2019 | undefined;
const compiled = new Map<keyof typeof SCHEMA_FILES, ValidateFunction>();

function validator(kind: keyof typeof SCHEMA_FILES): ValidateFunction {
  let fn = compiled.get(kind);
  if (!fn) {
    // verbose: the failing subschema is needed to say what `contains` wanted.
    // strict: false — the 1EdTech schemas use tuple `items` + `additionalItems`, which strict mode rejects.
    ajv ??= addFormats(new Ajv2019({ allErrors: true, strict: false, verbose: true }));
    const schema = JSON.parse(readFileSync(new URL(`./schemas/${SCHEMA_FILES[kind]}`, import.meta.url), 'utf8'));
    fn = ajv.compile(schema);
    compiled.set(kind, fn);
  }
  return fn;
}

export function validateClrCredential(obj: unknown): SchemaFailure[] {
  return run('clr', obj, 'ClrCredential');
}

export function validateAchievementCredential(obj: unknown): SchemaFailure[] {
  return run('achievement', obj, undefined);
}

function run(kind: keyof typeof SCHEMA_FILES, obj: unknown, requiredType: string | undefined): SchemaFailure[] {
  const fn = validator(kind);
  const failures = fn(obj) ? [] : simplify(fn.errors ?? []);
  // The schemas accept a bare string `type` (JSON-LD compaction) without checking its value;
  // the spec still requires both types, so check them here.
  if (requiredType && obj && typeof obj === 'object' && 'type' in obj) {
    const types = ([] as unknown[]).concat((obj as { type: unknown }).type);
    for (const t of ['VerifiableCredential', requiredType]) {
      if (!types.includes(t) && !failures.some((f) => f.path === 'type')) {
        failures.push({ path: 'type', message: `must contain "${t}"` });
      }
    }
  }
  return failures;
}

/**
 * Ajv with allErrors reports every failed oneOf branch; for a 422 body that is noise. So:
 * `required` errors point at the missing property itself; errors from inside a `contains`
 * search are replaced by one "must contain …" message; oneOf summaries and "must be <type>"
 * branch mismatches are dropped when a more specific error exists at or under that path.
 */
function simplify(errors: ErrorObject[]): SchemaFailure[] {
  const entries: Array<{ path: string; message: string; generic: boolean; typeOnly: boolean }> = [];
  for (const e of errors) {
    if (e.schemaPath.includes('/contains/')) continue;
    let pointer = e.instancePath;
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'required') {
      pointer += `/${escapePointer(String((e.params as { missingProperty: string }).missingProperty))}`;
      message = 'is required';
    } else if (e.keyword === 'contains') {
      const wanted = (e.schema as { enum?: unknown[] } | undefined)?.enum;
      if (wanted) message = `must contain ${wanted.map((v) => JSON.stringify(v)).join(' or ')}`;
    } else if (e.keyword === 'enum') {
      const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues ?? [];
      if (allowed.length <= 5) message = `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    const path = pointerToPath(pointer);
    if (entries.some((x) => x.path === path && x.message === message)) continue;
    entries.push({ path, message, generic: ['oneOf', 'anyOf', 'if'].includes(e.keyword), typeOnly: e.keyword === 'type' });
  }
  const under = (p: string, root: string) => p === root || root === '' || p.startsWith(`${root}.`) || p.startsWith(`${root}[`);
  const out: SchemaFailure[] = [];
  for (const x of entries) {
    const specificNearby = entries.some((y) => y !== x && under(y.path, x.path) && !y.generic && !y.typeOnly);
    if ((x.generic || x.typeOnly) && specificNearby) continue;
    if (x.generic && entries.some((y) => y !== x && under(y.path, x.path))) continue;
    out.push({ path: x.path, message: x.message });
  }
  return out;
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function pointerToPath(pointer: string): string {
  if (pointer === '') return '';
  return pointer
    .slice(1)
    .split('/')
    .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}
