import { describe, expect, it } from 'vitest';
import {
  CreateApiKeyBodySchema,
  CreateRoutingPolicyBodySchema,
  CreateSkillBodySchema,
  CreateTeamBodySchema,
  InboundContactV1Schema,
  NUL_CHARACTER_MESSAGE,
  parseWith,
  StorableTextSchema,
  TeamListFiltersSchema,
  UNPAIRED_SURROGATE_MESSAGE,
  unstorableTextReason,
  UpdateCustomerPreferencesBodySchema,
} from './index';

const NUL = '\u0000';
const HIGH = '\ud800';
const LOW = '\udc00';

const validInbound = {
  schema: 'switchboard.inbound-contact.v1',
  tenantId: 'demo',
  channel: 'email',
  channelMessageId: '<m1@example.com>',
  from: { address: 'dana@example.com', displayName: 'Dana' },
  body: 'My card was charged twice',
  subject: 'Double charge',
  threadKey: '<root@example.com>',
  sentAt: '2026-11-24T10:00:00Z',
  receivedAt: '2026-11-24T10:00:01.250Z',
  attachments: [
    { name: 'receipt.pdf', contentType: 'application/pdf', sizeBytes: 10, url: 'https://cdn.example/r.pdf' },
  ],
};

function issuesOf(input: unknown): Array<{ path: string; message: string }> {
  const result = parseWith(InboundContactV1Schema, input);
  return result.ok ? [] : result.issues;
}

describe('storable text', () => {
  it('accepts ordinary text, emoji (paired surrogates) and other control characters', () => {
    for (const text of ['', 'plain', 'emoji 😀 and 𝄞', 'tab\tnew\nline', '\u0001\u001f\u007f', '\ufffd']) {
      expect(unstorableTextReason(text)).toBeUndefined();
      expect(StorableTextSchema.safeParse(text).success).toBe(true);
    }
  });

  it('refuses the NUL character anywhere', () => {
    for (const text of [NUL, `a${NUL}`, `${NUL}a`, `a${NUL}b`]) {
      expect(unstorableTextReason(text)).toBe(NUL_CHARACTER_MESSAGE);
    }
    expect(NUL_CHARACTER_MESSAGE).toBe('must not contain the NUL character (U+0000)');
  });

  it('refuses unpaired surrogates, high or low, at either end or inside', () => {
    for (const text of [HIGH, LOW, `a${HIGH}`, `${LOW}a`, `a${HIGH}b`, `${LOW}${HIGH}`, `😀${LOW}`]) {
      expect(unstorableTextReason(text)).toBe(UNPAIRED_SURROGATE_MESSAGE);
    }
    expect(UNPAIRED_SURROGATE_MESSAGE).toBe('must not contain unpaired UTF-16 surrogates');
  });

  it('survives the same text after a JSON round trip, as the bus carries it', () => {
    const decoded = JSON.parse(JSON.stringify({ body: `x${NUL}${HIGH}` })) as { body: string };
    expect(unstorableTextReason(decoded.body)).toBe(NUL_CHARACTER_MESSAGE);
  });
});

describe('inbound contact refuses unstorable text in every string field', () => {
  const cases: Array<[string, (bad: string) => unknown]> = [
    ['body', (bad) => ({ ...validInbound, body: bad })],
    ['subject', (bad) => ({ ...validInbound, subject: bad })],
    ['channelMessageId', (bad) => ({ ...validInbound, channelMessageId: bad })],
    ['threadKey', (bad) => ({ ...validInbound, threadKey: bad })],
    ['from.address', (bad) => ({ ...validInbound, from: { address: bad } })],
    ['from.displayName', (bad) => ({ ...validInbound, from: { address: 'a@b.c', displayName: bad } })],
    [
      'attachments.0.name',
      (bad) => ({ ...validInbound, attachments: [{ ...validInbound.attachments[0], name: bad }] }),
    ],
    [
      'attachments.0.contentType',
      (bad) => ({ ...validInbound, attachments: [{ ...validInbound.attachments[0], contentType: bad }] }),
    ],
    [
      'attachments.0.url',
      (bad) => ({ ...validInbound, attachments: [{ ...validInbound.attachments[0], url: bad }] }),
    ],
  ];

  it('accepts the valid record the cases start from', () => {
    expect(issuesOf(validInbound)).toEqual([]);
  });

  it.each(cases)('%s with NUL', (path, build) => {
    const bad = path.endsWith('url') ? `https://cdn.example/a${NUL}b` : `ok${NUL}text`;
    expect(issuesOf(build(bad))).toEqual([{ path, message: NUL_CHARACTER_MESSAGE }]);
  });

  it.each(cases)('%s with an unpaired surrogate', (path, build) => {
    const bad = path.endsWith('url') ? `https://cdn.example/a${HIGH}b` : `ok${HIGH}text`;
    expect(issuesOf(build(bad))).toContainEqual({ path, message: UNPAIRED_SURROGATE_MESSAGE });
  });
});

describe('admin free text is storable text too', () => {
  it('refuses NUL in names, descriptions and search terms, naming the field', () => {
    const bad = `x${NUL}`;
    const checks: Array<[ReturnType<typeof parseWith>, string]> = [
      [parseWith(CreateTeamBodySchema, { name: bad }), 'name'],
      [parseWith(CreateTeamBodySchema, { name: 'ok', description: bad }), 'description'],
      [parseWith(CreateSkillBodySchema, { name: 'billing', description: bad }), 'description'],
      [parseWith(CreateApiKeyBodySchema, { name: bad }), 'name'],
      [parseWith(UpdateCustomerPreferencesBodySchema, { displayName: bad }), 'displayName'],
      [parseWith(TeamListFiltersSchema, { q: bad }), 'q'],
      [
        parseWith(CreateRoutingPolicyBodySchema, { name: 'p', description: `${HIGH}`, document: {} }),
        'description',
      ],
    ];
    for (const [result, path] of checks) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues.map((i) => i.path)).toEqual([path]);
    }
  });
});
