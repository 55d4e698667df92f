/**
 * Enough of JSON Schema to check a value against the schemas of our OpenAPI document: `$ref` into
 * `components.schemas`, `const`, `type` (one or a list), `required`, and `properties`, a property the
 * schema does not describe counting as a problem too (so the document cannot fall behind the code).
 */
type Schema = {
  $ref?: string;
  const?: unknown;
  type?: string | string[];
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: unknown;
};

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (Number.isInteger(value)) return "integer";
  return typeof value;
}

/** What is wrong with `value` under `schema`, one line per problem; empty when nothing is. */
export function schemaProblems(schema: Schema, value: unknown, schemas: Record<string, Schema>, path = "$"): string[] {
  if (schema.$ref) return schemaProblems(schemas[schema.$ref.split("/").pop()!]!, value, schemas, path);
  if ("const" in schema)
    return value === schema.const ? [] : [`${path} is ${String(value)}, not ${String(schema.const)}`];
  const actual = typeOf(value);
  const types = [schema.type ?? []].flat();
  if (types.length > 0 && !types.includes(actual) && !(actual === "integer" && types.includes("number"))) {
    return [`${path} is ${actual}, not ${types.join(" or ")}`];
  }
  if (actual !== "object" || !schema.properties) return [];
  const object = value as Record<string, unknown>;
  return [
    ...(schema.required ?? []).filter((key) => !(key in object)).map((key) => `${path}.${key} is missing`),
    ...Object.keys(object)
      .filter((key) => !(key in schema.properties!) && schema.additionalProperties === undefined)
      .map((key) => `${path}.${key} is not described`),
    ...Object.entries(schema.properties)
      .filter(([key]) => key in object)
      .flatMap(([key, property]) => schemaProblems(property, object[key], schemas, `${path}.${key}`)),
  ];
}
