/**
 * The binding's bulk POSTs (line items of a class or school, results of a line item or of a class in
 * a session). All or nothing: every row is written in one transaction, and the first bad row fails
 * the request with an error that names the row and the field (`lineItems[3].class`).
 */
import { Type, type TArray, type TObject, type TUnknown } from '@sinclair/typebox';
import type { Service, ParentCheck } from '../../platform/service.js';
import type { ScopeRequirement } from '../../platform/auth/scopes.js';
import { invalidData } from '../../platform/errors.js';
import { atRow, inputSchema, writeMany, type ResourceDef } from '../../platform/resource/resource.js';

type Params = Record<string, string>;
type Row = Record<string, unknown>;

export interface BulkOptions {
  operationId: string;
  summary: string;
  scopes: ScopeRequirement;
  parents: ParentCheck[];
  /** References every row takes from the path: `{ class: 'classSourcedId' }`. */
  pinned: Record<string, string>;
}

/** The binding's GUIDPairSet: one pair per created row. */
const SourcedIdPairSet = Type.Object({
  sourcedIdPairs: Type.Array(Type.Object({ suppliedSourcedId: Type.String(), allocatedSourcedId: Type.String() })),
});

/** Sets each pinned reference from the path; a row naming another object there is refused. */
function pinReferences(row: Row, pinned: Record<string, string>, params: Params): Row {
  const out = { ...row };
  for (const [field, param] of Object.entries(pinned)) {
    const given = (row[field] as { sourcedId?: string } | null | undefined)?.sourcedId;
    if (given !== undefined && given !== params[param]) throw invalidData(field, `'${given}' differs from the ${field} in the URL ('${params[param]}').`);
    out[field] = { sourcedId: params[param] };
  }
  return out;
}

export function bulkCreate(service: Service, path: string, resource: ResourceDef, options: BulkOptions): void {
  const key = resource.plural;
  const pathFields = Object.keys(options.pinned);
  service.route(
    {
      method: 'POST',
      path,
      operationId: options.operationId,
      summary: options.summary,
      scopes: options.scopes,
      // Typed as a record: the key is the resource's.
      body: Type.Object(
        {
          [key]: Type.Array(inputSchema(resource, false, pathFields), {
            minItems: 1,
            maxItems: service.deps.limits.maxBulkRows,
            description: `At most ${service.deps.limits.maxBulkRows} rows (MAX_BULK_ROWS); larger loads belong to a OneRoster CSV import.`,
          }),
        },
        { additionalProperties: true },
      ) as TObject<Record<string, TArray<TObject<Record<string, TUnknown>>>>>,
      responses: { 201: SourcedIdPairSet },
    },
    async (request, reply) => {
      const params = request.params;
      const rows = request.body[key];
      const sourcedIdPairs = await service.deps.db.transaction(async (tx) => {
        await service.checkParents(tx, options.parents, params);
        const pinned = rows.map((row, index) => {
          try {
            return pinReferences(row, options.pinned, params);
          } catch (error) {
            throw atRow(error, `${key}[${index}]`);
          }
        });
        const written = await writeMany(tx, resource, pinned, 'create');
        return written.map(({ sourcedId }, index) => ({
          suppliedSourcedId: typeof rows[index].sourcedId === 'string' ? (rows[index].sourcedId as string) : sourcedId,
          allocatedSourcedId: sourcedId,
        }));
      });
      reply.code(201);
      return { sourcedIdPairs };
    },
  );
}
