import { Features } from '../../../src/settings/features.js';
import type { SlaFacts, SlaState } from '../../../src/sla/clocks.js';

export const at = (iso: string): Date => new Date(iso);

/** Effective features: the defaults with `requests.support` / `requests.config` overrides. */
export function features(
  support: Record<string, unknown> = {},
  config: Record<string, unknown> = {},
): Features {
  return Features.parse({ requests: { support, config } });
}

/** Mon–Fri 09:00–17:00 in Berlin (CET = UTC+1 in early March 2026). */
export const BERLIN_9_TO_17 = {
  isEnabled: true,
  timezone: 'Europe/Berlin',
  workingDays: [1, 2, 3, 4, 5],
};

const NO_SLA: SlaState = {
  responseDueAt: null,
  responseBreachedAt: null,
  closureDueAt: null,
  closureBreachedAt: null,
  pausedAt: null,
  alertsPending: [],
};

/** A request's SLA facts: open, not answered, no clocks, with `sla` and top-level overrides. */
export function slaRequest(
  sla: Partial<SlaState> = {},
  request: Partial<Omit<SlaFacts, 'sla'>> = {},
): SlaFacts {
  return { status: 'open', firstResponseAt: null, ...request, sla: { ...NO_SLA, ...sla } };
}
