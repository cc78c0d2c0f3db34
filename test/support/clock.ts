import type { Clock } from '../../src/clock.js';

/** A clock tests move by hand: nothing sleeps for a timer. */
export class VirtualClock implements Clock {
  private current: number;

  constructor(start: Date | string = new Date()) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves forward by minutes (may be fractional). */
  advanceMinutes(minutes: number): Date {
    this.current += minutes * 60_000;
    return this.now();
  }

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
}
