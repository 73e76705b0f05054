import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobTooLargeError } from './blob-store.port';
import { LocalDirectoryBlobStore } from './local-directory.blob-store';

describe('LocalDirectoryBlobStore', () => {
  let dir: string;
  let store: LocalDirectoryBlobStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-blobs-'));
    store = new LocalDirectoryBlobStore(join(dir, 'blobs'), 1024);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores content with its metadata and gives both back to the same tenant', async () => {
    const stored = await store.put('tenant-a', 'blob1', Buffer.from('hello'), {
      name: 'hello.txt',
      contentType: 'text/plain',
    });
    expect(stored).toMatchObject({ id: 'blob1', tenantId: 'tenant-a', sizeBytes: 5, name: 'hello.txt' });
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    const found = await store.get('tenant-a', 'blob1');
    expect(found?.content.toString()).toBe('hello');
    expect(await store.stat('tenant-a', 'blob1')).toEqual(stored);
  });

  it('finds nothing for another tenant, an unknown id, or an id that tries to leave its directory', async () => {
    await store.put('tenant-a', 'blob1', Buffer.from('x'), { name: 'x', contentType: 'text/plain' });
    expect(await store.get('tenant-b', 'blob1')).toBeUndefined();
    expect(await store.stat('tenant-a', 'nope')).toBeUndefined();
    expect(await store.get('tenant-a', '../tenant-a/blob1')).toBeUndefined();
    expect(await store.get('..', 'blob1')).toBeUndefined();
    await expect(
      store.put('tenant-a', '../escape', Buffer.from('x'), { name: 'x', contentType: 'text/plain' }),
    ).rejects.toThrow(/path segments/);
  });

  it('refuses content over its limit and leaves nothing behind', async () => {
    await expect(
      store.put('tenant-a', 'big', Buffer.alloc(1025), {
        name: 'big',
        contentType: 'application/octet-stream',
      }),
    ).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(await store.stat('tenant-a', 'big')).toBeUndefined();
  });

  it('overwrites a blob put again under the same id, leaving no temporary files', async () => {
    await store.put('tenant-a', 'same', Buffer.from('one'), { name: 'a', contentType: 'text/plain' });
    await store.put('tenant-a', 'same', Buffer.from('two'), { name: 'a', contentType: 'text/plain' });
    expect((await store.get('tenant-a', 'same'))?.content.toString()).toBe('two');
    expect((await readdir(join(dir, 'blobs', 'tenant-a'))).sort()).toEqual(['same.bin', 'same.json']);
  });
});
