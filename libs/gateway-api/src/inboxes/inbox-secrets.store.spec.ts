import { DomainError } from '@switchboard/contracts';
import { generateSecretsKey, SecretVault } from '@switchboard/persistence';
import { describe, expect, it } from 'vitest';
import { InboxSecretsStore } from './inbox-secrets.store';

const keyed = () =>
  new InboxSecretsStore(new SecretVault(generateSecretsKey().toString('base64'), { kind: 'postgres' }));

describe('InboxSecretsStore', () => {
  it('seals for one inbox and patches name by name: a value sets, null removes, absent keeps', async () => {
    const store = keyed();
    const sealed = await store.seal('i1', { appSecret: 'a'.repeat(20), verifyToken: 'v' });
    expect(sealed).not.toContain('aaaa');
    const patched = await store.patch('i1', sealed, { verifyToken: null, accessToken: 'tok' });
    expect(await store.open('i1', patched)).toEqual({ appSecret: 'a'.repeat(20), accessToken: 'tok' });
    // Bound to its inbox: on another row it does not open.
    expect(await store.open('i2', patched)).toBeNull();
    expect(await store.patch('i1', patched, { appSecret: null, accessToken: null })).toBeNull();
  });

  it('refuses to store secrets on PostgreSQL without SECRETS_KEY, naming secrets; no secrets are fine', async () => {
    const store = new InboxSecretsStore(new SecretVault(undefined, { kind: 'postgres' }));
    expect(await store.seal('i1', {})).toBeNull();
    const refusal = await store.seal('i1', { appSecret: 'x' }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'UNAVAILABLE', issues: [{ path: 'secrets' }] });
    expect((refusal as Error).message).toMatch(/SECRETS_KEY/);
  });
});
