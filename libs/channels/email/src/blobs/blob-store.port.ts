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
  /** The blob's metadata, or undefined when this tenant has no blob of that id. */
  stat(tenantId: string, id: string): Promise<StoredBlob | undefined>;
  /** Metadata and content, or undefined when this tenant has no blob of that id. */
  get(tenantId: string, id: string): Promise<{ blob: StoredBlob; content: Buffer } | undefined>;
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
