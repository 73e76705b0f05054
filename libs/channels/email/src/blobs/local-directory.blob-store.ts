// The default blob store: one directory per tenant under BLOB_DIR, a content file and a JSON sidecar per
// blob. Writes go to a temporary file, are flushed to disk, then renamed into place, so a reader never sees
// half a blob and a put that resolved survives a crash.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  BlobChecksumError,
  BlobTooLargeError,
  type BlobMetadata,
  type BlobStore,
  type BlobStreamOptions,
  type StoredBlob,
} from './blob-store.port';

/** Ids and tenant ids become path segments: only these characters, so no id can leave its directory. */
const SAFE_SEGMENT = /^[A-Za-z0-9_-]{1,128}$/;

export class LocalDirectoryBlobStore implements BlobStore {
  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
  ) {}

  async put(tenantId: string, id: string, content: Buffer, metadata: BlobMetadata): Promise<StoredBlob> {
    if (!isSafe(tenantId) || !isSafe(id)) throw new Error('blob and tenant ids must be plain path segments');
    if (content.length > this.maxBytes) throw new BlobTooLargeError(content.length, this.maxBytes);
    const folder = join(this.dir, tenantId);
    await mkdir(folder, { recursive: true });
    const blob: StoredBlob = {
      id,
      tenantId,
      name: metadata.name,
      contentType: metadata.contentType,
      sizeBytes: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      createdAt: new Date().toISOString(),
    };
    // Content first, then the sidecar: a blob is visible only once its metadata exists.
    await writeDurably(join(folder, `${id}.bin`), content);
    await writeDurably(join(folder, `${id}.json`), Buffer.from(JSON.stringify(blob)));
    return blob;
  }

  async putStream(
    tenantId: string,
    id: string,
    content: AsyncIterable<Uint8Array>,
    metadata: BlobMetadata,
    options: BlobStreamOptions = {},
  ): Promise<StoredBlob> {
    if (!isSafe(tenantId) || !isSafe(id)) throw new Error('blob and tenant ids must be plain path segments');
    const maxBytes = Math.min(this.maxBytes, options.maxBytes ?? this.maxBytes);
    const folder = join(this.dir, tenantId);
    await mkdir(folder, { recursive: true });
    const path = join(folder, `${id}.bin`);
    const written = await streamDurably(path, content, maxBytes, options.expectedSha256);
    const blob: StoredBlob = {
      id,
      tenantId,
      name: metadata.name,
      contentType: metadata.contentType,
      sizeBytes: written.sizeBytes,
      sha256: written.sha256,
      createdAt: new Date().toISOString(),
    };
    await writeDurably(join(folder, `${id}.json`), Buffer.from(JSON.stringify(blob)));
    return blob;
  }

  async stat(tenantId: string, id: string): Promise<StoredBlob | undefined> {
    if (!isSafe(tenantId) || !isSafe(id)) return undefined;
    const raw = await readIfExists(join(this.dir, tenantId, `${id}.json`));
    if (!raw) return undefined;
    const blob = JSON.parse(raw.toString('utf8')) as StoredBlob;
    // The sidecar names its tenant too, so a file copied between directories is not served to the wrong one.
    return blob.tenantId === tenantId && blob.id === id ? blob : undefined;
  }

  async get(tenantId: string, id: string): Promise<{ blob: StoredBlob; content: Buffer } | undefined> {
    const blob = await this.stat(tenantId, id);
    if (!blob) return undefined;
    const content = await readIfExists(join(this.dir, tenantId, `${id}.bin`));
    return content ? { blob, content } : undefined;
  }
}

function isSafe(segment: string): boolean {
  return SAFE_SEGMENT.test(segment);
}

async function writeDurably(path: string, content: Buffer): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temporary, path);
}

/**
 * Streams into a temporary file, hashing and counting as it goes; past `maxBytes` or on a checksum mismatch
 * the file is removed and nothing is renamed into place.
 */
async function streamDurably(
  path: string,
  content: AsyncIterable<Uint8Array>,
  maxBytes: number,
  expectedSha256: string | undefined,
): Promise<{ sizeBytes: number; sha256: string }> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  const hash = createHash('sha256');
  let sizeBytes = 0;
  try {
    for await (const chunk of content) {
      sizeBytes += chunk.byteLength;
      if (sizeBytes > maxBytes) throw new BlobTooLargeError(sizeBytes, maxBytes);
      hash.update(chunk);
      await handle.write(chunk);
    }
    const sha256 = hash.digest('hex');
    if (expectedSha256 !== undefined && expectedSha256.toLowerCase() !== sha256) {
      throw new BlobChecksumError(expectedSha256, sha256);
    }
    await handle.sync();
    await handle.close();
    await rename(temporary, path);
    return { sizeBytes, sha256 };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
}

async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
