import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../errors.js';
import type { LockModel } from './models/lock.js';

const DUPLICATE_KEY = 11000;
const LEASE_MS = 15_000;
const WAIT_MS = 10_000;

/**
 * Serialises read-check-write sequences on one document across requests, processes and bot
 * instances. Conditional updates alone are not enough: FerretDB 1.24 (SQLite) applies
 * concurrent `findOneAndUpdate`/`$inc` on one document without isolation (four parallel
 * conditional updates all "win"; twenty `$inc`s add one), while a unique-key insert is atomic on
 * every engine. A lock whose holder died is taken over once its lease has run out.
 */
export class Locks {
  constructor(private readonly locks: LockModel) {}

  async with<T>(key: string, work: () => Promise<T>): Promise<T> {
    const owner = randomBytes(8).toString('hex');
    await this.acquire(key, owner);
    try {
      return await work();
    } finally {
      await this.locks.deleteOne({ _id: key, owner }).catch(() => {});
    }
  }

  private async acquire(key: string, owner: string): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.locks.create({ _id: key, owner, leaseUntil: new Date(Date.now() + LEASE_MS) });
        return;
      } catch (error) {
        if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      }
      const held = await this.locks.findById(key).lean();
      if (held && held.leaseUntil.getTime() < Date.now()) {
        await this.locks.deleteOne({ _id: key, owner: held.owner });
        continue;
      }
      if (Date.now() > deadline) throw new AppError('service_unavailable', `busy: ${key}`);
      await sleep(Math.min(2 + attempt * 2, 25) + Math.random() * 5);
    }
  }
}
