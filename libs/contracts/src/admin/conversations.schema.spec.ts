import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseWith } from '../validation.util';
import { ConversationSearchFiltersSchema, refineCreatedRange } from './conversations.schema';

const Query = ConversationSearchFiltersSchema.superRefine(refineCreatedRange);

describe('conversation search filters', () => {
  it('reads a status list from repeated and comma-separated parameters alike', () => {
    expect(Query.parse({ status: 'queued,offered' }).status).toEqual(['queued', 'offered']);
    expect(Query.parse({ status: ['queued', 'assigned,resolved'] }).status).toEqual([
      'queued',
      'assigned',
      'resolved',
    ]);
  });

  it('names the bad parameter', () => {
    const paths = (input: unknown) => {
      const parsed = parseWith(Query, input);
      return parsed.ok ? [] : parsed.issues.map((i) => i.path);
    };
    expect(paths({ status: 'weird' })).toEqual(['status.0']);
    expect(paths({ createdFrom: 'yesterday' })).toEqual(['createdFrom']);
    expect(paths({ channel: 'fax' })).toEqual(['channel']);
    expect(paths({ queueId: ['a', 'b'] })).toEqual(['queueId']);
  });

  it('rejects unknown parameters and an empty time window', () => {
    expect(Query.safeParse({ stauts: 'queued' }).success).toBe(false);
    const inverted = Query.safeParse({
      createdFrom: '2026-11-24T10:00:00Z',
      createdTo: '2026-11-24T09:00:00Z',
    });
    expect(inverted.success).toBe(false);
    expect(inverted.error?.issues[0].path).toEqual(['createdTo']);
  });

  it('stays strict when extended with the page parameters', () => {
    const paged = ConversationSearchFiltersSchema.extend({ limit: z.coerce.number() });
    expect(paged.safeParse({ limit: '5', extra: '1' }).success).toBe(false);
  });
});
