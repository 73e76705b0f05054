import { describe, expect, it } from 'vitest';
import { slaDeadline } from './sla-deadline';

const at = (iso: string): number => Date.parse(iso);

describe('slaDeadline', () => {
  const support = {
    timeZone: 'Europe/Lisbon',
    weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '20:00' })),
    holidays: ['2024-06-10'],
  };

  it('has no deadline without a target', () => {
    expect(slaDeadline(at('2024-06-07T10:00:00Z'), null, support)).toBeNull();
    expect(slaDeadline(at('2024-06-07T10:00:00Z'), undefined, null)).toBeNull();
  });

  it('runs the target in business time, or 24/7 without a calendar', () => {
    expect(slaDeadline(at('2024-06-07T19:30:00+01:00'), 3_600_000, support)).toBe(
      at('2024-06-11T08:30:00+01:00'),
    );
    expect(slaDeadline(at('2024-06-07T19:30:00+01:00'), 3_600_000, null)).toBe(
      at('2024-06-07T20:30:00+01:00'),
    );
  });
});
