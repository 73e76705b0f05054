// Why one attachment's content was not kept. It never fails a delivery: the message is accepted with the
// attachment's metadata and this code and message on it (the contract's `fetchError`).
import type { MediaFetchErrorCode } from '@switchboard/contracts';

export class MediaFetchError extends Error {
  constructor(
    readonly code: MediaFetchErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MediaFetchError';
  }
}
