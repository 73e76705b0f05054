// Every input contract (REST bodies and queries, socket commands, bus records) passes the contract audit.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { auditInputContract } from './contract-audit.util';
import * as contracts from './index';
import { StorableTextSchema } from './primitives.schema';

/** Exported schemas that validate input, by naming convention. */
const INPUT_SCHEMA = /(BodySchema|FiltersSchema|InputSchema|V1Schema|DocumentSchema|WriteSchema)$/;
/** Outputs: built by the engine itself from validated input, never parsed from a client. */
const OUTPUTS = new Set(['RoutingEventV1Schema', 'DeadLetterV1Schema']);

const inputs = Object.entries(contracts).filter(
  ([name, value]) => INPUT_SCHEMA.test(name) && !OUTPUTS.has(name) && typeof value === 'object',
) as Array<[string, z.ZodType]>;

describe('input contracts', () => {
  it('are found', () => {
    const names = inputs.map(([name]) => name);
    expect(names).toEqual(
      expect.arrayContaining([
        'InboundContactBodySchema',
        'InboundContactV1Schema',
        'AgentCommandInputSchema',
        'AgentCommandV1Schema',
        'CreateAgentBodySchema',
        'ConversationSearchFiltersSchema',
        'QueuePolicyWriteSchema',
      ]),
    );
  });

  it.each(inputs)('%s: all text storable and bounded, all lists and maps bounded', (_name, schema) => {
    expect(auditInputContract(schema)).toEqual([]);
  });
});

describe('the contract audit', () => {
  it('flags plain or unbounded text, unbounded lists and maps, and untyped values', () => {
    const findings = auditInputContract(
      z.strictObject({
        plain: z.string().max(10),
        endless: StorableTextSchema,
        list: z.array(StorableTextSchema.max(3)),
        map: z.record(StorableTextSchema.max(3), z.number()),
        anything: z.unknown(),
      }),
    );
    expect(findings).toEqual([
      { path: 'plain', problem: 'text is not storable(...)' },
      { path: 'endless', problem: 'text has no maximum length' },
      { path: 'list', problem: 'list has no maximum length' },
      { path: 'map', problem: 'map has no bound on its keys' },
      { path: 'anything', problem: 'unexpected unknown: unknown, any or a new kind to audit' },
    ]);
  });
});
