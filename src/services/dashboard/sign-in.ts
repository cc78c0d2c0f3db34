import { LINK_REFUSALS, SESSION_HOURS } from '../../dashboard/sign-in.js';
import { DashboardAuthStore, type DashboardSession } from '../../db/repositories/dashboard.js';
import type { BotDeps } from '../../deps.js';

type AuthDeps = Pick<BotDeps, 'models' | 'clock'>;

/** Signing in with a link: the new session's secret and CSRF token, or why the link is refused. */
export type SignIn =
  | { ok: true; session: { id: string; csrf: string }; maxAgeMs: number }
  | { ok: false; status: number; say: string };

/**
 * Redeems a one-time link (once: a second use and an expired link are refused with a sentence)
 * and opens a session of `SESSION_HOURS` for the person it was made for, with their role.
 */
export async function signIn(deps: AuthDeps, token: string): Promise<SignIn> {
  const store = new DashboardAuthStore(deps.models);
  const now = deps.clock.now();
  const redeemed = await store.redeem(token, now);
  if (!redeemed.ok) return { ok: false, ...LINK_REFUSALS[redeemed.reason] };
  const maxAgeMs = SESSION_HOURS * 3_600_000;
  const session = await store.openSession(redeemed.user, new Date(+now + maxAgeMs));
  return { ok: true, session, maxAgeMs };
}

/** The live session a cookie's value names, if any. */
export function sessionOf(deps: AuthDeps, id: string): Promise<DashboardSession | undefined> {
  return new DashboardAuthStore(deps.models).session(id, deps.clock.now());
}

/** Signs out: the session's cookie no longer opens anything. */
export function signOut(deps: AuthDeps, id: string): Promise<void> {
  return new DashboardAuthStore(deps.models).endSession(id);
}
