import { describe, expect, it } from 'vitest';
import { WriteSet } from '../write/write-set';
import { DEFAULT_CSAT_TEXT, planSurveys, surveyKey, type SurveyTarget } from './csat-survey.planner';

const target = (overrides: Partial<SurveyTarget> = {}): SurveyTarget => ({
  conversationId: 'c1',
  channel: 'chat',
  inboxId: 'in1',
  address: 'visitor-1',
  threadKey: null,
  inReplyTo: 'visitor-1:m-1',
  subject: null,
  surveyed: false,
  ...overrides,
});

const ctx = {
  settings: { channels: new Set(['chat'] as const), text: DEFAULT_CSAT_TEXT },
  newId: () => 's1',
  now: 5,
};

describe('planSurveys', () => {
  it('asks once per conversation on its own channel, as a system message with no agent', () => {
    const set = new WriteSet();
    expect(planSurveys([target()], ctx, set)).toBe(1);
    expect(set.systemMessages).toEqual([
      expect.objectContaining({
        id: 's1',
        kind: 'csat-survey',
        channelMessageId: surveyKey('c1'),
        channel: 'chat',
      }),
    ]);
    expect(set.events).toEqual([
      expect.objectContaining({
        type: 'reply.created',
        kind: 'csat-survey',
        agentId: null,
        to: { address: 'visitor-1' },
        inReplyTo: 'visitor-1:m-1',
      }),
    ]);
  });

  it('skips a conversation already surveyed (a reopened one resolved again) and channels not enabled', () => {
    const set = new WriteSet();
    planSurveys([target({ surveyed: true }), target({ conversationId: 'c2', channel: 'email' })], ctx, set);
    expect(set.isEmpty()).toBe(true);
  });

  it('adds the signed answer link for channels without a socket, never for chat', () => {
    const set = new WriteSet();
    const withLink = {
      ...ctx,
      settings: { ...ctx.settings, channels: new Set(['chat', 'email'] as const) },
      linkFor: (id: string) => `https://support.example/v1/csat/token-${id}`,
    };
    planSurveys([target(), target({ conversationId: 'c2', channel: 'email' })], withLink, set);
    expect(set.systemMessages.map((m) => m.body)).toEqual([
      DEFAULT_CSAT_TEXT,
      `${DEFAULT_CSAT_TEXT}\n\nhttps://support.example/v1/csat/token-c2`,
    ]);
  });
});
