// How business-hours calendars and their holidays look over the API. Holiday dates are whole local days.
import { WeeklyHoursSchema, type WeeklyInterval } from '@switchboard/contracts';
import { storedJson } from '../shared/stored-json.util';

export interface CalendarRow {
  id: string;
  name: string;
  timeZone: string;
  weekly: unknown;
  createdAt: Date;
  updatedAt: Date;
}

export interface BusinessHoursView {
  id: string;
  name: string;
  timeZone: string;
  weekly: WeeklyInterval[];
  createdAt: string;
  updatedAt: string;
}

export interface HolidayRow {
  id: string;
  calendarId: string;
  date: Date;
  name: string;
  createdAt: Date;
}

export interface HolidayView {
  id: string;
  calendarId: string;
  /** YYYY-MM-DD, in the calendar's time zone. */
  date: string;
  name: string;
  createdAt: string;
}

export function toBusinessHoursView(row: CalendarRow): BusinessHoursView {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.timeZone,
    weekly: storedJson(WeeklyHoursSchema, row.weekly, []),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toHolidayView(row: HolidayRow): HolidayView {
  return {
    id: row.id,
    calendarId: row.calendarId,
    date: row.date.toISOString().slice(0, 10),
    name: row.name,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A date column holds no zone: store the day at UTC midnight so it reads back as the same YYYY-MM-DD. */
export function toDateColumn(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** Database column -> API field for the constraints a calendar or holiday write may hit. */
export const CALENDAR_CONSTRAINT_FIELDS = { name: 'name' };
export const HOLIDAY_CONSTRAINT_FIELDS = { date: 'date' };
