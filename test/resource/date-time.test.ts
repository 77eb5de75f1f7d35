import { describe, expect, it } from 'vitest';
import { toUtcDateTime } from '../../src/platform/resource/fields.js';

describe('toUtcDateTime', () => {
  it('turns dates and date-times into UTC date-times with milliseconds', () => {
    expect(toUtcDateTime('2026-09-10')).toBe('2026-09-10T00:00:00.000Z');
    expect(toUtcDateTime('2026-09-10T08:00')).toBe('2026-09-10T08:00:00.000Z');
    expect(toUtcDateTime('2026-09-10T08:00:05.5Z')).toBe('2026-09-10T08:00:05.500Z');
    expect(toUtcDateTime('2026-09-10T23:30:00-05:00')).toBe('2026-09-11T04:30:00.000Z');
    expect(toUtcDateTime('2026-09-10T01:00:00+0230')).toBe('2026-09-09T22:30:00.000Z');
    expect(toUtcDateTime('2028-02-29')).toBe('2028-02-29T00:00:00.000Z');
  });

  it('refuses impossible dates and times', () => {
    for (const value of ['2026-02-30', '2027-02-29', '2026-13-01', '2026-09-10T24:00:00Z', '2026-09-10T10:60Z', '10/09/2026', ''])
      expect(toUtcDateTime(value), value).toBeUndefined();
  });
});
