/**
 * Small descriptive statistics over plain number arrays. Results are rounded to two decimals so
 * reports built from them read the same on every run and platform.
 */

/** Summary of a sample. `stdev` is the sample standard deviation (n − 1); 0 for a single value. */
export interface Stats {
  n: number;
  mean: number;
  median: number;
  stdev: number;
  min: number;
  max: number;
}

/** Rounds to `digits` decimals, turning -0 into 0. */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  const r = Math.round(value * f) / f;
  return r === 0 ? 0 : r;
}

export function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Median of the values; null for an empty list. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Stats of a sample; null when it is empty. */
export function describe(values: number[]): Stats | null {
  if (values.length === 0) return null;
  const n = values.length;
  const mean = sum(values) / n;
  const variance = n > 1 ? sum(values.map((v) => (v - mean) ** 2)) / (n - 1) : 0;
  return {
    n,
    mean: round(mean),
    median: round(median(values)!),
    stdev: round(Math.sqrt(variance)),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}
