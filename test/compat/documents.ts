/**
 * The OpenAPI documents a OneRoster response is checked against, as Ajv validators: the three official
 * 1EdTech bindings (rostering, gradebook, resources; OpenAPI 3.0, draft-07 schemas) and the platform's
 * own document (`timeback/oneroster-api.json`; OpenAPI 3.1, JSON Schema 2020-12 with a few 3.0
 * `nullable`s, which Ajv honours next to `type`). Each document is added whole, so its `$ref`s resolve
 * inside it; an operation's 200 schema is compiled by JSON pointer into the document.
 *
 * Operations are matched to our routes by method and path template: the bindings' paths are relative
 * to their service's base path, the platform's are absolute (`/ims/oneroster/rostering/v1p2/users/`),
 * some with a trailing slash; parameter names differ (`{sourcedId}` where we say `:classSourcedId`),
 * so templates are compared with every parameter as `{}`. OperationIds are not compared.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

export type DocumentName = 'binding' | 'platform';

type Operation = { operationId?: string; responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
type OpenApi = { paths: Record<string, Record<string, Operation>> };

const ROSTERING = '/ims/oneroster/rostering/v1p2';
const GRADEBOOK = '/ims/oneroster/gradebook/v1p2';
const RESOURCES = '/ims/oneroster/resources/v1p2';

const load = (file: string) => JSON.parse(readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8')) as OpenApi;

/** `/users/{sourcedId}/` and `/users/:userId` → `/users/{}`. */
export const template = (path: string) => path.replace(/\/+$/, '').replace(/\{[^}]+\}|:[A-Za-z]+/g, '{}');

export interface DocumentOperation {
  document: DocumentName;
  /** The file it comes from and the path as written there. */
  file: string;
  path: string;
  operationId?: string;
  validate: ValidateFunction;
}

class Document {
  private readonly ajv: Ajv;
  private readonly byKey = new Map<string, { path: string; operationId?: string; pointer: string }>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(
    readonly name: DocumentName,
    readonly file: string,
    /** Prefix of the document's paths: a binding's service base path, '' for the platform's absolute paths. */
    basePath: string,
    draft2020: boolean,
  ) {
    const doc = load(file);
    const options = { allErrors: true, strict: false, validateFormats: true };
    this.ajv = addFormats((draft2020 ? new Ajv2020(options) : new Ajv(options)) as Ajv);
    // OpenAPI's numeric and binary formats say nothing about a JSON value's shape.
    for (const format of ['float', 'double', 'int32', 'int64', 'binary']) this.ajv.addFormat(format, true);
    this.ajv.addSchema({ ...doc, $id: file } as never);
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!operation?.responses?.['200']?.content?.['application/json']?.schema) continue;
        const pointer = ['paths', path, method, 'responses', '200', 'content', 'application/json', 'schema']
          .map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1')))
          .join('/');
        this.byKey.set(`${method.toUpperCase()} ${template(basePath + path)}`, { path, operationId: operation.operationId, pointer });
      }
    }
  }

  /** The operation for this method and absolute path template, if the document has it. */
  operation(method: string, absolutePath: string): DocumentOperation | undefined {
    const found = this.byKey.get(`${method} ${template(absolutePath)}`);
    if (!found) return undefined;
    let validate = this.compiled.get(found.pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${this.file}#/${found.pointer}` });
      this.compiled.set(found.pointer, validate);
    }
    return { document: this.name, file: this.file, path: found.path, operationId: found.operationId, validate };
  }
}

const bindings = [
  new Document('binding', 'oneroster-v1p2-rostering.openapi.json', ROSTERING, false),
  new Document('binding', 'oneroster-v1p2-gradebook.openapi.json', GRADEBOOK, false),
  new Document('binding', 'oneroster-v1p2-resources.openapi.json', RESOURCES, false),
];
const platform = new Document('platform', 'timeback/oneroster-api.json', '', true);

/** The operations documenting `method absolutePath`: at most one per document (binding, platform). */
export function operationsFor(method: string, absolutePath: string): DocumentOperation[] {
  const binding = bindings.map((d) => d.operation(method, absolutePath)).find(Boolean);
  return [binding, platform.operation(method, absolutePath)].filter((o): o is DocumentOperation => o !== undefined);
}

/** One schema violation, located by JSON pointer: the offending member's own path for `required` and `additionalProperties`. */
export interface Violation {
  path: string;
  /** The JSON Schema keyword that failed (`required`, `additionalProperties`, `type`, `format`, `enum`…). */
  keyword: string;
  message: string;
}

export function violation(e: ErrorObject): Violation {
  const params = e.params as { missingProperty?: string; additionalProperty?: string };
  const member = params.missingProperty ?? params.additionalProperty;
  const path = member === undefined ? e.instancePath : `${e.instancePath}/${member}`;
  const detail = e.keyword === 'enum' ? ` ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}` : '';
  return { path, keyword: e.keyword, message: `${e.keyword}: ${e.message}${detail}` };
}

/** The violations of a body against an operation's 200 schema (empty when it conforms). */
export function violations(operation: DocumentOperation, body: unknown): Violation[] {
  if (operation.validate(body)) return [];
  return (operation.validate.errors ?? []).map(violation);
}
