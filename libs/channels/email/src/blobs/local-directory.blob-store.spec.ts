import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobChecksumError, BlobTooLargeError } from './blob-store.port';
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

  describe('putStream', () => {
    const meta = { name: 'photo.jpg', contentType: 'image/jpeg' };
    const sha = (content: Buffer) => createHash('sha256').update(content).digest('hex');
    async function* chunks(parts: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
      for (const part of parts) {
        await Promise.resolve(); // a network source: each chunk arrives on a later turn
        yield part;
      }
    }
    const files = () => readdir(join(dir, 'blobs', 'tenant-a')).catch(() => [] as string[]);

    it('keeps any chunking of content within the limit whole, with its size and sha256', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 6 }), async (parts) => {
          const whole = Buffer.concat(parts);
          fc.pre(whole.length <= 1024);
          const stored = await store.putStream('tenant-a', 'streamed', chunks(parts), meta, {
            expectedSha256: sha(whole),
          });
          expect(stored).toMatchObject({ sizeBytes: whole.length, sha256: sha(whole) });
          expect((await store.get('tenant-a', 'streamed'))?.content.equals(whole)).toBe(true);
        }),
        { numRuns: 40 },
      );
    });

    it('refuses a stream as soon as it crosses the tighter of its own and the store limit', async () => {
      let pulled = 0;
      async function* endless(): AsyncGenerator<Uint8Array> {
        for (;;) {
          await Promise.resolve();
          pulled += 1;
          yield Buffer.alloc(100);
        }
      }
      await expect(
        store.putStream('tenant-a', 'big', endless(), meta, { maxBytes: 250 }),
      ).rejects.toMatchObject({ name: 'BlobTooLargeError', maxBytes: 250 });
      expect(pulled).toBe(3);
      await expect(
        store.putStream('tenant-a', 'big', endless(), meta, { maxBytes: 5000 }),
      ).rejects.toBeInstanceOf(BlobTooLargeError);
      expect(await store.stat('tenant-a', 'big')).toBeUndefined();
      expect(await files()).toEqual([]);
    });

    it('refuses content whose sha256 is not the stated one, leaving nothing behind', async () => {
      const content = Buffer.from('not what was promised');
      await expect(
        store.putStream('tenant-a', 'bad', chunks([content]), meta, {
          expectedSha256: sha(Buffer.from('x')),
        }),
      ).rejects.toBeInstanceOf(BlobChecksumError);
      expect(await store.stat('tenant-a', 'bad')).toBeUndefined();
      expect(await files()).toEqual([]);
    });
  });
});
