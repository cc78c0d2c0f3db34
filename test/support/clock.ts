import { jest } from '@jest/globals';
import type { Clock } from '../../src/clock.js';

/** Everything Jest's fake timers can fake except `Date`: timers and I/O keep real time. */
const REAL_TIME = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
  'Intl',
];

/** The clock `Date` reads in this test file, while a bot runs on it. */
let dateDriver: { clock: VirtualClock; holders: number } | undefined;

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
    this.syncDate();
    return this.now();
  }

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
    this.syncDate();
  }

  /**
   * Makes `Date` (and so Agenda, which reads `new Date()`) show this clock, standing still
   * between moves, until every holder has called the release it returns. One virtual time per
   * test file at a time: bots sharing a database share one clock.
   */
  driveDate(): () => void {
    if (dateDriver && dateDriver.clock !== this)
      throw new Error('another VirtualClock drives Date: stop its bots first');
    if (!dateDriver) {
      jest.useFakeTimers({ now: this.current, doNotFake: REAL_TIME as never });
      dateDriver = { clock: this, holders: 0 };
    }
    const driver = dateDriver;
    driver.holders++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--driver.holders > 0) return;
      jest.useRealTimers();
      dateDriver = undefined;
    };
  }

  private syncDate(): void {
    if (dateDriver?.clock === this) jest.setSystemTime(this.current);
  }
}
