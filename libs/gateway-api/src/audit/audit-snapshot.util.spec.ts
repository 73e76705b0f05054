import { describe, expect, it } from 'vitest';
import { REDACTED, REDACTED_CHANGED, snapshotOf, snapshotPair } from './audit-snapshot.util';

describe('audit snapshots', () => {
  it('redacts secret fields at any depth and keeps the rest as JSON', () => {
    const snapshot = snapshotOf({
      id: 'u1',
      passwordHash: '$argon2id$v=19$abc',
      createdAt: new Date('2026-12-04T10:00:00.000Z'),
      epoch: 7n,
      nested: { secretHash: 'deadbeef', webhookToken: 'tok', name: 'ok' },
      list: [{ apiSecret: 's' }],
      missing: undefined,
      empty: null,
    });
    expect(snapshot).toEqual({
      id: 'u1',
      passwordHash: REDACTED,
      createdAt: '2026-12-04T10:00:00.000Z',
      epoch: '7',
      nested: { secretHash: REDACTED, webhookToken: REDACTED, name: 'ok' },
      list: [{ apiSecret: REDACTED }],
      empty: null,
    });
    expect(JSON.stringify(snapshot)).not.toMatch(/argon2|deadbeef|tok"|"s"/);
  });

  it('shows that a secret changed without keeping either value', () => {
    const pair = snapshotPair(
      { id: 'u1', role: 'agent', passwordHash: 'old-hash' },
      { id: 'u1', role: 'admin', passwordHash: 'new-hash' },
    );
    expect(pair).toEqual({
      before: { id: 'u1', role: 'agent', passwordHash: REDACTED },
      after: { id: 'u1', role: 'admin', passwordHash: REDACTED_CHANGED },
    });
  });

  it('leaves an unchanged secret plainly redacted, and handles creations and deletions', () => {
    const same = snapshotPair({ id: 'k', secretHash: 'h' }, { id: 'k', secretHash: 'h' });
    expect(same.after).toEqual({ id: 'k', secretHash: REDACTED });
    expect(snapshotPair(null, { id: 'k' })).toEqual({ before: null, after: { id: 'k' } });
    expect(snapshotPair({ id: 'k' }, null)).toEqual({ before: { id: 'k' }, after: null });
  });
});
