import { setTimeout as sleep } from 'node:timers/promises';
import type { ChildBot } from './support/child-bot.js';
import { CrashRig, RESPONSE_SLA, SLA_CHANNEL, waitUntil, type Msg } from './support/crash-rig.js';
import { percentile, pool, redeliver, report } from './support/slack-delivery.js';
import { cardsShowing } from './support/world.js';

/**
 * The bot process is SIGKILLed while events are in flight and SLA jobs are pending (some locked
 * ahead by its scheduler, some running). A new process on the same database and port must leave
 * every acknowledged request stored once, store the rest when Slack redelivers them, and fire
 * every due job once.
 */
let rig: CrashRig;

beforeAll(async () => {
  rig = await CrashRig.start();
}, 90_000);

afterAll(async () => {
  await rig?.stop();
});

interface Outcome {
  timed: { pending: Msg[]; lockedAhead: Msg[]; running: Msg[] };
  burst: Msg[];
  ackedAtKill: Msg[];
  /** Requests of the events acknowledged before the kill, once the new process recovered them. */
  ackedStoredAfterRestart: number[];
  stored: number[];
  /** The card whose chat.postMessage Slack had accepted when the process died. */
  cardInFlight: string | undefined;
  cards: Map<string, number>;
  /** Requests whose stored card ts is not the card Slack shows (an orphaned or second card). */
  untrackedCards: string[];
  alerts: Map<string, number>;
}

const cardText = (card: { blocks?: unknown }, text: string) =>
  JSON.stringify(card.blocks).includes(text);

