// The blob store port: attachment content lives outside the database, behind this interface, so a local
// directory (the default) can give way to object storage. Every blob belongs to one tenant: asking for it
// as another tenant finds nothing.

export interface BlobMetadata {
  /** Original file name, for downloads. */
  name: string;
  contentType: string;
}

export interface StoredBlob extends BlobMetadata {
  id: string;
  tenantId: string;
  sizeBytes: number;
  /** sha256 of the content, hex. */
  sha256: string;
  createdAt: string;
}

export interface BlobStore {
  /**
   * Stores content under `id` (callers derive it, so a retried put overwrites instead of duplicating) and
   * resolves once it is durable. Throws BlobTooLargeError over the store's limit.
   */
  put(tenantId: string, id: string, content: Buffer, metadata: BlobMetadata): Promise<StoredBlob>;
  /**
   * Stores content as it streams in, never holding more than a chunk: a stream over the limit is abandoned
   * with BlobTooLargeError as soon as it crosses it, and one whose sha256 is not `expectedSha256` with
   * BlobChecksumError; neither leaves anything behind. Resolves once the blob is durable.
   */
  putStream(
    tenantId: string,
    id: string,
    content: AsyncIterable<Uint8Array>,
    metadata: BlobMetadata,
    options?: BlobStreamOptions,
  ): Promise<StoredBlob>;
  /** The blob's metadata, or undefined when this tenant has no blob of that id. */
  stat(tenantId: string, id: string): Promise<StoredBlob | undefined>;
  /** Metadata and content, or undefined when this tenant has no blob of that id. */
  get(tenantId: string, id: string): Promise<{ blob: StoredBlob; content: Buffer } | undefined>;
}

export interface BlobStreamOptions {
  /** A limit below the store's own (which always applies). */
  maxBytes?: number;
  /** The content's sha256 as the source states it, hex; the blob is refused when it differs. */
  expectedSha256?: string;
}

/** Nest injection token for the blob store. */
export const BLOB_STORE = Symbol('BLOB_STORE');

export class BlobTooLargeError extends Error {
  constructor(
    readonly sizeBytes: number,
    readonly maxBytes: number,
  ) {
    super(`A blob of ${sizeBytes} bytes is over the limit of ${maxBytes} bytes`);
    this.name = 'BlobTooLargeError';
  }
}

export class BlobChecksumError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`The content's sha256 is ${actual}, not the ${expected} its source stated`);
    this.name = 'BlobChecksumError';
  }
}
