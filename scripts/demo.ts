/**
 * `npm run demo`: the real bot against a local Slack simulator on an embedded database. Plays a
 * short customer conversation and prints what each channel shows.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ACTIONS } from '../src/constants.js';
import { withDatabase } from '../src/db/connection.js';
import { startMongo } from '../src/db/engine.js';
import { Env, parseEnv } from '../src/env.js';
import { createLogger } from '../src/logger.js';
import { startBot } from '../src/runtime.js';
import { createApiToken } from '../src/db/repositories/api-tokens.js';
import { SlackDriver } from '../test/support/slack/driver.js';
import { SlackSimulator } from '../test/support/slack/simulator.js';
import { transcript } from './transcript.js';

const SECRET = 'demo-signing-secret';

async function demo() {
  const mongo = await startMongo({ log: (line) => console.log(line) });
  const sim = await SlackSimulator.start({ teamId: 'T0DEMO' });
  const env = parseEnv(
    {
      SLACK_BOT_TOKEN: sim.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: sim.url,
      LOG_LEVEL: 'silent',
    },
    Env,
  );
  const bot = await startBot({
    env,
    mongoUri: withDatabase(mongo.uri, 'demo'),
    logger: createLogger('silent'),
    port: 0,
  });
  const driver = new SlackDriver({
    appUrl: bot.url,
    signingSecret: SECRET,
    teamId: 'T0DEMO',
    apiAppId: sim.appId,
    sim,
  });
  try {
    sim.addTeam({ id: 'T0ACME', name: 'Acme Corp' } as never);
    sim.addUser({ id: 'U0CAROL', name: 'carol', real_name: 'Carol (Acme)', team_id: 'T0ACME' });
    sim.addUser({ id: 'U0ALICE', name: 'alice', real_name: 'Alice (Support)' });
    sim.addChannel({
      id: 'C0EXTACME',
      name: 'ext-acme',
      is_ext_shared: true,
      members: [sim.botUserId, 'U0CAROL', 'U0ALICE'],
    });
    sim.addChannel({ id: 'C0TRIAGE', name: 'triage', members: [sim.botUserId, 'U0ALICE'] });
    const names = {
      U0CAROL: 'carol',
      U0ALICE: 'alice',
      [sim.botUserId]: 'Triage',
      C0EXTACME: 'ext-acme',
      C0TRIAGE: 'triage',
    };

    const token = await createApiToken(bot.deps.models, 'T0DEMO', 'demo');
    const api = (method: string, path: string, body: unknown) =>
      fetch(`${bot.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await api('POST', '/api/v1/accounts', { name: 'Acme', channels: ['C0EXTACME'] });
    await api('PUT', '/api/v1/channels/C0EXTACME', { triage_channel_id: 'C0TRIAGE' });
    await api('PATCH', '/api/v1/channels/C0EXTACME/settings', {
      update: {
        requests: {
          config: {
            auto_respond_to_requests: true,
            auto_assign_request_to_first_responder: true,
            send_status_updates_on_request_thread: true,
            use_customer_name_in_notifications: true,
            send_feedback: true,
          },
        },
      },
    });

    console.log('\n1. Carol asks a question in #ext-acme');
    const { message } = await driver.customerSays(
      'C0EXTACME',
      'U0CAROL',
      'Hi! Our nightly CSV export has been failing since Monday.',
    );
    await bot.inbox.idle();
    await sim.waitFor(() => sim.messages('C0TRIAGE').length > 0);
    console.log('2. Alice answers in the thread');
    await driver.agentSays(
      'C0EXTACME',
      'U0ALICE',
      'Sorry about that, Carol. A fix is rolling out now; exports will resume tonight.',
      { thread_ts: message.ts },
    );
    await bot.inbox.idle();
    console.log('3. Alice closes it from the triage card');
    const card = sim.messages('C0TRIAGE')[0];
    await driver.action({
      user: 'U0ALICE',
      action_id: ACTIONS.close,
      channel: 'C0TRIAGE',
      message_ts: card?.ts,
      value: card ? JSON.stringify(card.blocks).match(/"value":"([0-9a-f]{24})"/)?.[1] : undefined,
    } as never);
    await sleep(300);
    console.log('4. Carol says thanks (a pleasantry: no new request)');
    await driver.customerSays('C0EXTACME', 'U0CAROL', 'thanks! 🙏');
    await bot.inbox.idle();

    console.log('\n──── What each channel shows ────\n');
    console.log(transcript(sim, 'C0EXTACME', names));
    console.log();
    console.log(transcript(sim, 'C0TRIAGE', names));
    const requests = await bot.deps.models.requests.find().lean();
    console.log(
      `\nStored requests: ${requests.map((r) => `${r.status} (first response ${r.firstResponseAt ? 'recorded' : 'none'}, assignee ${names[r.assigneeId as keyof typeof names] ?? r.assigneeId})`).join('; ')}`,
    );
  } finally {
    await bot.stop();
    await sim.close();
    await mongo.stop();
  }
}

demo().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
