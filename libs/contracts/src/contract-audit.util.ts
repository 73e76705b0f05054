// Audits an input schema: every text field is storable and has a maximum length, and every list and map is
// bounded. Contract specs run it over every input schema, so a field added without the rules fails a test
// rather than reaching PostgreSQL (a 500) or allocating without bound.
import type { z } from 'zod';
import { isStorableText } from './primitives.schema';

export interface ContractFinding {
  path: string;
  problem: string;
}

type Def = {
  type: string;
  checks?: Array<{ _zod: { def: { check: string } } }>;
  [key: string]: unknown;
};

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const hasCheck = (def: Def, check: string): boolean =>
  (def.checks ?? []).some((c) => c._zod.def.check === check);

function walk(schema: z.ZodType, path: string, findings: ContractFinding[], seen: Set<z.ZodType>): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  const def = defOf(schema);
  const inner = (child: unknown, at = path): void => walk(child as z.ZodType, at, findings, seen);
  switch (def.type) {
    case 'string':
      if (!isStorableText(schema)) findings.push({ path, problem: 'text is not storable(...)' });
      if (!hasCheck(def, 'max_length')) findings.push({ path, problem: 'text has no maximum length' });
      return;
    case 'array':
      if (!hasCheck(def, 'max_length')) findings.push({ path, problem: 'list has no maximum length' });
      return inner(def.element, `${path}[]`);
    case 'record':
      // A map's size is bounded by a refinement on its key count.
      if (!hasCheck(def, 'custom')) findings.push({ path, problem: 'map has no bound on its keys' });
      inner(def.keyType, `${path}{key}`);
      return inner(def.valueType, `${path}{}`);
    case 'object':
      for (const [key, child] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        inner(child, path ? `${path}.${key}` : key);
      }
      return;
    case 'union':
      for (const option of def.options as z.ZodType[]) inner(option);
      return;
    case 'intersection':
      inner(def.left);
      return inner(def.right);
    case 'pipe':
      inner(def.in);
      return inner(def.out);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return inner(def.innerType);
    case 'lazy':
      return inner((def.getter as () => z.ZodType)());
    case 'number':
    case 'boolean':
    case 'enum':
    case 'literal':
    case 'transform':
      return;
    default:
      findings.push({ path, problem: `unexpected ${def.type}: unknown, any or a new kind to audit` });
  }
}

/** What is missing in `schema`, by field path (`a.b[]`, `map{key}`); empty when it passes. */
export function auditInputContract(schema: z.ZodType): ContractFinding[] {
  const findings: ContractFinding[] = [];
  walk(schema, '', findings, new Set());
  return findings;
}
