/**
 * The two astronomical quantities the lunisolar calendar needs, after Jean Meeus, *Astronomical
 * Algorithms* (2nd ed.):
 *
 * - the instant of each new moon (chapter 49: mean lunation plus periodic terms), and
 * - the Sun's apparent ecliptic longitude (chapter 25, "low accuracy", good to about 0.01°,
 *   i.e. ~15 minutes of the Sun's motion), which places the solar terms: the Sun crosses a
 *   multiple of 30° at each major solar term (trung khí), 270° at the winter solstice.
 *
 * Meeus' series run in Terrestrial (Dynamical) Time, TT. Civil time follows the Earth's rotation
 * (UT), which lags TT by ΔT (about 1 minute nowadays), so we convert with `deltaTDays`.
 * All results are Julian dates (days, fractional); JD 2451545.0 is 2000-01-01 12:00 TT.
 */

const DEG = Math.PI / 180;
const sinDeg = (degrees: number): number => Math.sin((degrees % 360) * DEG);

/**
 * ΔT = TT − UT in seconds, for a decimal year: the polynomial fits of Espenak & Meeus (NASA
 * eclipse site, 2006) for 1860–2150. Errors of a few seconds do not matter here: they move a
 * new moon by seconds, while the calendar only needs the local day.
 */
