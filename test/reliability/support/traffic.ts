import { performance } from 'node:perf_hooks';
import { ACTIONS } from '../../../src/constants.js';
import { ackingDriver, type TestBot } from '../../support/bot.js';
import type { SlackDriver } from '../../support/slack/driver.js';
import type { VirtualClock } from '../../support/clock.js';
import type { SlackSimulator } from '../../support/slack/simulator.js';
import type { SimMessage } from '../../support/slack/types.js';
import { mulberry32 } from './random.js';
import { SlackDelivery, pool, redeliver } from './slack-delivery.js';
import { TRIAGE, type World } from './world.js';

export type Kind = 'message' | 'customerReply' | 'agentReply' | 'click' | 'duplicate';
const WEIGHTS: [Kind, number][] = [
  ['message', 30],
  ['customerReply', 12],
  ['agentReply', 15],
  ['click', 33],
  ['duplicate', 10],
];
const CLICK_ACTIONS = [
  ACTIONS.assignToMe,
  ACTIONS.inProgress,
  ACTIONS.inProgress,
  ACTIONS.onHold,
  ACTIONS.close,
  ACTIONS.reopen,
];

export interface Sent {
  kind: 'message' | 'customerReply' | 'agentReply';
  channel: string;
  message: SimMessage;
  text: string;
  delivery: SlackDelivery;
}
export interface Click {
  user: string;
  actionId: string;
  status: number;
  ms: number;
}

export interface TrafficPlan {
  sim: SlackSimulator;
  bots: TestBot[];
  world: World;
  clock: VirtualClock;
  seed: number;
  operations: number;
  inFlight: number;
  /** Agents 0..clickers-1 click cards; the others reply in threads. */
  clickers: number;
}

/** The live card of each request, straight from the simulator's state (no copies). */
export function cardsByRequest(sim: SlackSimulator): Map<string, SimMessage[]> {
  const cards = new Map<string, SimMessage[]>();
  for (const m of sim.state.channelMessages(TRIAGE)) {
    if (m.user !== sim.botUserId && m.bot_id !== sim.botId) continue;
    const id = /"request_([0-9a-f]{24})"/.exec(JSON.stringify(m.blocks))?.[1];
    const key = id ?? `text:${m.text}`;
    cards.set(key, [...(cards.get(key) ?? []), m]);
  }
  return cards;
}

export interface Traffic {
  sent: Sent[];
  clicks: Click[];
  counts: Record<Kind, number>;
  sends: [number, number];
  elapsedMs: number;
  /** Events whose processing failed at least once and was run again. */
  eventsRunAgain: number;
  eventsLeftUnprocessed: number;
}

/** Plays the interleaved traffic against both instances; resolves when every answer is in. */
export async function playTraffic(plan: TrafficPlan): Promise<Traffic> {
  const { sim, bots, world, clock, clickers } = plan;
  const random = mulberry32(plan.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const sent: Sent[] = [];
  const clicks: Click[] = [];
  const counts: Record<Kind, number> = {
    message: 0,
    customerReply: 0,
    agentReply: 0,
    click: 0,
    duplicate: 0,
  };
  const sends: [number, number] = [0, 0];
  const roots: Sent[] = [];
  const total = WEIGHTS.reduce((n, [, w]) => n + w, 0);
  const chooseKind = (): Kind => {
    let roll = random() * total;
    for (const [kind, weight] of WEIGHTS) if ((roll -= weight) < 0) return kind;
    return 'message';
  };
  // Slack's side: deliveries return on the ack; the bots process events after acking them.
  const slack = bots.map((b) => ackingDriver(b.bot.url, b.teamId, sim));
  const deliver = (kind: Sent['kind'], channel: string, message: SimMessage) => {
    const delivery = new SlackDelivery(async (opts, route) => {
      const instance = route ?? (random() < 0.5 ? 0 : 1);
      sends[instance as 0 | 1]++;
      const response = await (slack[instance] as SlackDriver).message(message, channel, opts);
      // Pace the traffic to what the instance gets through (as the suite's test driver does).
      await (bots[instance] as TestBot).bot.inbox.idle();
      return response;
    }, message.text);
    const s: Sent = { kind, channel, message, text: message.text, delivery };
    sent.push(s);
    return s;
  };

  const operate = async (_: unknown, n: number) => {
    let kind = chooseKind();
    if (kind !== 'message' && roots.length < 10) kind = 'message';
    counts[kind]++;
    if (kind === 'message') {
      const channel = pick(world.channels);
      const user = pick(world.customers[channel] as string[]);
      const message = sim.postAsUser(channel, user, `Our exports are failing ⟨op ${n}⟩`);
      const s = deliver('message', channel, message);
      roots.push(s);
      await s.delivery.attempt();
    } else if (kind === 'customerReply' || kind === 'agentReply') {
      const root = pick(roots);
      const user =
        kind === 'customerReply'
          ? (root.message.user as string)
          : (world.agents[
              clickers + Math.floor(random() * (world.agents.length - clickers))
            ] as string);
      const text =
        kind === 'customerReply'
          ? `Is there any news on this? ⟨op ${n}⟩`
          : `Looking into it now ⟨op ${n}⟩`;
      const message = sim.postAsUser(root.channel, user, text, { thread_ts: root.message.ts });
      await deliver(kind, root.channel, message).delivery.attempt();
    } else if (kind === 'duplicate') {
      // The same event id reaches both instances at once.
      const original = pick(sent);
      await Promise.all([original.delivery.attempt(0), original.delivery.attempt(1)]);
    } else {
      const cards = [...cardsByRequest(sim).entries()].filter(([key]) => !key.startsWith('text:'));
      if (cards.length === 0) return;
      const [requestId, [card]] = pick(cards) as [string, SimMessage[]];
      const user = world.agents[Math.floor(random() * clickers)] as string;
      const actionId = pick(CLICK_ACTIONS);
      const instance = random() < 0.5 ? 0 : 1;
      sends[instance]++;
      const started = performance.now();
      const res = await (slack[instance] as SlackDriver).action({
        user,
        action_id: actionId,
        channel: TRIAGE,
        message_ts: (card as SimMessage).ts,
        value: requestId,
      } as never);
      clicks.push({ user, actionId, status: res.status, ms: performance.now() - started });
    }
  };

  const started = performance.now();
  await pool(
    Array.from({ length: plan.operations }, (_, i) => i),
    plan.inFlight,
    operate,
  );
  // Slack retries what it did not see acknowledged: about a minute later, then 5 more.
  clock.advanceMinutes(1);
  await redeliver(
    sent.map((s) => s.delivery),
    plan.inFlight,
  );
  clock.advanceMinutes(5);
  await redeliver(
    sent.map((s) => s.delivery),
    plan.inFlight,
  );
  // Events whose processing failed are run again by the inbox's recovery pass (every 30 s).
  const inbox = bots[0]?.db.collection('slack_events');
  const recoveryStarted = performance.now();
  for (;;) {
    await Promise.all(bots.map((b) => b.bot.inbox.idle()));
    const left = await inbox?.countDocuments({ state: 'processing' });
    if (!left || performance.now() - recoveryStarted > 120_000) break;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const attempts = await inbox?.find({ attempts: { $gt: 0 } }).toArray();
  return {
    sent,
    clicks,
    counts,
    sends,
    elapsedMs: performance.now() - started,
    eventsRunAgain: attempts?.length ?? 0,
    eventsLeftUnprocessed: (await inbox?.countDocuments({ state: 'processing' })) ?? 0,
  };
}
