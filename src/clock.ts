/** Where all code reads the time, so tests can move a virtual clock instead of sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Whole seconds since the Unix epoch: the timestamps of seed 003's shapes and webhook signatures. */
export const unixSeconds = (at: Date): number => Math.floor(at.getTime() / 1000);
