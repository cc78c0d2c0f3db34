import type { Fault, FaultOptions, Params } from './types.js';

interface Armed {
  method: string;
  fault: Fault;
  remaining: number;
  when?: (params: Params) => boolean;
}

/**
 * Faults armed by tests, consumed in the order they were armed. `'*'` matches every Web
 * API method; `'response_url'` matches posts to response URLs.
 */
export class FaultBook {
  private armed: Armed[] = [];

  add(method: string, fault: Fault, opts: FaultOptions = {}): void {
    this.armed.push({ method, fault, remaining: opts.times ?? 1, when: opts.when });
  }

  clear(): void {
    this.armed = [];
  }

  /** The fault for this call, if any, using up one of its `times`. */
  take(method: string, params: Params): Fault | undefined {
    const hit = this.armed.find(
      (a) =>
        a.remaining > 0 &&
        (a.method === method || (a.method === '*' && method !== 'response_url')) &&
        (a.when === undefined || a.when(params)),
    );
    if (hit === undefined) return undefined;
    hit.remaining -= 1;
    if (hit.remaining === 0) this.armed = this.armed.filter((a) => a !== hit);
    return hit.fault;
  }
}
