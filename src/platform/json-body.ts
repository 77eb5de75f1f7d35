/**
 * JSON request bodies (`application/json` and every `application/*+json`, such as the VC media type)
 * with a depth limit, enforced right after parsing and before any validation, merge or serialisation
 * walks the value recursively (a body nested thousands of levels deep overflowed the stack: a 500).
 */
import type { FastifyInstance } from 'fastify';
import { badRequest } from './errors.js';

export interface JsonBodyOptions {
  /** Deepest nesting of objects and arrays a body may have. */
  maxJsonDepth: number;
}

/** The nesting depth of a parsed value, walked without recursion; stops as soon as it exceeds `limit`. */
export function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

export function installJsonBodies(app: FastifyInstance, options: JsonBodyOptions): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  const limited: Parameters<FastifyInstance['addContentTypeParser']>[2] = (request, body, done) =>
    parse(request, body as string, (error, value) => {
      if (error) return done(error, undefined);
      if (depthExceeds(value, options.maxJsonDepth))
        return done(badRequest(`The body nests deeper than ${options.maxJsonDepth} levels (MAX_JSON_DEPTH).`, 'body'), undefined);
      done(null, value);
    });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, limited);
  app.addContentTypeParser(/^application\/[\w.+-]+\+json$/, { parseAs: 'string' }, limited);
}
