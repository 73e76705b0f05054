// Admin bodies for business-hours calendars and their holidays. SLA clocks run only while a calendar is open,
// so the rules here (a real IANA zone, ordered non-overlapping intervals) are what keeps those clocks sane.
import { z } from 'zod';
import { StorableTextSchema, storable } from '../primitives.schema';

/** IANA names only: offsets like +01:00 would ignore daylight saving, which is the point of a zone. */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

export function isIanaTimeZone(zone: string): boolean {
  if (!IANA_NAME.test(zone)) return false;
  try {
    // Throws RangeError for a zone the runtime's tz database does not know.
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const TimeZoneSchema = storable(z.string())
  .min(1)
  .max(64)
  .refine(isIanaTimeZone, { message: 'must be an IANA time zone such as Europe/Paris' })
  .describe('IANA time zone the weekly hours and holidays are read in, e.g. Europe/Paris.');

/** Minutes since midnight of an `HH:MM` time; `24:00` is midnight at the end of the day. */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

const ClockTimeSchema = storable(z.string())
  .max(5)
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (00:00-23:59)');
const ClosingTimeSchema = storable(z.string())
  .max(5)
  .regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be HH:MM (00:01-24:00)');

export const WeeklyIntervalSchema = z
  .strictObject({
    day: z.number().int().min(0).max(6).describe('Day of the week: 0 Sunday ... 6 Saturday.'),
    open: ClockTimeSchema.describe('Opening time, local to the calendar zone.'),
    close: ClosingTimeSchema.describe('Closing time, later than open; 24:00 means until midnight.'),
  })
  .refine((i) => minutesOf(i.open) < minutesOf(i.close), {
    path: ['close'],
    message: 'must be later than open',
  });
export type WeeklyInterval = z.infer<typeof WeeklyIntervalSchema>;

export const WeeklyHoursSchema = z
  .array(WeeklyIntervalSchema)
  .max(70)
  .superRefine((intervals, ctx) => {
    // Touching intervals (12:00-14:00 and 14:00-18:00) are fine; sharing any minute is not.
    intervals.forEach((a, i) => {
      const clash = intervals.findIndex(
        (b, j) =>
          j < i &&
          b.day === a.day &&
          minutesOf(a.open) < minutesOf(b.close) &&
          minutesOf(b.open) < minutesOf(a.close),
      );
      if (clash >= 0) {
        ctx.addIssue({ code: 'custom', path: [i], message: `overlaps weekly.${clash} on the same day` });
      }
    });
  })
  .describe('Open intervals per day of the week; days without an interval are closed.');

const NameSchema = StorableTextSchema.trim().min(1).max(100);

export const CreateBusinessHoursBodySchema = z.strictObject({
  name: NameSchema.describe('Unique within the tenant.'),
  timeZone: TimeZoneSchema,
  weekly: WeeklyHoursSchema,
});
export type CreateBusinessHoursBody = z.infer<typeof CreateBusinessHoursBodySchema>;

export const UpdateBusinessHoursBodySchema = z
  .strictObject({
    name: NameSchema.optional(),
    timeZone: TimeZoneSchema.optional(),
    weekly: WeeklyHoursSchema.optional().describe('Replaces the whole week.'),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' });
export type UpdateBusinessHoursBody = z.infer<typeof UpdateBusinessHoursBodySchema>;

export const HolidayDateSchema = storable(z.iso.date())
  .max(10)
  .describe('A whole local day, YYYY-MM-DD, in the calendar zone.');

export const CreateHolidayBodySchema = z.strictObject({
  date: HolidayDateSchema,
  name: NameSchema.describe('e.g. New Year’s Day.'),
});
export type CreateHolidayBody = z.infer<typeof CreateHolidayBodySchema>;
