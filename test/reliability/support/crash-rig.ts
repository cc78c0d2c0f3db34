import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../../src/db/engine.js';
import { createModels } from '../../../src/db/models/index.js';
import { createApiToken } from '../../../src/db/repositories/api-tokens.js';
import { SIGNING_SECRET, ackingDriver } from '../../support/bot.js';
import { testDatabase, type TestDatabase } from '../../support/db.js';
import type { SlackDriver } from '../../support/slack/driver.js';
import { SlackSimulator } from '../../support/slack/simulator.js';
import { startChildBot, type ChildBot } from './child-bot.js';
import { SlackDelivery } from './slack-delivery.js';
import { seedWorld, type World } from './world.js';

const TEAM = 'T0CRASH';
export const SLA_CHANNEL = 'C0RELSLA';
export const RESPONSE_SLA = 'response-sla';

/** A customer's top-level message and its delivery. */
export interface Msg {
  channel: string;
  ts: string;
  text: string;
  delivery: SlackDelivery;
}

/**
 * The bot as a process of its own (`src/main.ts`) on a test database, with a Slack simulator,
 * a seeded world and a one-hour response SLA alerting in #sla-alerts; the process can be killed
 * and started again on the same port, as a supervisor would.
 */
export class CrashRig {
  child: ChildBot | undefined;
  private posted = 0;

  private constructor(
    readonly database: TestDatabase,
    readonly sim: SlackSimulator,
    private readonly env: Record<string, string>,
    private readonly driver: SlackDriver,
    private readonly token: string,
    public world: World,
  ) {}

  static async start(): Promise<CrashRig> {
    const database = await testDatabase();
    const sim = await SlackSimulator.start({ teamId: TEAM });
    sim.addChannel({ id: SLA_CHANNEL, name: 'sla-alerts', members: [sim.botUserId] });
    const env = {
      MONGODB_URI: database.uri,
      SLACK_API_URL: sim.url,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: sim.botToken,
      PORT: String(await freePort()),
      LOG_LEVEL: 'silent',
    };
    const child = await startChildBot(env);
    const models = createModels(database.connection);
    await models.workspaces.updateOne(
      { _id: TEAM },
      { $set: { name: 'Crash Inc' } },
      { upsert: true },
    );
    const token = await createApiToken(models, TEAM, 'U0ADMIN');
    const driver = ackingDriver(child.url, TEAM, sim);
    const rig = new CrashRig(database, sim, env, driver, token, undefined as never);
    rig.child = child;
    rig.world = await seedWorld(sim, (m, p, b) => rig.api(m, p, b), {
      channels: 2,
      customersPerChannel: 100,
      agents: 2,
    });
    const sla = await rig.api('PATCH', '/api/v1/workspace/settings', {
      update: {
        requests: {
          support: { response_sla: { isEnabled: true, sla: 60, sla_channel: SLA_CHANNEL } },
        },
      },
    });
    if (sla.status !== 200) throw new Error(`settings: ${sla.text}`);
    return rig;
  }

  async api(method: string, path: string, body?: unknown) {
    const res = await fetch(`${(this.child as ChildBot).url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  }

  /** Starts the bot process again, on the same port and database. */
  async restart(): Promise<void> {
    this.child = await startChildBot(this.env);
  }

  async stop(): Promise<void> {
    await this.child?.stop();
    await this.sim.close();
    await this.database.drop();
  }

  /** A new customer writes at the top level; Slack's delivery is not sent yet. */
  customerPosts(label: string): Msg {
    const { channels, customers } = this.world;
    const channel = channels[this.posted % channels.length] as string;
    const user = customers[channel]?.[Math.floor(this.posted / channels.length)] as string;
    const text = `[${label} ${this.posted++}] Sync keeps failing`;
    const message = this.sim.postAsUser(channel, user, text);
    const delivery = new SlackDelivery((opts) => this.driver.message(message, channel, opts), text);
    return { channel, ts: message.ts, text, delivery };
  }

  requests() {
    return this.database.connection.collection('requests');
  }

  jobs() {
    return this.database.connection.collection('agendaJobs');
  }

  requestCount(m: Msg): Promise<number> {
    return this.requests().countDocuments({ channelId: m.channel, rootTs: m.ts });
  }

  async requestId(m: Msg): Promise<string> {
    return String((await this.requests().findOne({ channelId: m.channel, rootTs: m.ts }))?._id);
  }

  /** Breach alerts posted for the request (they quote its text). */
  alertsFor(m: Msg): number {
    return this.sim
      .messages(SLA_CHANNEL)
      .filter((a) => a.bot_id === this.sim.botId || a.user === this.sim.botUserId)
      .filter((a) => JSON.stringify(a.blocks).includes(m.text)).length;
  }

  /** Makes the request's response SLA (and its pending job) due at `at`, as if time had passed. */
  async dueAt(m: Msg, at: Date): Promise<void> {
    const id = await this.requestId(m);
    await this.requests().updateOne(
      { channelId: m.channel, rootTs: m.ts },
      { $set: { 'sla.responseDueAt': at } },
    );
    const moved = await this.jobs().updateMany(
      { name: RESPONSE_SLA, 'data.key': id },
      { $set: { nextRunAt: at } },
    );
    if (moved.matchedCount !== 1) throw new Error(`expected one ${RESPONSE_SLA} job for ${id}`);
  }
}

/** Polls `probe` every 50 ms until it holds. */
export async function waitUntil(
  probe: () => Promise<boolean> | boolean,
  ms: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
