import type { Calendar } from '../calendar/index.js';
import { claimOnce, releaseClaim, type ChannelDoc, type RequestDoc } from '../db/models/index.js';
import { ChannelStore } from '../db/repositories/channels.js';
import type { BotDeps } from '../deps.js';
import { planOutOfOffice, shouldReplyOutOfOffice } from '../out-of-office/reply.js';
import type { RequestHooks } from './requests/hooks.js';

/** Compare-and-set attempts on the reply slot before giving it up to other requests. */
const MAX_ATTEMPTS = 10;

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
    const plan = planOutOfOffice(config, request.createdAt);
    const log = { step: 'out_of_office', requestId: String(request._id) };
    if (plan.kind === 'unusable') {
      deps.logger.warn(
        { ...log, err: plan.error },
        'working hours unusable: no out-of-office reply',
      );
    }
    if (plan.kind !== 'reply') return;
    const claim = await claimReply(deps, ctx.channel, request, plan);
    if (!claim) return;
    const slack = await deps.slack(request.teamId);
    const csm = plan.asCsm && ctx.channel.csmUserId;
    const identity = csm ? await slack.identity(csm, { ...log, user: csm }) : {};
    const reply = { channel: request.channelId, thread_ts: request.rootTs, text: plan.text };
    if (!(await slack.post({ ...reply, ...identity }, { bestEffort: log }))) await claim.release();
  },
};

/**
 * Takes the channel's reply slot: reads the last reply time, decides, and moves it to now with a
 * compare-and-set on the time read, before the reply is posted, so concurrent requests in one
 * channel reply once. A claim per request stops a redelivered request replying twice. The
 * returned `release` puts things back when the post fails.
 */
async function claimReply(
  deps: Pick<BotDeps, 'models' | 'clock'>,
  channel: ChannelDoc,
  request: RequestDoc,
  { calendar, windowHours }: { calendar: Calendar; windowHours: number },
): Promise<{ release(): Promise<void> } | undefined> {
  const requestKey = `ooo:${String(request._id)}`;
  const channels = new ChannelStore(deps.models);
  const now = deps.clock.now();
  const at = request.createdAt;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const lastReplyAt = await channels.lastOutOfOfficeReply(channel._id);
    if (lastReplyAt === undefined) return undefined;
    if (!shouldReplyOutOfOffice({ calendar, at, now, lastReplyAt, windowHours })) return undefined;
    // Another reply took the slot: decide again.
    if (!(await channels.moveOutOfOfficeReply(channel._id, lastReplyAt, now))) continue;
    const giveBack = () => channels.moveOutOfOfficeReply(channel._id, now, lastReplyAt);
    if (!(await claimOnce(deps.models.claims, requestKey, now))) {
      await giveBack();
      return undefined;
    }
    return {
      release: async () => {
        await giveBack();
        await releaseClaim(deps.models.claims, requestKey);
      },
    };
  }
  return undefined;
}
