// Sorts a failed batch into what to do next. Infrastructure trouble (the database or broker unavailable, a
// timeout, a serialization conflict) is retried with backoff and loses nothing; a record the database refuses
// is isolated and dead-lettered so it cannot stall its partition or any other tenant.
import { BusOverloadedError } from '@switchboard/messaging';
import { FencedOutError, StalePlanError } from '../write/batch.writer';

export type FailureKind =
  /** Retry the same work later. */
  | 'retriable'
  /** Retry in smaller pieces: the batch outgrew the transaction's time bound. */
  | 'too-large'
  /** Another router owns the tenant now: stop writing for it. */
  | 'fenced'
  /** The data itself is refused: split the batch to find the records, dead-letter them, commit the rest. */
  | 'poison';

/** SQLSTATE classes that say the server or connection had trouble, not the data. */
const RETRIABLE_SQLSTATE_CLASSES = new Set(['08', '40', '53', '55', '57', '58', 'XX']);
const QUERY_CANCELED = '57014';
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof FencedOutError) return 'fenced';
  // Stale memory is rebuilt from the database on the retry.
  if (error instanceof StalePlanError || error instanceof BusOverloadedError) return 'retriable';
  const code = errorCode(error);
  if (code === QUERY_CANCELED) return 'too-large';
  if (code !== undefined && /^[0-9A-Z]{5}$/.test(code)) {
    return RETRIABLE_SQLSTATE_CLASSES.has(code.slice(0, 2)) ? 'retriable' : 'poison';
  }
  if (code !== undefined && NETWORK_CODES.has(code)) return 'retriable';
  if (error instanceof Error && /timeout|terminat|connect|closed|ended/i.test(error.message))
    return 'retriable';
  // A programming error that one record triggers must not stop the rest: treat it like refused data.
  if (error instanceof TypeError || error instanceof RangeError || error instanceof SyntaxError)
    return 'poison';
  return 'retriable';
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const cause = (error as { cause?: unknown }).cause;
  return cause && cause !== error ? errorCode(cause) : undefined;
}
