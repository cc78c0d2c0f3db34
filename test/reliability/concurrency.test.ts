import { STATUS_LABEL, canTransition } from '../../src/requests/lifecycle.js';
import type { RequestStatus } from '../../src/requests/request.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { VirtualClock } from '../support/clock.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { SlackSimulator } from '../support/slack/simulator.js';
import { is2xx, isAck, percentile, report } from './support/slack-delivery.js';
import { cardsByRequest, playTraffic, type Traffic } from './support/traffic.js';
import { TRIAGE, seedWorld, type World } from './support/world.js';

/**
 * Two bot instances on one database and one Slack: 1,000 interleaved operations (customer
 * messages and thread replies, agent replies, triage-card clicks on either instance, the same
 * event delivered to both at once). Afterwards no request is duplicated, every customer message
 * is accounted for once, every history is a legal sequence, no accepted click is lost, each card
 * was posted once and shows the request as stored, the channel counters add up, and each due SLA
 * job, run by both instances at once, alerts once.
 */
const SEED = 20_261_122;
/** RELIABILITY_OPERATIONS scales the run down for a quick look; the figures are for 1,000. */
const OPERATIONS = Number(process.env.RELIABILITY_OPERATIONS ?? 1_000);
const IN_FLIGHT = 8;
const SLA_CHANNEL = 'C0RELSLA';
const SLA_MINUTES = 30;
const CLICKERS = 3; // agents 0..2 click cards; agents 3..5 reply in threads

let database: TestDatabase;
let sim: SlackSimulator;
let clock: VirtualClock;
let bots: TestBot[];
let world: World;

beforeAll(async () => {
  database = await testDatabase();
  sim = await SlackSimulator.start();
  sim.addChannel({ id: SLA_CHANNEL, name: 'sla-alerts', members: [sim.botUserId] });
  clock = new VirtualClock('2026-03-03T10:00:00Z');
  bots = [
    await startTestBot({ sim, database, clock }),
    await startTestBot({ sim, database, clock }),
  ];
  const a = bots[0] as TestBot;
  world = await seedWorld(sim, a.api, { channels: 5, customersPerChannel: 10, agents: 6 });
  const sla = await a.api('PATCH', '/api/v1/workspace/settings', {
    update: {
      requests: {
        support: {
          response_sla: { isEnabled: true, sla: SLA_MINUTES, sla_channel: SLA_CHANNEL },
        },
      },
    },
  });
  if (sla.status !== 200) throw new Error(`settings: ${sla.text}`);
}, 60_000);

afterAll(async () => {
  for (const bot of bots ?? []) await bot.stop();
  await sim?.close();
  await database?.drop();
});

const requestsCollection = () => database.connection.collection('requests');

const brief = (h: StoredRequest['history'][number]) =>
  `${h.type}:${h.from ?? ''}>${h.to ?? ''}@${h.by}`;

interface StoredRequest {
  _id: { toString(): string };
  channelId: string;
  rootTs: string;
  groupedTs: string[];
  status: RequestStatus;
  assigneeId: string | null;
  firstResponseAt: Date | null;
  triage: { ts: string | null };
  history: { type: string; from?: string | null; to?: string | null; by: string }[];
}

