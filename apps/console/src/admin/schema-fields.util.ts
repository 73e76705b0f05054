// Form fields from a contract schema (via its JSON Schema): text, number, checkbox and choice inputs for
// scalar properties, a JSON box for nested ones. One source of truth: the form cannot drift from the API.
import { z } from 'zod';

export interface FormField {
  name: string;
  kind: 'text' | 'number' | 'boolean' | 'choice' | 'json';
  required: boolean;
  options: string[];
  description: string | undefined;
}

interface JsonSchemaProperty {
  type?: string | string[];
  enum?: unknown[];
  description?: string;
  anyOf?: JsonSchemaProperty[];
}

export function fieldsOf(schema: z.ZodType): FormField[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, JsonSchemaProperty>;
    required?: string[];
  };
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    required: required.has(name),
    description: property.description,
    ...kindOf(property),
  }));
}

function kindOf(property: JsonSchemaProperty): Pick<FormField, 'kind' | 'options'> {
  const nonNull = property.anyOf?.filter((p) => p.type !== 'null');
  if (nonNull && nonNull.length === 1) return kindOf({ ...nonNull[0], description: property.description });
  if (property.enum) return { kind: 'choice', options: property.enum.map(String) };
  const type = Array.isArray(property.type) ? property.type.find((t) => t !== 'null') : property.type;
  if (type === 'string') return { kind: 'text', options: [] };
  if (type === 'number' || type === 'integer') return { kind: 'number', options: [] };
  if (type === 'boolean') return { kind: 'boolean', options: [] };
  return { kind: 'json', options: [] };
}

/** Reads a form back into a body: empty optional fields are left out; JSON boxes must parse. */
export function bodyOf(
  fields: FormField[],
  form: FormData,
): { body: Record<string, unknown>; errors: Record<string, string> } {
  const body: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const raw = form.get(field.name);
    if (field.kind === 'boolean') {
      body[field.name] = raw === 'on';
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') continue;
    if (field.kind === 'number') body[field.name] = Number(text);
    else if (field.kind === 'json') {
      try {
        body[field.name] = JSON.parse(text) as unknown;
      } catch {
        errors[field.name] = 'must be valid JSON';
      }
    } else body[field.name] = text;
  }
  return { body, errors };
}

/** `displayName` → `Display name`: column headings from the API's field names. */
export function humanize(field: string): string {
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
