/** Report metrics: a request's facts, its rollup contributions, buckets and metric values. */
export * from './buckets.js';
export * from './contributions.js';
export * from './facts.js';
export * from './metrics.js';
