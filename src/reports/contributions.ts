import type { DayKey } from './buckets.js';
import type { RequestFacts } from './facts.js';

/** Upper bounds (minutes) of the duration histogram's buckets; the last one is open (> 3 days). */
export const DURATION_BUCKETS = [5, 15, 30, 60, 120, 240, 480, 1440, 4320, Infinity] as const;
/** Labels of those buckets, as the API names them. */
export const DURATION_LABELS = [
  '0-5m',
  '5-15m',
  '15-30m',
  '30-60m',
  '1-2h',
  '2-4h',
  '4-8h',
  '8-24h',
  '1-3d',
  '>3d',
] as const;

const hist = (prefix: string) => DURATION_LABELS.map((_, i) => `${prefix}${i}`);

/** Every counter a rollup row keeps (`$inc`-ed); all are whole numbers. */
export const COUNTERS = [
  'conversations',
  'incoming',
  'outgoing',
  'frtCount',
  'frtSum',
  'frtBusiness',
  ...hist('frtH'),
  'resolutions',
  'resSum',
  'resBusiness',
  ...hist('resH'),
  'reopens',
  'deflected',
  'slaResponseMet',
  'slaResponseBreached',
  'slaResponsePending',
  'slaClosureMet',
  'slaClosureBreached',
  'slaClosurePending',
  'csatCount',
  'csatSum',
  'csatR1',
  'csatR2',
  'csatR3',
  'csatR4',
  'csatR5',
] as const;
export type Counter = (typeof COUNTERS)[number];
export type Counters = Partial<Record<Counter, number>>;

/** Rollup dimensions: `all` is the workspace; a team reads its members' `agent` rows. */
export const DIMENSIONS = ['all', 'channel', 'account', 'agent', 'label', 'severity', 'category'];
export type Dimension = 'all' | 'channel' | 'account' | 'agent' | 'label' | 'severity' | 'category';

/** One rollup row's key: workspace day × dimension × value (`all` for the workspace's own row). */
export interface RowKey {
  day: DayKey;
  dimension: Dimension;
  value: string;
}
/** Counters by row, keyed `day|dimension|value`. */
export type Contribution = Map<string, Counters>;

export const rowKey = (k: RowKey): string => `${k.day}|${k.dimension}|${k.value}`;
export const parseRowKey = (key: string): RowKey => {
  const [day = '', dimension = 'all', ...value] = key.split('|');
  return { day, dimension: dimension as Dimension, value: value.join('|') };
};

/** The histogram bucket of a duration in minutes. */
export const durationBucket = (minutes: number): number =>
  DURATION_BUCKETS.findIndex((bound) => minutes < bound);

/** The counters a request adds on each day, before they are spread over its dimensions. */
function countersByDay(f: RequestFacts): Map<DayKey, Counters> {
  const days = new Map<DayKey, Counters>();
  const add = (day: DayKey, counter: Counter, n = 1) => {
    if (n === 0) return; // rows keep no zeros, so a contribution compares with stored rollups
    const row = days.get(day) ?? {};
    row[counter] = (row[counter] ?? 0) + n;
    days.set(day, row);
  };
  add(f.day, 'conversations');
  add(f.day, 'incoming', f.incoming);
  add(f.day, 'outgoing', f.outgoing);
  const business = f.business ? 1 : 0;
  if (f.firstResponse) {
    const { day, minutes } = f.firstResponse;
    add(day, 'frtCount');
    add(day, 'frtSum', minutes);
    add(day, 'frtBusiness', business);
    add(day, `frtH${durationBucket(minutes)}` as Counter);
  }
  if (f.resolution) {
    const { day, minutes } = f.resolution;
    add(day, 'resolutions');
    add(day, 'resSum', minutes);
    add(day, 'resBusiness', business);
    add(day, `resH${durationBucket(minutes)}` as Counter);
  }
  for (const day of f.reopens) add(day, 'reopens');
  if (f.deflected) add(f.deflected, 'deflected');
  const outcome = { met: 'Met', breached: 'Breached', pending: 'Pending' } as const;
  if (f.sla.response) add(f.day, `slaResponse${outcome[f.sla.response]}`);
  if (f.sla.closure) add(f.day, `slaClosure${outcome[f.sla.closure]}`);
  if (f.csat) {
    const rating = Math.min(5, Math.max(1, f.csat.rating));
    add(f.csat.day, 'csatCount');
    add(f.csat.day, 'csatSum', rating);
    add(f.csat.day, `csatR${rating}` as Counter);
  }
  return days;
}

/** The dimension values a request is reported under (one row each, plus the workspace's). */
function dimensionValues(f: RequestFacts): [Dimension, string][] {
  const { dims } = f;
  return [
    ['all', 'all'],
    ['channel', dims.channel],
    ...(dims.account ? [['account', dims.account] as [Dimension, string]] : []),
    ...(dims.agent ? [['agent', dims.agent] as [Dimension, string]] : []),
    ...dims.label.map((label): [Dimension, string] => ['label', label]),
    ...(dims.severity ? [['severity', dims.severity] as [Dimension, string]] : []),
    ...dims.category.map((category): [Dimension, string] => ['category', category]),
  ];
}

/**
 * What a request adds to the rollups: its counters on each day, under each of its dimensions.
 * Null facts (a request not yet counted) add nothing.
 */
export function contributionOf(f: RequestFacts | null): Contribution {
  const out: Contribution = new Map();
  if (!f) return out;
  const byDay = countersByDay(f);
  for (const [dimension, value] of dimensionValues(f))
    for (const [day, counters] of byDay) out.set(rowKey({ day, dimension, value }), counters);
  return out;
}

/** Adds `b` (times `sign`) into `into`, dropping counters that come to zero. */
export function addInto(into: Contribution, b: Contribution, sign = 1): Contribution {
  for (const [key, counters] of b) {
    const row = { ...into.get(key) };
    for (const [counter, n] of Object.entries(counters) as [Counter, number][]) {
      const sum = (row[counter] ?? 0) + sign * n;
      if (sum === 0) delete row[counter];
      else row[counter] = sum;
    }
    if (Object.keys(row).length === 0) into.delete(key);
    else into.set(key, row);
  }
  return into;
}

/**
 * The `$inc`s that move the rollups from counting `before` to counting `after`: empty when a
 * change touches nothing the reports count. Summing the deltas of every write of a request gives
 * its current contribution, so rollups kept this way equal a recomputation.
 *
 * @example
 * deltaBetween(factsWith({ outgoing: 1 }), factsWith({ outgoing: 2 }));
 * // one `outgoing: 1` per dimension row of the creation day
 */
export function deltaBetween(
  before: RequestFacts | null,
  after: RequestFacts | null,
): Contribution {
  return addInto(addInto(new Map(), contributionOf(after)), contributionOf(before), -1);
}
