// The committed docs/schemas must be what the contracts say today; like a snapshot, it reads committed files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JSON_SCHEMA_DIR, jsonSchemaFiles } from './json-schema';

const dir = join(__dirname, '..', '..', '..', JSON_SCHEMA_DIR);

describe('committed JSON Schemas', () => {
  const expected = jsonSchemaFiles();

  it('exist for exactly the published contracts (run npm run schemas)', () => {
    expect(
      readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.keys(expected))('%s is up to date (run npm run schemas)', (name) => {
    expect(readFileSync(join(dir, name), 'utf8')).toBe(expected[name]);
  });

  it('describe the new inbound fields', () => {
    const inbound = JSON.parse(expected['inbound-contact.v1.json']) as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(inbound.properties)).toEqual(expect.arrayContaining(['inboxId', 'html', 'threadKey']));
  });
});
