import { describe, expect, it } from 'vitest';
import { deltaTSeconds, newMoonJde, sunApparentLongitude } from './astronomy.ts';

describe('Meeus worked examples', () => {
  it('example 49.a: the new moon of 1977 February (k = −283) is JDE 2443192.65118', () => {
    expect(newMoonJde(-283)).toBeCloseTo(2443192.65118, 4); // within ~10 s
  });

  it('example 25.a: the Sun on 1992 October 13.0 TD has apparent longitude 199.90895°', () => {
    expect(sunApparentLongitude(2448908.5)).toBeCloseTo(199.90895, 3);
  });
});

describe('new moons', () => {
  it('puts the new moon of 17 February 2007 late in the evening, UTC+7 (16:14 UT)', () => {
    const k = Math.round((2454149 - 2451550.09766) / 29.530588861);
    const jde = newMoonJde(k);
    const universal = jde - deltaTSeconds(2007.13) / 86400;
    const hoursUt = ((universal + 0.5) % 1) * 24;
    expect(hoursUt).toBeGreaterThan(16.1);
    expect(hoursUt).toBeLessThan(16.4);
  });

  it('keeps consecutive new moons 29.2–29.9 days apart over 1900–2100', () => {
    const gaps = Array.from({ length: 2490 }, (_, i) => newMoonJde(i - 1239) - newMoonJde(i - 1240));
    expect(Math.min(...gaps)).toBeGreaterThan(29.2);
    expect(Math.max(...gaps)).toBeLessThan(29.9);
  });
});

describe('ΔT', () => {
  it('is close to observed values', () => {
    expect(deltaTSeconds(1900)).toBeCloseTo(-2.8, 0);
    expect(deltaTSeconds(1950)).toBeCloseTo(29.1, 0);
    expect(deltaTSeconds(2000)).toBeCloseTo(63.9, 0);
    expect(deltaTSeconds(2025)).toBeGreaterThan(65);
    expect(deltaTSeconds(2025)).toBeLessThan(80);
  });
});
