import { Locks } from '../../db/lock.js';
import type { Models, RequestDoc } from '../../db/models/index.js';

/**
 * Runs work on one request with no other writer in between. Every write to a request goes
 * through this, plain updates too: on FerretDB 1.24 an unlocked write can overwrite (or be
 * overwritten by) a locked read-check-write of the same document.
 */
export function withRequestLock<T>(
  models: Pick<Models, 'locks'>,
  id: RequestDoc['_id'] | string,
  work: () => Promise<T>,
): Promise<T> {
  return new Locks(models.locks).with(`request:${String(id)}`, work);
}
