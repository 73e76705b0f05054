// Domain errors of the metrics maths. None is retriable: the same facts would fail the same way again,
// so callers dead-letter or refuse them rather than retry.

export enum MetricsErrorCode {
  /** A fact or input carries a negative or non-finite duration or instant, or a CSAT score outside 1-5. */
  InvalidFact = 'METRICS_INVALID_FACT',
  /** An argument outside its domain: a quantile outside (0, 1], a position below 1, a negative capacity. */
  InvalidInput = 'METRICS_INVALID_INPUT',
  /** The tenant time zone used for day buckets is not one the runtime knows. */
  InvalidTimeZone = 'METRICS_INVALID_TIME_ZONE',
  /** Rows being merged do not share a key, or a histogram has the wrong length. */
  IncompatibleRows = 'METRICS_INCOMPATIBLE_ROWS',
}

export class MetricsError extends Error {
  readonly retriable = false;

  constructor(
    readonly code: MetricsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MetricsError';
  }
}