/** Plays the crash once; the tests below read what happened. */
async function playCrash(): Promise<Outcome> {
  // Requests whose response SLA jobs will be pending, locked or running at the crash.
  const timed = Array.from({ length: 12 }, () => rig.customerPosts('sla'));
  await pool(timed, 4, async (m) => {
    await m.delivery.attempt();
  });
  if (!timed.every((m) => m.delivery.acked)) throw new Error('set-up events were not acked');
  await waitUntil(
    async () => (await rig.jobs().countDocuments({ name: RESPONSE_SLA })) >= timed.length,
    10_000,
    'the response SLA jobs',
  );
  const pending = timed.slice(0, 6); // due after the new process is up
  const lockedAhead = timed.slice(6, 10); // due soon: the scheduler locks them ahead of time
  const running = timed.slice(10); // due now: their alert hangs until the process dies
  rig.sim.fail(
    'chat.postMessage',
    { hang: true },
    {
      times: running.length * 6, // every client retry of those alerts hangs too
      when: (p) =>
        p.channel === SLA_CHANNEL && running.some((m) => JSON.stringify(p).includes(m.text)),
    },
  );

  // The jobs due now run at the scheduler's next tick (τ) and hang on their alert.
  for (const m of running) await rig.dueAt(m, new Date(Date.now() - 1_000));
  const runningIds = await Promise.all(running.map((m) => rig.requestId(m)));
  await waitUntil(
    () =>
      rig.sim.calls('chat.postMessage').filter((c) => c.params.channel === SLA_CHANNEL).length >=
      running.length,
    12_000,
    'the due jobs to run',
  );
  // The scheduler ticks every 5 s; τ is when it picked up the due jobs (their alert went out
  // a few milliseconds later; the job documents themselves may be gone by now).
  const tick = Math.min(
    ...rig.sim
      .calls('chat.postMessage')
      .filter((c) => c.params.channel === SLA_CHANNEL)
      .map((c) => c.at.getTime()),
  );
  // Due 9 s after τ: locked at the tick τ + 5 s (which looks 5 s ahead), to run at τ + 9 s.
  for (const m of lockedAhead) await rig.dueAt(m, new Date(tick + 9_000));
  // Due well after the crash and the restart.
  for (const m of pending) await rig.dueAt(m, new Date(tick + 25_000));
  const lockedIds = await Promise.all(lockedAhead.map((m) => rig.requestId(m)));
  await sleep(Math.max(0, tick + 4_000 - Date.now()));

  // Four streams of events, about 13 a second in all (back to back once the kill is armed).
  // Once the soon-due jobs are locked, the process is SIGKILLed the moment Slack accepts its
  // next triage card: the card exists, the bot never hears back.
  const burst: Msg[] = [];
  let armed = false;
  let deliveriesInFlight = 0;
  let cardInFlight: string | undefined;
  const pid = (rig.child as ChildBot).pid;
  rig.sim.fail(
    'chat.postMessage',
    { error: 'unused' },
    {
      when: (p) => {
        if (armed && deliveriesInFlight > 0 && !cardInFlight && p.channel === rig.world.triage) {
          cardInFlight = burst.find((m) => JSON.stringify(p.blocks).includes(m.text))?.text;
          process.kill(pid, 'SIGKILL');
        }
        return false;
      },
    },
  );
  const stream = async () => {
    while (!cardInFlight && burst.length < 190) {
      const m = rig.customerPosts('burst');
      burst.push(m);
      deliveriesInFlight++;
      await m.delivery.attempt();
      deliveriesInFlight--;
      // Paced until the kill is armed, then back to back so deliveries are in flight at it.
      if (!armed) await sleep(300);
    }
  };
  const streams = Promise.all(Array.from({ length: 4 }, stream));
  await waitUntil(
    async () =>
      burst.filter((m) => m.delivery.acked).length >= 10 &&
      (await rig
        .jobs()
        .countDocuments({ 'data.key': { $in: lockedIds }, lockedAt: { $ne: null } })) ===
        lockedAhead.length,
    12_000,
    'the scheduler to lock the soon-due jobs',
  );
  armed = true;
  await waitUntil(() => Boolean(cardInFlight), 10_000, 'a card post to kill the process on');
  await (rig.child as ChildBot).kill();
  const killedAt = Date.now();
  await streams;
  rig.child = undefined;
  const ackedAtKill = burst.filter((m) => m.delivery.acked);
  const jobAtKill = async (ids: string[]) =>
    (
      await rig
        .jobs()
        .find({ 'data.key': { $in: ids } })
        .toArray()
    ).map((j) => ({
      locked: Boolean(j.lockedAt),
      started: Boolean(j.lastRunAt),
    }));
  const lockedAheadAtKill = await jobAtKill(lockedIds);
  const runningAtKill = await jobAtKill(runningIds);
  const leftProcessing = await rig.database.connection
    .collection('slack_events')
    .countDocuments({ state: 'processing' });

  // Slack retries at once (the process is down); the process restarts on the same port, and
  // Slack's later retries (about 1 and 5 minutes on) reach it.
  rig.sim.clearFaults();
  const immediate = await redeliver(burst.map((m) => m.delivery));
  const restartStarted = Date.now();
  await rig.restart();
  const restartMs = Date.now() - restartStarted;
  const retry2 = await redeliver(burst.map((m) => m.delivery));
  const retry2Ms = burst.flatMap((m) =>
    m.delivery.attempts.filter((a) => a.retryNum === 2).map((a) => a.ms),
  );
  const retry3 = await redeliver(burst.map((m) => m.delivery));

  // Events stored but unprocessed at the kill run again once their lease has run out; the
  // jobs fall due (or are unlocked) meanwhile, and the alerts the dead process had recorded
  // but not posted are resent by catch-up (a minute's grace, then its next minutely run).
  // Wait for all of it, within 150 s of the kill.
  const delivered = burst.filter((m) => m.delivery.answered2xx);
  const settled = async () =>
    (await Promise.all(delivered.map((m) => rig.requestCount(m)))).every((n) => n > 0) &&
    [...pending, ...lockedAhead, ...running].every((m) => rig.alertsFor(m) > 0);
  while (!(await settled()) && Date.now() < killedAt + 150_000) await sleep(1_000);
  const settledAfterMs = Date.now() - killedAt;
  await sleep(2_000);
  const ackedStoredAfterRestart = await Promise.all(ackedAtKill.map((m) => rig.requestCount(m)));

  const stored = await Promise.all(burst.map((m) => rig.requestCount(m)));
  const cards = new Map([...timed, ...burst].map((m) => [m.text, cardsShowing(rig.sim, m.text)]));
  const alerts = new Map(timed.map((m) => [m.text, rig.alertsFor(m)]));
  const breached = await rig.requests().countDocuments({
    'sla.responseBreachedAt': { $ne: null },
  });
  const cardCounts = [...cards.values()];
  const untrackedCards: string[] = [];
  for (const m of [...timed, ...burst]) {
    const shown = rig.sim.messages(rig.world.triage).filter((c) => c.text && cardText(c, m.text));
    const stored = await rig.requests().findOne({ channelId: m.channel, rootTs: m.ts });
    if (shown.length > 0 && !shown.some((c) => c.ts === stored?.triage?.ts))
      untrackedCards.push(m.text);
  }
  const stillLocked = await rig.jobs().countDocuments({
    'data.key': { $in: [...lockedIds, ...runningIds] },
    lockedAt: { $ne: null, $lt: new Date(killedAt) },
  });
  report('Crash (SIGKILL)', {
    eventsInBurst: burst.length,
    ackedBeforeKill: ackedAtKill.length,
    inFlightOrRefusedAtKill: burst.length - ackedAtKill.length,
    eventsLeftProcessingByKill: leftProcessing,
    slackImmediateRetriesWhileDown: immediate,
    restartToHealthyMs: restartMs,
    ackedMissingAtEnd: ackedStoredAfterRestart.filter((n) => n === 0).length,
    allStoredAndDueJobsFiredMsAfterKill: settledAfterMs,
    slackRetry2Sent: retry2,
    slackRetry2P50Ms: percentile(retry2Ms, 50),
    slackRetry2MaxMs: percentile(retry2Ms, 100),
    slackRetry3Sent: retry3,
    neverAcked: burst.filter((m) => !m.delivery.acked).length,
    duplicateRequests: stored.reduce((n, c) => n + Math.max(0, c - 1), 0),
    duplicateCards: cardCounts.reduce((n, c) => n + Math.max(0, c - 1), 0),
    missingCards: cardCounts.filter((c) => c === 0).length,
    cardInFlightAtKillShown: cardInFlight ? cards.get(cardInFlight) : 'none',
    untrackedCards: untrackedCards.length,
    dueJobs: timed.length,
    jobsPendingAtKill: pending.length,
    jobsLockedAheadAtKill: lockedAhead.length,
    jobsRunningAtKill: running.length,
    lockedAheadJobsAtKill: lockedAheadAtKill,
    runningJobsAtKill: runningAtKill,
    killedAfterTickMs: killedAt - tick,
    jobsStillLockedByDeadProcessAtEnd: stillLocked,
    secondsFromKillToEnd: Math.round((Date.now() - killedAt) / 1000),
    alertsPerDueJob: [...alerts.values()],
    breachesRecorded: breached,
  });
  return {
    timed: { pending, lockedAhead, running },
    burst,
    ackedAtKill,
    ackedStoredAfterRestart,
    stored,
    cardInFlight,
    cards,
    untrackedCards,
    alerts,
  };
}

