import { AppError } from '../../../src/errors.js';
import { settingsCatalog } from '../../../src/settings/catalog.js';
import type { Level, LevelKind, LevelSettings } from '../../../src/settings/levels.js';
import { planWrite } from '../../../src/settings/write.js';

/** Shared keys and levels for the settings domain tests. */

export const catalog = settingsCatalog();

export const SEND_FEEDBACK = 'requests.config.send_feedback';
export const WINDOW = 'requests.config.conversation_grouping_window';
export const BOTS = 'requests.config.white_listed_bots';
export const SLA = 'requests.support.response_sla.sla';
export const TIMEZONE = 'requests.support.response_sla.workingHoursConfig.timezone';
export const HOURS_ENABLED = 'requests.support.response_sla.workingHoursConfig.isEnabled';
export const RESPONSE_SLA = 'requests.support.response_sla';

export function settings(
  overrides: Record<string, unknown> = {},
  locks: string[] = [],
): LevelSettings {
  return { overrides, locks };
}

export const workspace = (s: LevelSettings = settings()): Level => ({
  level: 'workspace',
  id: 'T0ACME',
  name: 'Acme',
  settings: s,
});

export const account = (s: LevelSettings = settings()): Level => ({
  level: 'account',
  id: 'acc_globex',
  name: 'Globex',
  settings: s,
});

/** Channels carry no name here, so references to them show only the id. */
export const channel = (s: LevelSettings = settings()): Level => ({
  level: 'channel',
  id: 'C0GLOBEX',
  settings: s,
});

/** The AppError `run` throws; fails the test when it returns or throws something else. */
export function rejection(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError, but nothing was thrown');
}

const storedForFailures = (): LevelSettings =>
  settings({ [WINDOW]: 10, [SLA]: 30 }, [SEND_FEEDBACK]);

/**
 * The 422 detail of a write of `body` at `level` (nothing locked above). Also checks that the
 * write is all-or-nothing: the rejected body leaves the stored settings as they were.
 */
export function failure(body: unknown, level: LevelKind = 'account') {
  const current = storedForFailures();
  const error = rejection(() => planWrite(catalog, { level, current, above: [] }, body));
  expect(current).toEqual(storedForFailures());
  expect([error.code, error.status]).toEqual(['invalid_input', 422]);
  return error.detail;
}
