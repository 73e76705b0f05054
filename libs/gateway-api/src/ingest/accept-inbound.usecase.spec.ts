import type { IntegratorPrincipal } from '@switchboard/auth';
import { loadConfig } from '@switchboard/config';
import { DomainError, type InboundContactBody } from '@switchboard/contracts';
import { BusOverloadedError, type Bus, type OutgoingMessage } from '@switchboard/messaging';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { AcceptInbound, BUS_UNAVAILABLE_RETRY_AFTER_MS } from './accept-inbound.usecase';
import type { InboxDefaults, InboxDefaultsDirectory } from './inbox-defaults.directory';
import type { IngestAdmissionGate } from './ingest-admission.gate';
import type { QueueNamesDirectory } from './queue-names.directory';

const principal: IntegratorPrincipal = { kind: 'integrator', apiKeyId: 'k1', tenantId: 't1', channels: [] };
const body: InboundContactBody = {
  channel: 'chat',
  channelMessageId: 'm1',
  from: { address: 'visitor-1' },
  body: 'hello',
  sentAt: '2026-11-24T10:00:00Z',
};

function setup(
  options: {
    queues?: string[];
    publish?: (messages: OutgoingMessage[]) => Promise<void>;
    admit?: () => Promise<void>;
    inboxes?: Record<string, InboxDefaults>;
  } = {},
) {
  const published: OutgoingMessage[] = [];
  const steps: string[] = [];
  const bus = {
    publish: (_topic: string, messages: OutgoingMessage[]) => {
      steps.push('publish');
      published.push(...messages);
      return options.publish?.(messages) ?? Promise.resolve();
    },
  } as unknown as Bus;
  const queues = {
    has: (tenantId: string, name: string) => {
      steps.push('queue');
      return Promise.resolve(tenantId === 't1' && (options.queues ?? []).includes(name));
    },
  } as unknown as QueueNamesDirectory;
  const admission = {
    admit: () => {
      steps.push('admit');
      return options.admit?.() ?? Promise.resolve();
    },
  } as unknown as IngestAdmissionGate;
  const config = loadConfig({ PGLITE_DATA_DIR: 'memory://' });
  const inboxes = {
    find: (tenantId: string, id: string) =>
      Promise.resolve(tenantId === 't1' ? options.inboxes?.[id] : undefined),
  } as unknown as InboxDefaultsDirectory;
  const usecase = new AcceptInbound(bus, config, admission, queues, inboxes, pino({ level: 'silent' }));
  return { usecase, published, steps };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('AcceptInbound', () => {
  it('publishes a record naming an existing queue, after checking the queue and admission', async () => {
    const { usecase, published, steps } = setup({ queues: ['billing'] });
    const accepted = await usecase.execute(principal, { ...body, queue: 'billing' });
    expect(accepted).toMatchObject({ status: 'accepted', tenantId: 't1', channelMessageId: 'm1' });
    expect(steps).toEqual(['queue', 'admit', 'publish']);
    expect(JSON.parse(String(published[0].value))).toMatchObject({ queue: 'billing', tenantId: 't1' });
  });

  it('skips the queue lookup when no queue is named', async () => {
    const { usecase, steps } = setup();
    await usecase.execute(principal, body);
    expect(steps).toEqual(['admit', 'publish']);
  });

  it('refuses a queue the tenant does not have with NotFound naming queue, publishing nothing', async () => {
    const { usecase, published } = setup({ queues: ['billing'] });
    const error = await failure(usecase.execute(principal, { ...body, queue: 'nope' }));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', issues: [{ path: 'queue', message: 'no such queue' }] });
    expect(published).toEqual([]);
  });

  it("queues a record naming an inbox and no queue in the inbox's default queue", async () => {
    const inboxes = { i1: { channel: 'chat', active: true, defaultQueue: 'billing' } };
    const { usecase, published } = setup({ queues: ['billing', 'general'], inboxes });
    await usecase.execute(principal, { ...body, inboxId: 'i1' });
    await usecase.execute(principal, { ...body, inboxId: 'i1', queue: 'general' });
    const records = published.map((m) => JSON.parse(String(m.value)) as { queue?: string; inboxId?: string });
    expect(records.map((r) => [r.inboxId, r.queue])).toEqual([
      ['i1', 'billing'],
      ['i1', 'general'],
    ]);
  });

  it('refuses an unknown, foreign, inactive or other-channel inbox naming inboxId, publishing nothing', async () => {
    const inboxes = {
      i1: { channel: 'email', active: true, defaultQueue: null },
      i2: { channel: 'chat', active: false, defaultQueue: null },
    };
    const { usecase, published } = setup({ inboxes });
    const other: IntegratorPrincipal = { ...principal, tenantId: 't2' };
    const refusals = await Promise.all([
      failure(usecase.execute(principal, { ...body, inboxId: 'nope' })),
      failure(usecase.execute(other, { ...body, channel: 'email', inboxId: 'i1' })),
      failure(usecase.execute(principal, { ...body, inboxId: 'i1' })),
      failure(usecase.execute(principal, { ...body, inboxId: 'i2' })),
    ]);
    expect(refusals.map((e) => (e as DomainError).code)).toEqual([
      'NOT_FOUND',
      'NOT_FOUND',
      'VALIDATION_FAILED',
      'CONFLICT',
    ]);
    for (const e of refusals) expect((e as DomainError).issues.map((i) => i.path)).toEqual(['inboxId']);
    expect(published).toEqual([]);
  });

  it('publishes nothing when admission refuses', async () => {
    const overloaded = new DomainError('OVERLOADED', 'busy', [], { retryAfterMs: 1000 });
    const { usecase, steps } = setup({ admit: () => Promise.reject(overloaded) });
    expect(await failure(usecase.execute(principal, body))).toBe(overloaded);
    expect(steps).toEqual(['admit']);
  });

  it("turns the bus's overload into Overloaded with the bus's own retry delay", async () => {
    const { usecase } = setup({
      publish: () => Promise.reject(new BusOverloadedError('inbound', 100_000, 2_500)),
    });
    expect(await failure(usecase.execute(principal, body))).toMatchObject({
      code: 'OVERLOADED',
      retryAfterMs: 2_500,
    });
  });

  it('turns any other publish failure into Unavailable with a retry delay, never an unexpected error', async () => {
    const { usecase } = setup({ publish: () => Promise.reject(new Error('KafkaJSConnectionError')) });
    const error = await failure(usecase.execute(principal, body));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', retryAfterMs: BUS_UNAVAILABLE_RETRY_AFTER_MS });
  });
});
