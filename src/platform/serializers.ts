/**
 * Response serializers shared between routes whose response schemas are the same.
 *
 * Fastify compiles one fast-json-stringify function per route and status code. Most of ours repeat:
 * every route answers 400/401/403/404/422/500 with the same imsx_StatusInfo schema, and a resource's
 * collection envelope appears on several paths. Compiled per route they took ≈ 46 MB of the 52 MB heap
 * the application holds before its first request (measured with 4 services); compiled once per distinct
 * schema, memory and start-up time fall, and so does the garbage collector's work on every major GC.
 */
import SerializerSelector from '@fastify/fast-json-stringify-compiler';

type Serialize = (data: unknown) => string;
type BuildSerializer = ReturnType<typeof SerializerSelector>;

/** A serializer factory for Fastify's `schemaController.compilersFactory.buildSerializer`. */
export function sharedSerializers(): BuildSerializer {
  const defaults = SerializerSelector();
  // One cache for every encapsulation context of the app: the schemas do not depend on it.
  const compiled = new Map<string, Serialize>();
  return ((externalSchemas: unknown, options: unknown) => {
    const compile = (defaults as (e: unknown, o: unknown) => (route: { schema: unknown }) => Serialize)(externalSchemas, options);
    return (route: { schema: unknown }) => {
      // JSON text is the schema as fast-json-stringify reads it (TypeBox's symbol keys play no part).
      const key = JSON.stringify(route.schema);
      let serialize = compiled.get(key);
      if (!serialize) {
        serialize = compile(route);
        compiled.set(key, serialize);
      }
      return serialize;
    };
  }) as BuildSerializer;
}
