import type { SlackSimulator } from '../../support/slack/simulator.js';

export const TRIAGE = 'C0RELTRIAGE';
export const CUSTOMER_TEAM = 'T0CUSTCO';

export interface WorldSpec {
  channels: number;
  customersPerChannel: number;
  agents: number;
}

export interface World {
  channels: string[];
  /** Customers by channel (each customer writes in one channel). */
  customers: Record<string, string[]>;
  agents: string[];
  triage: string;
}

type Api = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; text: string }>;

/**
 * Slack Connect customer channels (#ext-cust-N, customers from another organisation) routed to
 * one triage channel whose members are the agents, linked through the HTTP API as an admin
 * would: the same shape as the e2e world, sized by `spec`, for bots the tests start themselves.
 */
export async function seedWorld(sim: SlackSimulator, api: Api, spec: WorldSpec): Promise<World> {
  sim.addTeam({ id: CUSTOMER_TEAM, name: 'Customer Co' } as never);
  const agents = Array.from({ length: spec.agents }, (_, i) => `U0AGENT${i}`);
  for (const id of agents) sim.addUser({ id, name: id.toLowerCase() });
  sim.addChannel({ id: TRIAGE, name: 'triage', members: [sim.botUserId, ...agents] });
  const channels: string[] = [];
  const customers: Record<string, string[]> = {};
  for (let c = 0; c < spec.channels; c++) {
    const channel = `C0RELEXT${c}`;
    const people = Array.from({ length: spec.customersPerChannel }, (_, i) => `U0CUST${c}X${i}`);
    for (const id of people) sim.addUser({ id, name: id.toLowerCase(), team_id: CUSTOMER_TEAM });
    sim.addChannel({
      id: channel,
      name: `ext-cust-${c}`,
      is_ext_shared: true,
      members: [sim.botUserId, ...people, ...agents],
    });
    channels.push(channel);
    customers[channel] = people;
  }
  const account = await api('POST', '/api/v1/accounts', { name: 'Customer Co', channels });
  if (account.status !== 201) throw new Error(`account: ${account.text}`);
  for (const channel of channels) {
    const linked = await api('PUT', `/api/v1/channels/${channel}`, { triage_channel_id: TRIAGE });
    if (linked.status !== 200) throw new Error(`link ${channel}: ${linked.text}`);
  }
  return { channels, customers, agents, triage: TRIAGE };
}

/** Bot posts in the triage channel that show `text` (cards carry the request's text). */
export function cardsShowing(sim: SlackSimulator, text: string): number {
  return sim
    .messages(TRIAGE)
    .filter((m) => (m.user === sim.botUserId || m.bot_id === sim.botId) && m.blocks)
    .filter((m) => JSON.stringify(m.blocks).includes(text)).length;
}
