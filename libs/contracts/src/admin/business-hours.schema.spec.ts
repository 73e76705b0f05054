import { describe, expect, it } from 'vitest';
import { parseWith } from '../validation.util';
import {
  CreateBusinessHoursBodySchema,
  CreateHolidayBodySchema,
  isIanaTimeZone,
  minutesOf,
} from './business-hours.schema';

const issues = (schema: typeof CreateBusinessHoursBodySchema, input: unknown): string[] => {
  const result = parseWith(schema, input);
  return result.ok ? [] : result.issues.map((i) => i.path).sort();
};

describe('business hours', () => {
  it('knows IANA zones and refuses offsets and inventions', () => {
    expect(isIanaTimeZone('Europe/Paris')).toBe(true);
    expect(isIanaTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isIanaTimeZone('UTC')).toBe(true);
    expect(isIanaTimeZone('+01:00')).toBe(false);
    expect(isIanaTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isIanaTimeZone('')).toBe(false);
  });

  it('reads HH:MM as minutes, with 24:00 as the end of the day', () => {
    expect(minutesOf('00:00')).toBe(0);
    expect(minutesOf('09:30')).toBe(570);
    expect(minutesOf('24:00')).toBe(1440);
  });

  it('accepts touching intervals and a split day', () => {
    expect(
      issues(CreateBusinessHoursBodySchema, {
        name: 'EU',
        timeZone: 'Europe/Lisbon',
        weekly: [
          { day: 1, open: '08:00', close: '12:00' },
          { day: 1, open: '12:00', close: '18:00' },
          { day: 6, open: '20:00', close: '24:00' },
        ],
      }),
    ).toEqual([]);
  });

  it('names empty or inverted intervals, overlaps, bad days, times and zones', () => {
    expect(
      issues(CreateBusinessHoursBodySchema, {
        name: 'EU',
        timeZone: 'Europe/Atlantis',
        weekly: [
          { day: 1, open: '09:00', close: '17:00' },
          { day: 1, open: '16:00', close: '18:00' },
          { day: 2, open: '10:00', close: '10:00' },
          { day: 7, open: '25:00', close: '26:00' },
        ],
      }),
    ).toEqual(['timeZone', 'weekly.1', 'weekly.2.close', 'weekly.3.close', 'weekly.3.day', 'weekly.3.open']);
  });

  it('takes real calendar dates for holidays', () => {
    expect(CreateHolidayBodySchema.safeParse({ date: '2026-12-25', name: 'Christmas' }).success).toBe(true);
    expect(CreateHolidayBodySchema.safeParse({ date: '2026-02-30', name: 'No' }).success).toBe(false);
    expect(CreateHolidayBodySchema.safeParse({ date: '25/12/2026', name: 'No' }).success).toBe(false);
  });
});
