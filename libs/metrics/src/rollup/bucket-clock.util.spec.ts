import { describe, expect, it } from 'vitest';
import { bucketClock } from './bucket-clock.util';
import { MetricsErrorCode } from '../metrics.error';

const at = (iso: string): number => Date.parse(iso);

describe('bucketClock', () => {
  it('cuts 15-minute and hourly buckets on the UTC grid whatever the zone', () => {
    const clock = bucketClock('Asia/Kolkata');
    expect(clock.startOf('15m', at('2026-03-02T10:44:59.999Z'))).toBe(at('2026-03-02T10:30:00Z'));
    expect(clock.nextStart('15m', at('2026-03-02T10:30:00Z'))).toBe(at('2026-03-02T10:45:00Z'));
    expect(clock.startOf('1h', at('2026-03-02T10:44:00Z'))).toBe(at('2026-03-02T10:00:00Z'));
  });

  it("starts days at the tenant's local midnight", () => {
    const clock = bucketClock('America/New_York');
    // 03:00 UTC on 3 March is 22:00 on 2 March in New York (UTC-5).
    expect(clock.startOf('1d', at('2026-03-03T03:00:00Z'))).toBe(at('2026-03-02T05:00:00Z'));
    expect(clock.nextStart('1d', at('2026-03-03T03:00:00Z'))).toBe(at('2026-03-03T05:00:00Z'));
  });

  it('gives the spring-forward day 23 hours and the fall-back day 25', () => {
    const clock = bucketClock('Europe/Lisbon');
    const spring = clock.startOf('1d', at('2026-03-29T12:00:00Z'));
    expect(clock.nextStart('1d', spring) - spring).toBe(23 * 3_600_000);
    const autumn = clock.startOf('1d', at('2026-10-25T12:00:00Z'));
    expect(clock.nextStart('1d', autumn) - autumn).toBe(25 * 3_600_000);
  });

  it('refuses an unknown zone with its own code', () => {
    expect(() => bucketClock('Mars/Olympus')).toThrow(
      expect.objectContaining({ code: MetricsErrorCode.InvalidTimeZone }),
    );
  });
});