describe('two instances, one database, 1,000 interleaved operations', () => {
  let traffic: Traffic;
  let requests: StoredRequest[];
  const problems: Record<string, unknown[]> = {};
  const note = (what: string, detail: unknown) => (problems[what] ??= []).push(detail);

  beforeAll(async () => {
    traffic = await playTraffic({
      sim,
      bots,
      world,
      clock,
      seed: SEED,
      operations: OPERATIONS,
      inFlight: IN_FLIGHT,
      clickers: CLICKERS,
    });
    requests = (await requestsCollection().find({}).toArray()) as unknown as StoredRequest[];
  }, 300_000);

  afterAll(() => {
    const attempts = traffic.sent.flatMap((s) => s.delivery.attempts);
    const firstMs = traffic.sent.map((s) => s.delivery.attempts[0]?.ms ?? 0);
    report('Concurrency: two instances', {
      operations: OPERATIONS,
      inFlight: IN_FLIGHT,
      seed: SEED,
      operationsByKind: traffic.counts,
      httpRequestsPerInstance: traffic.sends,
      eventDeliveries: attempts.length,
      eventAnswers: attempts.reduce<Record<number, number>>((acc, a) => {
        acc[a.status] = (acc[a.status] ?? 0) + 1;
        return acc;
      }, {}),
      eventAckP50Ms: percentile(firstMs, 50),
      eventAckP95Ms: percentile(firstMs, 95),
      eventAckMaxMs: percentile(firstMs, 100),
      eventsSlowerThan3s: attempts.filter((a) => is2xx(a) && !isAck(a)).length,
      neverAcked: traffic.sent.filter((s) => !s.delivery.acked).length,
      eventsRunAgainAfterAFailedRun: traffic.eventsRunAgain,
      eventsLeftUnprocessed: traffic.eventsLeftUnprocessed,
      clicks: traffic.clicks.length,
      clickAnswers: traffic.clicks.reduce<Record<number, number>>((acc, c) => {
        acc[c.status] = (acc[c.status] ?? 0) + 1;
        return acc;
      }, {}),
      clickAckP95Ms: percentile(
        traffic.clicks.map((c) => c.ms),
        95,
      ),
      requests: requests.length,
      groupedMessages: requests.reduce((n, r) => n + r.groupedTs.length, 0),
      elapsedMs: traffic.elapsedMs,
      ...Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, v.length])),
    });
  });

  it('stores one request per root message and accounts for every customer message once', () => {
    const byRoot = new Map<string, number>();
    const accounted = new Map<string, number>();
    for (const r of requests) {
      const root = `${r.channelId}/${r.rootTs}`;
      byRoot.set(root, (byRoot.get(root) ?? 0) + 1);
      for (const ts of [r.rootTs, ...r.groupedTs])
        accounted.set(`${r.channelId}/${ts}`, (accounted.get(`${r.channelId}/${ts}`) ?? 0) + 1);
    }
    for (const [root, n] of byRoot) if (n > 1) note('duplicateRequests', root);
    for (const s of traffic.sent.filter((x) => x.kind === 'message')) {
      const n = accounted.get(`${s.channel}/${s.message.ts}`) ?? 0;
      if (n === 1) continue;
      const own = requests
        .filter((r) => r.channelId === s.channel && r.history[0]?.by === s.message.user)
        .map((r) => ({ root: r.rootTs, status: r.status, history: r.history.map(brief) }));
      note(n === 0 ? 'lostCustomerMessages' : 'messagesInTwoRequests', {
        text: s.text,
        ts: s.message.ts,
        customersRequests: own,
      });
    }
    const found = (what: string) => problems[what] ?? [];
    expect({
      duplicateRequests: found('duplicateRequests'),
      lostCustomerMessages: found('lostCustomerMessages'),
      messagesInTwoRequests: found('messagesInTwoRequests'),
    }).toEqual({ duplicateRequests: [], lostCustomerMessages: [], messagesInTwoRequests: [] });
  });

  it('keeps every history a legal sequence of transitions ending in the stored status', () => {
    for (const r of requests) {
      const moves = r.history.filter((h) => h.type === 'status');
      let at: string | null = null;
      for (const move of moves) {
        const legal =
          at === null
            ? move.from === null && move.to === 'open'
            : move.from === at && canTransition(at as RequestStatus, move.to as RequestStatus);
        if (!legal)
          note('illegalTransitions', { id: String(r._id), from: move.from, to: move.to, at });
        at = move.to ?? null;
      }
      if (at !== r.status)
        note('historyNotEndingInStatus', { id: String(r._id), at, status: r.status });
    }
    expect(problems.illegalTransitions ?? []).toEqual([]);
    expect(problems.historyNotEndingInStatus ?? []).toEqual([]);
  });

  it('loses no accepted click: each answered click left one history entry or one refusal', () => {
    for (const user of world.agents.slice(0, CLICKERS)) {
      const answered = traffic.clicks.filter(
        (c) => c.user === user && c.status >= 200 && c.status < 300,
      ).length;
      const entries = requests.reduce(
        (n, r) =>
          n +
          r.history.filter((h) => h.by === user && (h.type === 'status' || h.type === 'assign'))
            .length,
        0,
      );
      const refusals = sim.ephemerals(TRIAGE, user).length;
      if (entries + refusals !== answered)
        note('clickAccounting', { user, answered, entries, refusals });
    }
    const failed = traffic.clicks.filter((c) => c.status < 200 || c.status >= 300);
    for (const c of failed) note('clicksAnsweredNon2xx', c);
    expect(problems.clickAccounting ?? []).toEqual([]);
    expect(failed).toEqual([]);
  });

  it('posted each card once, and each card shows its request as stored', () => {
    const cards = cardsByRequest(sim);
    for (const r of requests) {
      const own = cards.get(String(r._id)) ?? [];
      if (own.length !== 1)
        note(own.length === 0 ? 'missingCards' : 'duplicateCards', String(r._id));
      const card = own[0];
      if (!card) continue;
      if (card.ts !== r.triage.ts)
        note('cardTsMismatch', { id: String(r._id), card: card.ts, triage: r.triage });
      const context = JSON.stringify(card.blocks);
      const assignee = r.assigneeId ? `assigned to <@${r.assigneeId}>` : 'unassigned';
      if (!context.includes(`*${STATUS_LABEL[r.status]}*`) || !context.includes(assignee))
        note('staleCards', {
          id: String(r._id),
          stored: `${r.status} ${r.assigneeId ?? 'unassigned'}`,
          card: /\*(Open|In progress|On hold|Closed|Discarded)\* · ([^·]+?) ·/
            .exec(context)
            ?.slice(1),
          lastMoves: r.history.slice(-3).map(brief),
        });
    }
    for (const key of cards.keys()) if (key.startsWith('text:')) note('cardsWithoutRequest', key);
    const found = (what: string) => problems[what] ?? [];
    expect({
      duplicateCards: found('duplicateCards'),
      missingCards: found('missingCards'),
      cardTsMismatch: found('cardTsMismatch'),
      staleCards: found('staleCards'),
    }).toEqual({ duplicateCards: [], missingCards: [], cardTsMismatch: [], staleCards: [] });
  });

  it('keeps the channel counters equal to the messages and requests', async () => {
    const channels = await database.connection
      .collection('channels')
      .find({ channelId: { $in: world.channels } })
      .toArray();
    for (const channel of channels) {
      const id = channel.channelId as string;
      const mine = traffic.sent.filter((s) => s.channel === id && s.delivery.answered2xx);
      const expected = {
        total_messages_received: mine.filter((s) => s.kind !== 'agentReply').length,
        total_messages_sent: mine.filter((s) => s.kind === 'agentReply').length,
        total_conversations: requests.filter((r) => r.channelId === id).length,
      };
      const counters = channel.counters as Record<string, number>;
      const actual = {
        total_messages_received: counters.total_messages_received ?? 0,
        total_messages_sent: counters.total_messages_sent ?? 0,
        total_conversations: counters.total_conversations ?? 0,
      };
      if (JSON.stringify(actual) !== JSON.stringify(expected))
        note('counterMismatches', { channel: id, expected, actual });
    }
    expect(problems.counterMismatches ?? []).toEqual([]);
  });

  it('runs each due SLA job’s effect once when both instances run due jobs at the same time', async () => {
    const jobs = await database.connection
      .collection('agendaJobs')
      .find({ name: 'response-sla', nextRunAt: { $ne: null } })
      .toArray();
    const keys = jobs.map((j) => (j.data as { key: string }).key);
    const live = await requestsCollection()
      .find({ status: { $in: ['open', 'in_progress', 'on_hold'] }, firstResponseAt: null })
      .toArray();
    const liveIds = new Set(live.map((r) => String(r._id)));
    const expected = new Set(keys.filter((k) => liveIds.has(k)));
    clock.advanceMinutes(SLA_MINUTES);
    const ran = await Promise.all(bots.map((b) => b.runDue()));
    // An alert links to the request's thread: archives/<channel>/p<root ts without the dot>.
    const byLink = new Map(
      requests.map((r) => [`${r.channelId}/p${r.rootTs.replace('.', '')}`, String(r._id)]),
    );
    const alerts = sim.messages(SLA_CHANNEL);
    const perRequest = new Map<string, number>();
    for (const alert of alerts) {
      const link = /archives\/(\w+\/p\d+)/.exec(JSON.stringify(alert.blocks))?.[1] ?? '';
      const id = byLink.get(link) ?? `unknown ${link}`;
      perRequest.set(id, (perRequest.get(id) ?? 0) + 1);
    }
    const duplicateKeys = keys.length - new Set(keys).size;
    report('Concurrency: SLA jobs on both instances', {
      pendingJobs: jobs.length,
      jobKeysWithTwoDocs: duplicateKeys,
      dueJobsExpectedToAlert: expected.size,
      jobRunsPerInstance: ran,
      alerts: alerts.length,
      duplicateAlerts: [...perRequest.values()].reduce((n, c) => n + Math.max(0, c - 1), 0),
    });
    expect([...expected].map((id) => [id, perRequest.get(id) ?? 0])).toEqual(
      [...expected].map((id) => [id, 1]),
    );
    expect(alerts.length).toBe(expected.size);
  });
});
