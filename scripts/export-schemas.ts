// Writes the published contracts' JSON Schemas to docs/schemas, one file per contract. A unit test
// (libs/contracts/src/json-schema.files.spec.ts) fails when the committed files differ from the contracts.
//   npm run schemas
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JSON_SCHEMA_DIR, jsonSchemaFiles } from '../libs/contracts/src/json-schema';

const dir = resolve(JSON_SCHEMA_DIR);
const files = jsonSchemaFiles();
mkdirSync(dir, { recursive: true });
// A contract no longer published must not leave its old document behind.
for (const stale of readdirSync(dir).filter((name) => name.endsWith('.json') && !(name in files))) {
  rmSync(join(dir, stale));
}
for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
process.stdout.write(`${Object.keys(files).length} JSON Schemas written to ${JSON_SCHEMA_DIR}\n`);
