/** Deterministic Slack-looking ids (`CSIM00001`) and strictly increasing message timestamps. */
export class IdSource {
  private readonly counters = new Map<string, number>();
  private lastMicros = 0;

  constructor(private readonly now: () => number) {}

  /** Next id with a Slack type prefix: C (channel), D (IM), U (user), V (view)... */
  next(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}SIM${String(n).padStart(5, '0')}`;
  }

  /**
   * A message ts like Slack's `"1700000000.000100"`: seconds and microseconds from the
   * clock, bumped by one microsecond when the clock has not moved, so ts values are
   * unique and strictly increasing even under a frozen virtual clock.
   */
  ts(): string {
    const micros = Math.max(this.now() * 1000, this.lastMicros + 1);
    this.lastMicros = micros;
    return formatTs(micros);
  }

  /** A trigger id shaped like Slack's (`12345.98765.abcd2358fdea`). */
  trigger(): string {
    const n = (this.counters.get('trigger') ?? 0) + 1;
    this.counters.set('trigger', n);
    return `${Math.floor(this.now() / 1000)}.${n}.${randomHex(16)}`;
  }

  /** A view hash like `156772938.1827394a`. */
  hash(): string {
    return `${Math.floor(this.now() / 1000)}.${randomHex(8)}`;
  }
}

export function formatTs(micros: number): string {
  const whole = Math.floor(micros);
  return `${Math.floor(whole / 1e6)}.${String(whole % 1e6).padStart(6, '0')}`;
}

/** Compares two Slack ts strings numerically. */
export function compareTs(a: string, b: string): number {
  return tsMicros(a) - tsMicros(b);
}

export function tsMicros(ts: string): number {
  const [sec = '0', frac = '0'] = ts.split('.');
  return Number(sec) * 1e6 + Number(frac.padEnd(6, '0').slice(0, 6));
}

export function randomHex(length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(Math.random() * 16).toString(16);
  return out;
}