export function deltaTSeconds(decimalYear: number): number {
  const y = decimalYear;
  if (y < 1900) {
    const t = y - 1860;
    return 7.62 + 0.5737 * t - 0.251754 * t ** 2 + 0.01680668 * t ** 3 - 0.0004473624 * t ** 4 + t ** 5 / 233174;
  }
  if (y < 1920) {
    const t = y - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (y < 1941) {
    const t = y - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (y < 1961) {
    const t = y - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (y < 1986) {
    const t = y - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (y < 2005) {
    const t = y - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5;
  }
  if (y < 2050) {
    const t = y - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  return -20 + 32 * ((y - 1820) / 100) ** 2 - 0.5628 * (2150 - y);
}

/** ΔT in days for a Julian date (TT or UT: the difference is far below ΔT's own error). */
export function deltaTDays(julianDate: number): number {
  const decimalYear = 2000 + (julianDate - 2451545) / 365.25;
  return deltaTSeconds(decimalYear) / 86400;
}

/** Mean synodic month (new moon to new moon), in days. */
export const SYNODIC_MONTH = 29.530588861;

/** JDE of lunation 0, the mean new moon of 2000-01-06 (Meeus 49.1). */
const LUNATION_ZERO_JDE = 2451550.09766;

/** The lunation number k whose mean new moon is nearest a Julian date (k = 0 in January 2000). */
export function lunationNear(julianDate: number): number {
  return Math.round((julianDate - LUNATION_ZERO_JDE) / SYNODIC_MONTH);
}

/** Periodic terms of the true new moon (Meeus table 49.A), as [coefficient, power of E, M', M, F]. */
const NEW_MOON_TERMS: ReadonlyArray<readonly [number, number, number, number, number]> = [
  [-0.4072, 0, 1, 0, 0],
  [0.17241, 1, 0, 1, 0],
  [0.01608, 0, 2, 0, 0],
  [0.01039, 0, 0, 0, 2],
  [0.00739, 1, 1, -1, 0],
  [-0.00514, 1, 1, 1, 0],
  [0.00208, 2, 0, 2, 0],
  [-0.00111, 0, 1, 0, -2],
  [-0.00057, 0, 1, 0, 2],
  [0.00056, 1, 2, 1, 0],
  [-0.00042, 0, 3, 0, 0],
  [0.00042, 1, 0, 1, 2],
  [0.00038, 1, 0, 1, -2],
  [-0.00024, 1, 2, -1, 0],
  [-0.00007, 0, 1, 2, 0],
  [0.00004, 0, 2, 0, -2],
  [0.00004, 0, 0, 3, 0],
  [0.00003, 0, 1, 1, -2],
  [0.00003, 0, 2, 0, 2],
  [-0.00003, 0, 1, 1, 2],
  [0.00003, 0, 1, -1, 2],
  [-0.00002, 0, 1, -1, -2],
  [-0.00002, 0, 3, 1, 0],
  [0.00002, 0, 4, 0, 0],
];

/** Planetary perturbations (Meeus 49, "additional corrections"): [coefficient, A at k=0, A per lunation]. */
const PLANETARY_TERMS: ReadonlyArray<readonly [number, number, number]> = [
  [0.000325, 299.77, 0.107408], // A1 also has −0.009173 T², added below
  [0.000165, 251.88, 0.016321],
  [0.000164, 251.83, 26.651886],
  [0.000126, 349.42, 36.412478],
  [0.00011, 84.66, 18.206239],
  [0.000062, 141.74, 53.303771],
  [0.00006, 207.14, 2.453732],
  [0.000056, 154.84, 7.30686],
  [0.000047, 34.52, 27.261239],
  [0.000042, 207.19, 0.121824],
  [0.00004, 291.34, 1.844379],
  [0.000037, 161.72, 24.198154],
  [0.000035, 239.56, 25.513099],
  [0.000023, 331.55, 3.592518],
];

/**
 * JDE (TT) of the true new moon of lunation k (Meeus 49.1 + table 49.A + additional corrections);
 * accurate to well under a minute over 1900–2100.
 */
export function newMoonJde(k: number): number {
  const T = k / 1236.85; // Julian centuries from J2000.0
  const meanJde =
    LUNATION_ZERO_JDE + SYNODIC_MONTH * k + 0.00015437 * T ** 2 - 0.00000015 * T ** 3 + 0.00000000073 * T ** 4;
  // E: the shrinking eccentricity of the Earth's orbit scales the terms that involve M.
  const E = 1 - 0.002516 * T - 0.0000074 * T ** 2;
  const sunAnomaly = 2.5534 + 29.1053567 * k - 0.0000014 * T ** 2 - 0.00000011 * T ** 3; // M
  const moonAnomaly = 201.5643 + 385.81693528 * k + 0.0107582 * T ** 2 + 0.00001238 * T ** 3 - 0.000000058 * T ** 4; // M'
  const moonLatitudeArg = 160.7108 + 390.67050284 * k - 0.0016118 * T ** 2 - 0.00000227 * T ** 3 + 0.000000011 * T ** 4; // F
  const ascendingNode = 124.7746 - 1.56375588 * k + 0.0020672 * T ** 2 + 0.00000215 * T ** 3; // Ω

  let correction = -0.00017 * sinDeg(ascendingNode);
  for (const [coefficient, powerOfE, nMoon, nSun, nLatitude] of NEW_MOON_TERMS) {
    const angle = nMoon * moonAnomaly + nSun * sunAnomaly + nLatitude * moonLatitudeArg;
    correction += coefficient * E ** powerOfE * sinDeg(angle);
  }
  for (const [index, [coefficient, atZero, perLunation]] of PLANETARY_TERMS.entries()) {
    const angle = atZero + perLunation * k + (index === 0 ? -0.009173 * T ** 2 : 0);
    correction += coefficient * sinDeg(angle);
  }
  return meanJde + correction;
}

/** Normalises an angle in degrees to [0, 360). */
function normalizeDegrees(degrees: number): number {
  const r = degrees % 360;
  return r < 0 ? r + 360 : r;
}

/**
 * The Sun's apparent geocentric longitude in degrees [0, 360) at a JDE (TT), Meeus chapter 25
 * low-accuracy method: mean longitude + equation of centre, then nutation and aberration.
 */
export function sunApparentLongitude(jde: number): number {
  const T = (jde - 2451545) / 36525;
  const meanLongitude = 280.46646 + 36000.76983 * T + 0.0003032 * T ** 2; // L0
  const meanAnomaly = 357.52911 + 35999.05029 * T - 0.0001537 * T ** 2; // M
  const equationOfCentre =
    (1.914602 - 0.004817 * T - 0.000014 * T ** 2) * sinDeg(meanAnomaly) +
    (0.019993 - 0.000101 * T) * sinDeg(2 * meanAnomaly) +
    0.000289 * sinDeg(3 * meanAnomaly);
  const trueLongitude = meanLongitude + equationOfCentre; // ☉
  const ascendingNode = 125.04 - 1934.136 * T; // Ω, for nutation
  return normalizeDegrees(trueLongitude - 0.00569 - 0.00478 * sinDeg(ascendingNode));
}
