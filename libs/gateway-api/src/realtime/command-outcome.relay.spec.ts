import { loadConfig } from '@switchboard/config';
import { COMMAND_OUTCOME_V1, type CommandOutcomeV1 } from '@switchboard/contracts';
import type { Bus, ConsumedMessage } from '@switchboard/messaging';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CommandOutcomeRelay, OUTCOME_UNKNOWN } from './command-outcome.relay';

const AT = '2026-12-05T10:00:00.000Z';

function relay(): CommandOutcomeRelay {
  const config = loadConfig({ PGLITE_DATA_DIR: 'memory://', COMMAND_ACK_TIMEOUT_MS: '1000' });
  return new CommandOutcomeRelay({} as Bus, config);
}

function batch(...outcomes: (CommandOutcomeV1 | string)[]): { messages: ConsumedMessage[] } {
  return {
    messages: outcomes.map((o, i) => ({
      topic: 'outcomes',
      partition: 0,
      offset: String(i),
      key: 't1',
      value: Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)),
      headers: {},
    })),
  };
}

const done = (commandId: string, tenantId = 't1'): CommandOutcomeV1 => ({
  schema: COMMAND_OUTCOME_V1,
  commandId,
  tenantId,
  agentId: 'a1',
  ok: true,
  at: AT,
});

afterEach(() => vi.useRealTimers());

describe('CommandOutcomeRelay', () => {
  it("settles a waiting command with the router's outcome, refusals with their code and message", async () => {
    const r = relay();
    const accepted = r.expect('c-1', 't1');
    const refused = r.expect('c-2', 't1');
    await r.receive(
      batch(done('c-1'), {
        ...done('c-2'),
        ok: false,
        code: 'OFFER_NOT_LIVE',
        message: 'Offer o1 is not live for you',
      }),
    );
    await expect(accepted).resolves.toEqual({ ok: true, commandId: 'c-1' });
    await expect(refused).resolves.toEqual({
      ok: false,
      commandId: 'c-2',
      code: 'OFFER_NOT_LIVE',
      message: 'Offer o1 is not live for you',
    });
  });

  it("ignores another tenant's record, garbage and unknown ids; the ack then ends OUTCOME_UNKNOWN", async () => {
    vi.useFakeTimers();
    const r = relay();
    const waiting = r.expect('c-1', 't1');
    await r.receive(batch(done('c-1', 't2'), 'not json', '{"schema":"x"}', done('someone-else')));
    vi.advanceTimersByTime(1000);
    await expect(waiting).resolves.toEqual(
      expect.objectContaining({ ok: false, commandId: 'c-1', code: OUTCOME_UNKNOWN }),
    );
  });

  it('answers once: the first outcome wins, a redelivered one finds nobody waiting', async () => {
    const r = relay();
    const waiting = r.expect('c-1', 't1');
    await r.receive(batch(done('c-1'), { ...done('c-1'), ok: false, code: 'CONFLICT', message: 'late' }));
    await expect(waiting).resolves.toEqual({ ok: true, commandId: 'c-1' });
  });
});
