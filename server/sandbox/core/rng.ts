import { Faker, en } from "@faker-js/faker";

/**
 * A seeded source of randomness. Every generator takes its randomness from here, never from
 * Math.random or the clock, so the same seed always yields the same company, byte for byte.
 */
export type Rng = Faker;

export function createRng(seed: number): Rng {
  const f = new Faker({ locale: [en] });
  f.seed(seed);
  return f;
}

/** Picks `n` distinct items in a seeded order. */
export function sample<T>(rng: Rng, items: readonly T[], n: number): T[] {
  return rng.helpers.arrayElements(items as T[], Math.min(n, items.length));
}
