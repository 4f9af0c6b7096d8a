/**
 * @module clock
 * Time, so that rules about windows and deadlines can be tested.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
