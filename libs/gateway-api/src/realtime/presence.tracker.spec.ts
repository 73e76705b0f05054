import { loadConfig } from '@switchboard/config';
import type { PresenceV1 } from '@switchboard/contracts';
import type { Bus, OutgoingMessage } from '@switchboard/messaging';
import { EventEmitter } from 'node:events';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { PresenceTracker } from './presence.tracker';

class FakeSocket extends EventEmitter {
  connected = true;
  close(): void {
    this.connected = false;
    this.emit('disconnect');
  }
}

function tracker() {
  const sent: PresenceV1[] = [];
  const bus = {
    publish: (_topic: string, messages: OutgoingMessage[]) => {
      sent.push(...messages.map((m) => JSON.parse(String(m.value)) as PresenceV1));
      return Promise.resolve();
    },
  } as unknown as Bus;
  const config = loadConfig({ PGLITE_DATA_DIR: 'memory://' });
  return { presence: new PresenceTracker(bus, config, pino({ level: 'silent' })), sent };
}

describe('PresenceTracker', () => {
  it('says connected on the first tab and disconnected after the last, whatever the tabs do between', () => {
    const { presence, sent } = tracker();
    const tabs = [new FakeSocket(), new FakeSocket(), new FakeSocket()];
    for (const tab of tabs) presence.attach(tab, 't1', 'a1');
    tabs[1].close();
    tabs[0].close();
    expect(sent.map((r) => [r.kind, r.agentIds])).toEqual([['connected', ['a1']]]);
    expect(presence.connected()).toEqual(new Map([['t1', ['a1']]]));
    tabs[2].close();
    expect(sent.map((r) => [r.kind, r.agentIds])).toEqual([
      ['connected', ['a1']],
      ['disconnected', ['a1']],
    ]);
    expect(presence.connected()).toEqual(new Map());
    expect(new Set(sent.map((r) => r.gatewayId))).toEqual(new Set([presence.gatewayId]));
  });

  it('holds an agent while any tab of theirs is open here, in their tenant only', () => {
    const { presence } = tracker();
    const tabs = [new FakeSocket(), new FakeSocket()];
    for (const tab of tabs) presence.attach(tab, 't1', 'a1');
    tabs[0].close();
    expect(presence.holds('t1', 'a1')).toBe(true);
    expect(presence.holds('t2', 'a1')).toBe(false);
    tabs[1].close();
    expect(presence.holds('t1', 'a1')).toBe(false);
  });

  it('never counts a socket that closed before it was attached', () => {
    const { presence, sent } = tracker();
    const gone = new FakeSocket();
    gone.connected = false;
    presence.attach(gone, 't1', 'a1');
    expect(sent).toEqual([]);
    expect(presence.connected()).toEqual(new Map());
  });

  it('keeps tenants apart', () => {
    const { presence, sent } = tracker();
    presence.attach(new FakeSocket(), 't1', 'a1');
    presence.attach(new FakeSocket(), 't2', 'a1');
    expect(sent.map((r) => r.tenantId)).toEqual(['t1', 't2']);
  });
});
