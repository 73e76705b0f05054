import { describe, expect, it } from 'vitest';
import { SlaErrorCode } from './sla.error';
import { zoneClock } from './zone-clock';

const at = (iso: string): number => Date.parse(iso);
const wall = (localIso: string): number => Date.parse(`${localIso}Z`);

describe('zoneClock', () => {
  it('reads wall-clock time and offset at an instant', () => {
    const lisbon = zoneClock('Europe/Lisbon');
    expect(lisbon.wallAt(at('2024-06-07T18:30:00.250Z'))).toBe(wall('2024-06-07T19:30:00.250'));
    expect(lisbon.offsetAt(at('2024-01-15T12:00:00Z'))).toBe(0);
    expect(zoneClock('Asia/Kathmandu').offsetAt(at('2024-01-15T12:00:00Z'))).toBe((5 * 60 + 45) * 60_000);
  });

  it('maps an ordinary wall time to its one instant', () => {
    expect(zoneClock('America/New_York').instantOf(wall('2024-07-04T09:15:00'))).toBe(
      at('2024-07-04T09:15:00-04:00'),
    );
  });

  it('maps a time skipped by spring-forward to the jump', () => {
    // Lisbon: 01:00 WET -> 02:00 WEST on 2024-03-31; New York: 02:00 EST -> 03:00 EDT on 2024-03-10.
    expect(zoneClock('Europe/Lisbon').instantOf(wall('2024-03-31T01:30:00'))).toBe(
      at('2024-03-31T01:00:00Z'),
    );
    expect(zoneClock('America/New_York').instantOf(wall('2024-03-10T02:59:00'))).toBe(
      at('2024-03-10T07:00:00Z'),
    );
    // Santiago skips midnight itself: 2024-09-08 00:00 -04 -> 01:00 -03.
    expect(zoneClock('America/Santiago').instantOf(wall('2024-09-08T00:00:00'))).toBe(
      at('2024-09-08T04:00:00Z'),
    );
  });

  it('maps a time repeated by fall-back to its first pass', () => {
    expect(zoneClock('Europe/Lisbon').instantOf(wall('2024-10-27T01:30:00'))).toBe(
      at('2024-10-27T01:30:00+01:00'),
    );
    expect(zoneClock('America/New_York').instantOf(wall('2024-11-03T01:30:00'))).toBe(
      at('2024-11-03T01:30:00-04:00'),
    );
    // Santiago falls back across midnight: Sunday 00:00 -03 becomes Saturday 23:00 -04.
    const santiago = zoneClock('America/Santiago');
    expect(santiago.instantOf(wall('2024-04-06T23:30:00'))).toBe(at('2024-04-06T23:30:00-03:00'));
    expect(santiago.instantOf(wall('2024-04-07T00:00:00'))).toBe(at('2024-04-07T00:00:00-04:00'));
  });

  it('reuses one clock per zone and rejects unknown zones with a code', () => {
    expect(zoneClock('Europe/Lisbon')).toBe(zoneClock('Europe/Lisbon'));
    expect(() => zoneClock('Mars/Olympus_Mons')).toThrow(
      expect.objectContaining({ code: SlaErrorCode.InvalidCalendar }),
    );
  });
});
