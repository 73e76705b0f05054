import { describe, expect, it } from 'vitest';
import {
  AgentCommandV1Schema,
  channelClassOf,
  InboundContactV1Schema,
  parseWith,
  RoutingEventV1Schema,
  toJsonSchemas,
} from './index';

const validInbound = {
  schema: 'switchboard.inbound-contact.v1',
  tenantId: 'demo',
  channel: 'whatsapp',
  channelMessageId: 'wamid.123',
  from: { address: '+15550100' },
  body: 'My card was charged twice',
  sentAt: '2026-11-24T10:00:00Z',
  receivedAt: '2026-11-24T10:00:01.250Z',
};

describe('inbound contact v1', () => {
  it('accepts a minimal record', () => {
    expect(parseWith(InboundContactV1Schema, validInbound).ok).toBe(true);
  });

  it('names the bad field', () => {
    const result = parseWith(InboundContactV1Schema, {
      ...validInbound,
      from: { address: '' },
      channel: 'fax',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path).sort()).toEqual(['channel', 'from.address']);
  });

  it('rejects unknown fields instead of silently dropping them', () => {
    const result = parseWith(InboundContactV1Schema, { ...validInbound, prority: 5 });
    expect(result.ok).toBe(false);
  });

  it('rejects a timestamp without a zone', () => {
    expect(parseWith(InboundContactV1Schema, { ...validInbound, sentAt: '2026-11-24 10:00' }).ok).toBe(false);
  });
});

describe('agent command v1', () => {
  it('discriminates on type and requires the fields of that type', () => {
    const base = {
      schema: 'switchboard.agent-command.v1',
      commandId: 'c1',
      tenantId: 't',
      agentId: 'a',
      issuedAt: '2026-11-24T10:00:00Z',
    };
    expect(parseWith(AgentCommandV1Schema, { ...base, type: 'offer.accept', offerId: 'o1' }).ok).toBe(true);
    expect(parseWith(AgentCommandV1Schema, { ...base, type: 'offer.accept' }).ok).toBe(false);
    expect(parseWith(AgentCommandV1Schema, { ...base, type: 'status.set', status: 'sleeping' }).ok).toBe(
      false,
    );
  });
});

describe('routing event v1', () => {
  it('validates an offer event', () => {
    const event = {
      schema: 'switchboard.routing-event.v1',
      eventId: 'e1',
      tenantId: 't',
      seq: 1,
      at: '2026-11-24T10:00:00Z',
      type: 'offer.created',
      offerId: 'o1',
      conversationId: 'c1',
      agentId: 'a1',
      channel: 'chat',
      expiresAt: '2026-11-24T10:00:30Z',
      preview: 'hi',
      reason: { rule: 'best-fit' },
    };
    expect(parseWith(RoutingEventV1Schema, event).ok).toBe(true);
  });
});

describe('channel classes', () => {
  it('pools the social networks into one capacity class', () => {
    expect(['whatsapp', 'messenger', 'instagram', 'x'].map((c) => channelClassOf(c as 'x'))).toEqual([
      'social',
      'social',
      'social',
      'social',
    ]);
    expect(channelClassOf('email')).toBe('email');
  });
});

describe('JSON Schema export', () => {
  it('publishes every record type with its required fields', () => {
    const schemas = toJsonSchemas() as Record<string, { required?: string[] }>;
    expect(Object.keys(schemas)).toContain('inbound-contact.v1');
    expect(schemas['inbound-contact.v1'].required).toEqual(
      expect.arrayContaining(['tenantId', 'channel', 'channelMessageId', 'from', 'body', 'sentAt']),
    );
  });
});
