/**
 * When the bot may send text to a model (issue 16): only when a provider is configured AND the
 * channel's setting for that use is on. Anything else is the non-AI behaviour.
 */

/** Why an AI setting does nothing on this installation: shown by `/triage config` and the docs. */
export const NO_PROVIDER =
  'no AI provider configured: set AI_BASE_URL (and AI_API_KEY, AI_MODEL) to make it act';

export type AiGate = { send: true } | { send: false; reason: 'no_provider' | 'setting_off' };

/** Whether a use may send its text: a provider is configured and the channel turned the use on. */
export function aiGate(providerConfigured: boolean, settingOn: boolean): AiGate {
  if (!providerConfigured) return { send: false, reason: 'no_provider' };
  if (!settingOn) return { send: false, reason: 'setting_off' };
  return { send: true };
}

/** The budget month of a moment: `YYYY-MM` in UTC (budgets reset at 00:00 UTC on the 1st). */
export function budgetMonth(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/**
 * Whether a workspace may make another call this month: `used` tokens counted so far against a
 * monthly `budget` (undefined: no limit). A call that starts under budget may finish over it:
 * its tokens are known only from the answer's `usage`, so the budget stops the *next* call.
 */
export function withinBudget(used: number, budget: number | undefined): boolean {
  return budget === undefined || used < budget;
}

/** The settings that send text to a model (a key, or a group of keys below it). */
export const AI_SETTINGS = [
  'requests.config.ai_smart_grouping',
  'requests.config.ai_assist_auto_responder',
  'requests.ai',
  'requests.aiTags',
  'tickets.config.send_ai_summary_to_connectors',
] as const;

/** Whether `key` is an AI setting, inert on an installation without a provider. */
export function isAiSetting(key: string): boolean {
  return AI_SETTINGS.some((ai) => key === ai || key.startsWith(`${ai}.`));
}
