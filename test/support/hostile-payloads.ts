// Generates request bodies that a strict API must refuse: wrong JSON types, wrong field types, unknown
// fields, oversized strings, deep nesting, control characters and injection strings. Each family is built
// so that no member can accidentally be a valid body for a strict object schema.
import fc from 'fast-check';

export interface JsonSchemaLike {
  type?: string | string[];
  properties?: Record<string, JsonSchemaLike>;
  required?: string[];
  maxLength?: number;
  anyOf?: JsonSchemaLike[];
  oneOf?: JsonSchemaLike[];
}

const INJECTIONS = [
  "'; DROP TABLE agents; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/a}',
  '../../../../etc/passwd',
  '{{7*7}}',
  '\u0000\u0001\u0002',
  '\ud800',
  '𝕊𝕨𝕚𝕥𝕔𝕙𝕓𝕠𝕒𝕣𝕕 🚀 ﷽',
  '\u202Eevil',
];

/** A body that is not a JSON object at all. */
const notAnObject = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string(),
  fc.array(fc.jsonValue(), { maxLength: 5 }),
  fc.constantFrom(...INJECTIONS),
);

/** An object carrying a key no schema declares; strict schemas reject unknown keys. */
function withUnknownKey(schema: JsonSchemaLike): fc.Arbitrary<Record<string, unknown>> {
  const known = new Set(Object.keys(schema.properties ?? {}));
  return fc
    .tuple(
      fc.constantFrom('__proto__x', 'constructor ', '$where', 'é', 'x'.repeat(300), ...INJECTIONS),
      fc.jsonValue(),
    )
    .filter(([key]) => !known.has(key))
    .map(([key, value]) => ({ [key]: value }));
}

function wrongTypeFor(property: JsonSchemaLike): fc.Arbitrary<unknown> {
  const types = new Set([property.type ?? []].flat());
  const options: Array<fc.Arbitrary<unknown>> = [];
  if (!types.has('object')) options.push(fc.constant({ nested: { deeper: [1, 2, 3] } }));
  if (!types.has('array')) options.push(fc.constant([[], {}, null]));
  if (!types.has('number') && !types.has('integer')) options.push(fc.constantFrom(1e308, -0, 42));
  if (!types.has('boolean')) options.push(fc.boolean());
  if (!types.has('string')) options.push(fc.constantFrom(...INJECTIONS));
  if (types.has('string')) options.push(fc.constant('x'.repeat((property.maxLength ?? 100_000) + 1)));
  return fc.oneof(...options);
}

/** Each known field in turn gets a value of the wrong type (or an overlong string). */
function withWrongFieldType(schema: JsonSchemaLike): fc.Arbitrary<Record<string, unknown>> | null {
  const properties = Object.entries(schema.properties ?? {}).filter(([, p]) => p.type !== undefined);
  if (properties.length === 0) return null;
  return fc
    .constantFrom(...properties)
    .chain(([name, property]) => wrongTypeFor(property).map((value) => ({ [name]: value })));
}

function deeplyNested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

export function hostileBodies(schema: JsonSchemaLike, count: number): unknown[] {
  const families: Array<fc.Arbitrary<unknown>> = [notAnObject, withUnknownKey(schema)];
  const wrongType = withWrongFieldType(schema);
  if (wrongType) families.push(wrongType);
  const generated = fc.sample(fc.oneof(...families), { numRuns: count, seed: 20261124 });
  // A few fixed extremes that random sampling rarely reaches.
  generated.push(deeplyNested(200), { a: 'x'.repeat(2_000_000) }, [deeplyNested(50)]);
  return generated;
}

/** Raw texts that are not valid JSON, or are JSON nested deeper than any parser should recurse. */
export const MALFORMED_JSON = [
  '{',
  '{"a":',
  "{'a':1}",
  '[1,2',
  'NaN',
  '\u0000',
  '{"a":1}}',
  '\ufeff{"a"',
  '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000),
];
