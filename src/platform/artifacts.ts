/**
 * Generated artifacts that are checked in so every change of SQL or API shows in review:
 * `openapi/<service>.json` (the discovery documents) and `sql/<service>/<resource>.sql` (the canonical
 * statements of each list and get route). `npm run generate` writes them; a test fails on drift.
 */
import { PgDialect } from 'drizzle-orm/pg-core';
import { openApiDocument } from './discovery.js';
import type { Service } from './service.js';

const dialect = new PgDialect();
const EXAMPLE_SERVER = 'https://learnstack.example';

export function renderArtifacts(services: Service[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const service of services) {
    files.set(`openapi/${service.info.name}.json`, `${JSON.stringify(openApiDocument(service, EXAMPLE_SERVER), null, 2)}\n`);
    const byResource = new Map<string, string[]>();
    for (const route of service.routes) {
      if (!route.statements || !route.resource) continue;
      const lines = [`-- ${route.operationId}: ${route.method} ${service.info.basePath}${route.path}`];
      for (const statement of route.statements()) {
        const query = dialect.sqlToQuery(statement);
        lines.push(`${query.sql};`);
        if (query.params.length) lines.push(`-- params: ${JSON.stringify(query.params)}`);
      }
      byResource.set(route.resource, [...(byResource.get(route.resource) ?? []), lines.join('\n')]);
    }
    for (const [resource, blocks] of byResource) files.set(`sql/${service.info.name}/${resource}.sql`, `${blocks.join('\n\n')}\n`);
  }
  return files;
}
