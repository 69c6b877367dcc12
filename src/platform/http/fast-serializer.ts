import fastJson from 'fast-json-stringify';
import { z } from 'zod';

/**
 * A response serializer compiled once from the route's zod schema: its output JSON Schema
 * (`z.toJSONSchema`, as the OpenAPI document shows it) given to fast-json-stringify, Fastify's own
 * serializer. Like zod's it writes only the properties the schema declares (never a field the code
 * added by mistake), and a missing required one fails the answer; unlike it, it does not check
 * each value against the schema again (a number where a string is declared is written as a
 * string). For hot public routes whose answers are built field by field: zod's check was about
 * 5 % of a public tracking request's CPU.
 */
export const fastSerializerCompiler = ({ schema }: { schema: unknown }): ((data: unknown) => string) => {
  if (!(schema instanceof z.ZodType)) throw new TypeError('fastSerializerCompiler: a response schema must be a zod schema');
  const stringify = fastJson(z.toJSONSchema(schema, { io: 'output' }) as Parameters<typeof fastJson>[0]);
  return (data: unknown) => stringify(data);
};
