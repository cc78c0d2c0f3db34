/** Latency summaries by sorting (sample counts here are thousands, so no histogram is needed). */
export interface Summary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** The nearest-rank percentile (`p` in 0..100) of an ascending array; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((total, x) => total + x, 0);
  return {
    count: sorted.length,
    mean: round(sorted.length ? sum / sorted.length : NaN),
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? NaN),
  };
}

/** Three significant decimals at most: enough for milliseconds and ratios. */
export function round(x: number, digits = 3): number {
  return Number.isFinite(x) ? Number(x.toFixed(digits)) : x;
}

/** Calls per second of `fn` over `inputs`, looping for at least `minMs` (after a warm-up pass). */
export function callsPerSecond<T>(inputs: readonly T[], fn: (input: T) => unknown, minMs: number) {
  let sink = 0;
  const consume = (value: unknown) => {
    sink += value instanceof Date ? value.getTime() & 1 : 1;
  };
  for (const input of inputs) consume(fn(input));
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const input of inputs) consume(fn(input));
    calls += inputs.length;
    elapsed = performance.now() - start;
  }
  return { callsPerSecond: Math.round((calls / elapsed) * 1000), calls, ms: round(elapsed), sink };
}
