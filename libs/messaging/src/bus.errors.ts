// Errors the bus raises on purpose. Each says whether retrying later can succeed, so callers can map it once.

/** The bus holds as much unconsumed work as it is allowed to; the caller should retry after a pause. */
export class BusOverloadedError extends Error {
  readonly retriable = true;

  constructor(
    readonly topic: string,
    readonly backlog: number,
    readonly retryAfterMs: number,
  ) {
    super(`The bus is holding ${backlog} unconsumed records on ${topic}; retry in ${retryAfterMs} ms`);
    this.name = 'BusOverloadedError';
  }
}
