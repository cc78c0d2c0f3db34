import type { RequestHooks } from './hooks.js';
import { slaHooks } from '../timers/sla.js';
import { feedbackHooks } from '../feedback/prompt.js';
import { outOfOfficeHooks } from '../out-of-office.js';
import { nudgeHooks } from '../timers/nudge.js';
import { autoCloseHooks } from '../timers/auto-close.js';
import { cleanupHooks } from '../timers/cleanup.js';
import { ruleHooks } from '../rules/run.js';
import { contactHooks } from '../contacts/record.js';
import { reportHooks } from '../reports/keep.js';
import { connectorHooks } from '../connectors/hooks.js';
import { crmHooks } from '../connectors/crm-hooks.js';
import { emailHooks } from '../email/outbound.js';
import { kbHooks } from '../kb/suggest.js';
import { draftHooks } from '../ai/draft.js';
import { classifyHooks } from '../ai/classify.js';

/**
 * The features that act on request moments, in the order they run. Only the composition root
 * (`runtime.ts`) imports this list; the request services receive it as `deps.requestHooks`, so a
 * hook's own module may use those services (auto-close closes through `applyRequestCommand`)
 * without an import cycle.
 */
export const REQUEST_HOOKS: readonly RequestHooks[] = [
  slaHooks,
  outOfOfficeHooks,
  feedbackHooks,
  nudgeHooks,
  autoCloseHooks,
  cleanupHooks,
  ruleHooks,
  contactHooks,
  connectorHooks,
  crmHooks,
  emailHooks,
  kbHooks,
  draftHooks,
  classifyHooks,
  reportHooks,
];
