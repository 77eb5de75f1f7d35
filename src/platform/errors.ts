/**
 * One closed error set. Every failure becomes an imsx_StatusInfo body with the status code the
 * 1EdTech REST bindings give it (OneRoster 1.2, CLR 2.0); nothing picks a status by matching error text.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const CodeMinor = {
  invalidFilterField: 'invalid_filter_field',
  invalidSelectionField: 'invalid_selection_field',
  invalidData: 'invaliddata',
  unauthorised: 'unauthorisedrequest',
  forbidden: 'forbidden',
  serverBusy: 'server_busy',
  unknownObject: 'unknownobject',
  internal: 'internal_server_error',
} as const;
export type CodeMinorValue = (typeof CodeMinor)[keyof typeof CodeMinor];

export const ImsxStatusInfo = Type.Object(
  {
    imsx_codeMajor: Type.Union([Type.Literal('success'), Type.Literal('processing'), Type.Literal('failure'), Type.Literal('unsupported')]),
    imsx_severity: Type.Union([Type.Literal('status'), Type.Literal('warning'), Type.Literal('error')]),
    imsx_description: Type.Optional(Type.String()),
    imsx_CodeMinor: Type.Optional(
      Type.Object({
        imsx_codeMinorField: Type.Array(Type.Object({ imsx_codeMinorFieldName: Type.String(), imsx_codeMinorFieldValue: Type.String() })),
      }),
    ),
    imsx_error_details: Type.Optional(Type.Array(Type.Record(Type.String(), Type.String()))),
  },
  { $id: 'imsx_StatusInfo', title: 'imsx_StatusInfo' },
);
export type ImsxBody = Static<typeof ImsxStatusInfo>;

/** The error responses every route documents (and the serializer uses). */
export const errorResponses = {
  400: ImsxStatusInfo,
  401: ImsxStatusInfo,
  403: ImsxStatusInfo,
  404: ImsxStatusInfo,
  422: ImsxStatusInfo,
  429: ImsxStatusInfo,
  500: ImsxStatusInfo,
};

export class ImsxError extends Error {
  constructor(
    readonly statusCode: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500,
    readonly codeMinor: CodeMinorValue,
    description: string,
    /** Per-field reasons: `[{ field: 'course', message: '…' }]`. */
    readonly details: { field: string; message: string }[] = [],
  ) {
    super(description);
  }

  body(): ImsxBody {
    return imsxBody(this.codeMinor, this.message, this.details);
  }
}

export function imsxBody(codeMinor: CodeMinorValue, description: string, details: { field: string; message: string }[] = []): ImsxBody {
  const body: ImsxBody = {
    imsx_codeMajor: 'failure',
    imsx_severity: 'error',
    imsx_description: description,
    imsx_CodeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: codeMinor }] },
  };
  if (details.length > 0) body.imsx_error_details = details.map((d) => ({ [d.field]: d.message }));
  return body;
}

export const notFound = (entity: string) => new ImsxError(404, CodeMinor.unknownObject, `${entity} not found.`);
export const badRequest = (description: string, field?: string) =>
  new ImsxError(400, CodeMinor.invalidData, description, field ? [{ field, message: description }] : []);
export const invalidData = (field: string, message: string) => new ImsxError(422, CodeMinor.invalidData, `${field}: ${message}`, [{ field, message }]);

/** PostgreSQL error codes caused by the request, not by a fault: writes racing each other, values the database refuses. */
const PG_UNIQUE_VIOLATION = '23505';
const PG_DATA_EXCEPTION = '22';

function fromValidation(error: FastifyError): ImsxError {
  const details = (error.validation ?? []).map((v) => {
    // `/lineItems/3/class` → `lineItems[3].class`, the form reference errors use for list members.
    const path = v.instancePath
      .split('/')
      .filter(Boolean)
      .reduce((at, part) => (/^\d+$/.test(part) ? `${at}[${part}]` : at ? `${at}.${part}` : part), '');
    const missing = (v.params as { missingProperty?: string }).missingProperty;
    const field = [path, missing].filter(Boolean).join('.') || error.validationContext || 'body';
    const allowed = (v.params as { allowedValues?: unknown[] }).allowedValues;
    return { field, message: allowed ? `${v.message}: ${allowed.join(', ')}` : (v.message ?? 'is invalid') };
  });
  const description = details.length
    ? `Invalid ${error.validationContext ?? 'request'}: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`
    : error.message;
  return new ImsxError(400, CodeMinor.invalidData, description, details);
}

/** Maps any thrown value to an ImsxError; unknown failures become 500 without internals. */
export function toImsxError(error: unknown): ImsxError {
  if (error instanceof ImsxError) return error;
  const e = error as FastifyError & { code?: string; cause?: { code?: unknown } };
  if (e?.validation) return fromValidation(e);
  // Drizzle wraps the driver's error: the SQLSTATE is on `cause`.
  const sqlState = typeof e?.cause?.code === 'string' ? e.cause.code : e?.code;
  if (sqlState === PG_UNIQUE_VIOLATION) return new ImsxError(409, CodeMinor.invalidData, 'A concurrent write created the same record; retry.');
  // Class 22 (data exception): a value the database cannot hold or compare, e.g. a NUL character or 2026-13-45.
  if (sqlState?.startsWith(PG_DATA_EXCEPTION))
    return new ImsxError(400, CodeMinor.invalidData, 'A value in the request cannot be stored or compared (e.g. a NUL character or an impossible date).');
  // Fastify's own client errors (bad JSON, wrong content type, body too large) carry a 4xx status.
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (status === 413) return new ImsxError(413, CodeMinor.invalidData, 'Request body too large.');
  if (status === 415) return new ImsxError(415, CodeMinor.invalidData, e.message);
  if (status === 429) return new ImsxError(429, CodeMinor.serverBusy, 'Too many requests.');
  if (status >= 400 && status < 500) return new ImsxError(400, CodeMinor.invalidData, e.message);
  return new ImsxError(500, CodeMinor.internal, 'Internal server error.');
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const imsx = toImsxError(error);
    if (imsx.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    // RFC 6750 §3: a 401 names the scheme, and says when the token sent was the problem.
    if (imsx.statusCode === 401)
      reply.header('WWW-Authenticate', request.headers.authorization ? 'Bearer realm="learnstack", error="invalid_token"' : 'Bearer realm="learnstack"');
    reply.code(imsx.statusCode).type('application/json').send(imsx.body());
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(imsxBody(CodeMinor.unknownObject, `No endpoint ${request.method} ${request.url.split('?')[0]}.`));
  });
}
