// Response serializers are compiled once per distinct schema and shared: by the routes that answer with
// the same schema, and by the HEAD route Fastify adds beside each GET. What they write is unchanged.
import Fastify from 'fastify';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { oneSerializerPerSchema } from '../../src/core/serializers.js';

describe('one serializer per response schema', () => {
  it('compiles each distinct schema once, for every route and its HEAD route, and each serializer writes only its schema’s fields', async () => {
    const compiledFor: string[] = [];
    const build: SerializerSelector.SerializerFactory = (externalSchemas, options) => {
      const compile = SerializerSelector()(externalSchemas, options);
      return (route) => {
        compiledFor.push(`${route.method} ${route.url} ${route.httpStatus}`);
        return compile(route);
      };
    };
    const app = Fastify({ schemaController: { compilersFactory: { buildSerializer: oneSerializerPerSchema(build) } } });
    const Thread = Type.Object({ id: Type.Integer(), title: Type.String() });
    // The same schema, built twice (as two features would): equal, not the same object.
    const Error = () => Type.Object({ error: Type.String() });
    const row = { id: 7, title: 'Kajak i maj', secret: 'not in the schema' };
    app.get('/a', { schema: { response: { 200: Thread, 404: Error() } } }, async () => row);
    app.get('/b', { schema: { response: { 200: Thread, 404: Error() } } }, async () => row);
    // In a plugin of its own, which Fastify gives a compiler of its own.
    await app.register(async (child) => {
      child.get('/c', { schema: { response: { 200: Type.Object({ id: Type.Integer() }) } } }, async () => row);
    });
    await app.ready();

    // Thread, Error and the plugin's schema: three, where Fastify alone compiles ten (five routes with HEAD).
    expect(compiledFor).toHaveLength(3);
    expect((await app.inject('/a')).json()).toEqual({ id: 7, title: 'Kajak i maj' });
    expect((await app.inject('/b')).json()).toEqual({ id: 7, title: 'Kajak i maj' });
    expect((await app.inject('/c')).json()).toEqual({ id: 7 });
    const head = await app.inject({ method: 'HEAD', url: '/a' });
    expect(head.statusCode).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify({ id: 7, title: 'Kajak i maj' })));
    await app.close();
  });
});
