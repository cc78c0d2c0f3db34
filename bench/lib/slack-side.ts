/**
 * Slack's side of the benchmark, in a process of its own so the bot's process does only the
 * bot's work: the Slack simulator (the bot's Web API) and the load generator (signed events).
 * Driven over IPC by `SlackSide` (slack-side-client.ts); exits when its parent goes away.
 */
import { SlackSimulator } from '../../test/support/slack/simulator.js';
import { runLoad } from './load.js';
import type { CardResult, Command, SeedRequest, SeedResult, SimInfo } from './slack-side-client.js';

const sim = await SlackSimulator.start({ teamId: 'T0BENCH' });
/** Send times per load label, for `cards`. */
const sentAtByLabel = new Map<string, Record<string, number>>();

function seed(request: SeedRequest): SeedResult {
  const agents = Array.from({ length: request.agents }, (_, a) => {
    const id = `U0AGENT${a}`;
    sim.addUser({ id, name: `agent-${a}` });
    return id;
  });
  const channels: string[] = [];
  const customers: Record<string, string[]> = {};
  for (let c = 0; c < request.channels; c++) {
    const teamId = `T0CUST${c}`;
    sim.addTeam({ id: teamId, name: `Customer ${c} Inc` });
    const people = Array.from({ length: request.customersPerChannel }, (_, k) => {
      const id = `U0C${c}X${k}`;
      sim.addUser({ id, name: `customer-${c}-${k}`, team_id: teamId });
      return id;
    });
    const channel = sim.addChannel({
      id: `C0EXT${c}`,
      name: `ext-customer-${c}`,
      is_ext_shared: true,
      members: [sim.botUserId, ...people, ...agents],
    });
    channels.push(channel.id);
    customers[channel.id] = people;
  }
  const triage = sim.addChannel({
    id: 'C0TRIAGE',
    name: 'triage',
    members: [sim.botUserId, ...agents],
  });
  return { channels, customers, triage: triage.id };
}

/** Triage-card latency of one load: the card's arrival at the simulator − the event's send. */
function cards(triage: string, label: string): CardResult {
  const sentAt = sentAtByLabel.get(label) ?? {};
  const latencies: number[] = [];
  const seen = new Set<string>();
  for (const call of sim.calls('chat.postMessage')) {
    if (call.params.channel !== triage) continue;
    const link = /archives\/\w+\/p(\d+)/.exec(JSON.stringify(call.params));
    if (!link?.[1]) continue;
    const ts = `${link[1].slice(0, -6)}.${link[1].slice(-6)}`;
    const sent = sentAt[ts];
    if (sent === undefined || seen.has(ts)) continue;
    seen.add(ts);
    latencies.push(call.at.getTime() - sent);
  }
  return { latencies, missing: Object.keys(sentAt).length - seen.size };
}

async function handle(command: Command): Promise<unknown> {
  switch (command.cmd) {
    case 'seed':
      return seed(command.args);
    case 'load': {
      const result = await runLoad(sim, command.args);
      sentAtByLabel.set(result.label, result.sentAt);
      return { ...result, sentAt: {} }; // kept here for `cards`; too big to send back
    }
    case 'cards':
      return cards(command.args.triage, command.args.label);
    case 'stop':
      await sim.close();
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (command: Command & { id: number }) => {
  handle(command).then(
    (result) => process.send?.({ id: command.id, result }),
    (error: Error) => process.send?.({ id: command.id, error: error.stack ?? String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
const info: SimInfo = {
  url: sim.url,
  teamId: sim.teamId,
  appId: sim.appId,
  botToken: sim.botToken,
  botUserId: sim.botUserId,
  botId: sim.botId,
};
process.send?.({ ready: info });
