// What every feature's schemas share. Schemas are written with TypeBox: one declaration is both the JSON
// Schema that Fastify validates a request (or serialises an answer) with and the TypeScript type of it.
import { Type, type Static, type TSchema } from 'typebox';

/** An id as the database keeps it (an int4 column): a larger one would be refused by the database. */
export const databaseId = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

/**
 * The schema's own type, or null. Written as one `type` list rather than TypeBox's `anyOf` union: the
 * serializer writes such a field directly, where an `anyOf` makes it validate the value against each
 * branch first.
 */
export function Nullable<T extends TSchema>(schema: T) {
  const { type } = schema as { type?: unknown };
  if (typeof type !== 'string') throw new TypeError('Nullable takes a schema of one type');
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [type, 'null'] });
}

/** One of these strings, checked as the string it is (`type` too, so a number sent is read as text first). */
export function OneOf<const Values extends string[]>(values: readonly [...Values]) {
  return Type.Enum(values, { type: 'string' });
}

/** What a form's page sends scripts when it is its own JSON: the (empty) values and errors its view starts from. */
export const blankForm = { values: Type.Object({}), errors: Type.Object({}) };
