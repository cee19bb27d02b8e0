// Response serializers, one per distinct response schema. Fastify compiles a serializer (a function
// fast-json-stringify generates, whose source V8 keeps) for every status of every route with a response
// schema, and again for the HEAD route it adds beside each GET: at start about 160 functions for some 50
// distinct schemas (1.3 MB of source text alone, README: Performance, Memory). A serializer depends on its
// schema only, so the same schema, written out the same way, is compiled once and its function shared.
import { createHash } from 'node:crypto';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';

type SerializerFactory = SerializerSelector.SerializerFactory;
type Serializer = SerializerSelector.Serializer;

export function oneSerializerPerSchema(build: SerializerFactory = SerializerSelector()): SerializerFactory {
  // Shared by every plugin's context: Fastify asks each for its own compiler. By what decides the function,
  // as JSON, what fast-json-stringify reads of them (TypeBox's symbol keys are left out), kept as its
  // digest: the schemas' text would stay in memory for the process's life.
  const compiled = new Map<string, Serializer>();
  return (externalSchemas, options) => {
    const compile = build(externalSchemas, options);
    const context = JSON.stringify([externalSchemas, options]);
    return (route) => {
      const key = createHash('sha256')
        .update(`${context}\u0000${JSON.stringify(route.schema)}`)
        .digest('base64');
      let serializer = compiled.get(key);
      if (!serializer) compiled.set(key, (serializer = compile(route)));
      return serializer;
    };
  };
}
