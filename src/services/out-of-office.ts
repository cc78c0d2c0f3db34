import { DateTime } from 'luxon';
import {
  calendarFromWorkingHours,
  isOpen,
  nextOpening,
  type Calendar,
  type WorkingHoursInput,
} from '../calendar/index.js';
import { claimOnce, type ChannelDoc, type RequestDoc } from '../db/models/index.js';
import type { BotDeps } from '../deps.js';
import type { WorkingHoursConfig } from '../settings/features/working-hours.js';
import { bestEffort } from '../slack/safe-call.js';
import type { ChannelContext } from './requests/context.js';
import type { RequestHooks } from './requests/hooks.js';

const HOUR_MS = 3_600_000;
/** Compare-and-set attempts on the reply slot before giving it up to other requests. */
const MAX_ATTEMPTS = 10;

/**
 * The calendar the out-of-office reply follows: `workingHoursConfig`'s days and hours whenever
 * `sendOutOfOfficeAutoReply` is on, even with `isEnabled` off (that switch decides whether
 * response SLAs count only working time; a team that asks for an out-of-office reply has said
 * when it is in the office).
 */
export function outOfOfficeCalendar(config: WorkingHoursInput): Calendar {
  return calendarFromWorkingHours({ ...config, isEnabled: true });
}

/**
 * Whether a message at `at` gets the out-of-office reply: the team is closed then, and the
 * channel's last reply (`lastReplyAt`) is not within `windowHours` of `now` (at most one reply per
 * channel per window; a window of 0 replies every time).
 *
 * @example
 * // Sat 10:00 Berlin, last reply Sat 09:00, window 12 h: still within the window
 * shouldReplyOutOfOffice({ calendar, at: sat10, now: sat10, lastReplyAt: sat09, windowHours: 12 }); // false
 */
export function shouldReplyOutOfOffice(input: {
  calendar: Calendar;
  at: Date;
  now: Date;
  lastReplyAt: Date | null | undefined;
  windowHours: number;
}): boolean {
  if (isOpen(input.calendar, input.at)) return false;
  if (!input.lastReplyAt || input.windowHours <= 0) return true;
  return input.now.getTime() - input.lastReplyAt.getTime() >= input.windowHours * HOUR_MS;
}

/**
 * "We'll be back Monday 5 January, 09:00 (Europe/Berlin)." for the calendar's next opening after
 * `at`; undefined when it never opens again.
 */
export function backAt(calendar: Calendar, at: Date): string | undefined {
  let opening: Date;
  try {
    opening = nextOpening(calendar, at);
  } catch {
    return undefined;
  }
  const local = DateTime.fromJSDate(opening, { zone: calendar.timezone }).setLocale('en-GB');
  return `We'll be back ${local.toFormat('cccc d LLLL, HH:mm')} (${calendar.timezone}).`;
}

/**
 * Out of office (`workingHoursConfig.sendOutOfOfficeAutoReply`): a request opened outside working
 * hours gets `outOfOfficeAutoReplyMessage` in its thread, followed by when the team is back; with
 * `useCsmAvatarForAutoReply` it comes under the channel CSM's name and picture. At most once per
 * channel per `outOfOfficeAutoReplyGroupingWindow` hours (measured from the last reply, kept on
 * the channel), and once per request whatever the window (a redelivered opening replies once).
 */
export const outOfOfficeHooks: RequestHooks = {
  async created(deps, ctx, request) {
    const config = ctx.features.requests.support.response_sla.workingHoursConfig;
    if (!config.sendOutOfOfficeAutoReply || config.outOfOfficeAutoReplyMessage.trim() === '') {
      return;
    }
    const log = { step: 'out_of_office', requestId: String(request._id) };
    let calendar: Calendar;
    try {
      calendar = outOfOfficeCalendar(config);
    } catch (error) {
      deps.logger.warn({ ...log, err: error }, 'working hours unusable: no out-of-office reply');
      return;
    }
    // The message's own time: a redelivery minutes later still judges the moment it was sent.
    if (isOpen(calendar, request.createdAt)) return;
    const claim = await claimReply(deps, ctx.channel, request, calendar, config);
    if (!claim) return;
    const client = await deps.slackFor(request.teamId);
    const csm = config.useCsmAvatarForAutoReply ? await csmIdentity(deps, ctx) : {};
    const back = backAt(calendar, request.createdAt);
    const posted = await bestEffort(deps.logger, log, () =>
      client.chat.postMessage({
        channel: request.channelId,
        thread_ts: request.rootTs,
        text: back
          ? `${config.outOfOfficeAutoReplyMessage}\n_${back}_`
          : config.outOfOfficeAutoReplyMessage,
        ...csm,
      }),
    );
    if (!posted) await claim.release();
  },
};

/**
 * Takes the channel's reply slot: reads the last reply time, decides, and moves it to now with a
 * compare-and-set on the time read, before the reply is posted, so concurrent requests in one
 * channel reply once. A claim per request stops a redelivered request replying twice. The
 * returned `release` puts things back when the post fails.
 */
async function claimReply(
  deps: BotDeps,
  channel: ChannelDoc,
  request: RequestDoc,
  calendar: Calendar,
  config: WorkingHoursConfig,
): Promise<{ release(): Promise<void> } | undefined> {
  const requestKey = `ooo:${String(request._id)}`;
  const now = deps.clock.now();
  const windowHours = config.outOfOfficeAutoReplyGroupingWindow;
  const at = request.createdAt;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await deps.models.channels
      .findById(channel._id, { lastOutOfOfficeReplyAt: 1 })
      .lean<Pick<ChannelDoc, 'lastOutOfOfficeReplyAt'>>();
    if (!current) return undefined;
    const lastReplyAt = current.lastOutOfOfficeReplyAt ?? null;
    if (!shouldReplyOutOfOffice({ calendar, at, now, lastReplyAt, windowHours })) return undefined;
    const slot = await deps.models.channels.updateOne(
      { _id: channel._id, lastOutOfOfficeReplyAt: lastReplyAt },
      { $set: { lastOutOfOfficeReplyAt: now } },
    );
    if (slot.modifiedCount !== 1) continue; // another reply took it: decide again
    const giveBack = () =>
      deps.models.channels.updateOne(
        { _id: channel._id, lastOutOfOfficeReplyAt: now },
        { $set: { lastOutOfOfficeReplyAt: lastReplyAt } },
      );
    if (!(await claimOnce(deps.models.claims, requestKey, now))) {
      await giveBack();
      return undefined;
    }
    return {
      release: async () => {
        await giveBack();
        await deps.models.claims.deleteOne({ _id: requestKey });
      },
    };
  }
  return undefined;
}

async function csmIdentity(
  deps: BotDeps,
  ctx: ChannelContext,
): Promise<{ username?: string; icon_url?: string }> {
  const csm = ctx.channel.csmUserId;
  if (!csm) return {};
  const client = await deps.slackFor(ctx.channel.teamId);
  const info = await bestEffort(deps.logger, { step: 'ooo_csm_identity' }, () =>
    client.users.info({ user: csm }),
  );
  const profile = info?.user?.profile;
  if (!profile) return {};
  return { username: profile.display_name || profile.real_name, icon_url: profile.image_72 };
}
