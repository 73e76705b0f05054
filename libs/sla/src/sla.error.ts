// Domain errors of the SLA calendar maths. Transports map the code in one place; none is retriable,
// because the same calendar and instants would fail the same way again.

export enum SlaErrorCode {
  /** The calendar is malformed: unknown zone, bad HH:MM, open not before close, bad day or date. */
  InvalidCalendar = 'SLA_INVALID_CALENDAR',
  /** The calendar has no open time left, so no deadline or opening can ever be reached. */
  CalendarNeverOpen = 'SLA_CALENDAR_NEVER_OPEN',
  /** An instant or duration is not a finite number, or a duration is negative. */
  InvalidArgument = 'SLA_INVALID_ARGUMENT',
  /** An instant, or a result, falls outside the supported years 1000-9999. */
  OutOfRange = 'SLA_OUT_OF_RANGE',
}

export class SlaError extends Error {
  readonly retriable = false;

  constructor(
    readonly code: SlaErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SlaError';
  }
}