describe('a SIGKILL with events in flight and jobs pending', () => {
  let o: Outcome;
  beforeAll(async () => {
    o = await playCrash();
  }, 240_000);

  const alertCounts = (ms: Msg[]) => ms.map((m) => [m.text, o.alerts.get(m.text)]);
  const once = (ms: Msg[]) => ms.map((m) => [m.text, 1]);

  it('has every request acknowledged before the kill stored exactly once after the restart', () => {
    expect(o.ackedAtKill.length).toBeGreaterThan(0);
    expect(o.ackedAtKill.map((m, i) => [m.text, o.ackedStoredAfterRestart[i]])).toEqual(
      once(o.ackedAtKill),
    );
  });

  it('stores every other event once when Slack redelivers it', () => {
    expect(o.burst.map((m, i) => [m.text, m.delivery.acked, o.stored[i]])).toEqual(
      o.burst.map((m) => [m.text, true, 1]),
    );
  });

  it('shows each request’s triage card once, the one in flight at the kill included', () => {
    expect(o.cardInFlight).toBeDefined();
    const all = [...o.timed.pending, ...o.timed.lockedAhead, ...o.timed.running, ...o.burst];
    expect(all.map((m) => [m.text, o.cards.get(m.text)])).toEqual(once(all));
    // …and that card is the one the request points at, so later changes update it.
    expect(o.untrackedCards).toEqual([]);
  });

  it('fires the jobs that were pending at the kill once, in the new process', () => {
    expect(alertCounts(o.timed.pending)).toEqual(once(o.timed.pending));
  });

  it('fires the jobs the killed process had locked ahead of time once', () => {
    expect(alertCounts(o.timed.lockedAhead)).toEqual(once(o.timed.lockedAhead));
  });

  it('fires the jobs that were running at the kill once', () => {
    expect(alertCounts(o.timed.running)).toEqual(once(o.timed.running));
  });
});
