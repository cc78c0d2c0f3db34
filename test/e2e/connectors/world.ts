import { randomBytes } from 'node:crypto';
import { ACTIONS, VIEWS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import { JiraSimulator } from '../../support/jira/simulator.js';
import { LinearSimulator } from '../../support/linear/simulator.js';
import { ZendeskSimulator } from '../../support/zendesk/simulator.js';
import {
  AGENT,
  CHANNEL,
  TRIAGE,
  customerWorld,
  eventually,
  newRequest,
  requestOf,
} from '../requests/world.js';

export const WEBHOOK_SECRET = 'zd-webhook-signing-secret';

export interface ZendeskWorld {
  t: TestBot;
  zendesk: ZendeskSimulator;
  connectorId: string;
  stop(): Promise<void>;
}

/**
 * The customer world (#ext-acme, its triage channel) with a Zendesk connector made through the
 * API as an admin would, named by the channel's `tickets.config.helpdeskIds`, and the
 * simulator's webhook pointed at the bot with the connector's signing secret.
 */
export async function zendeskWorld(
  tickets: Record<string, unknown> = {},
  requests: Record<string, unknown> = {},
  env: Record<string, string> = {},
): Promise<ZendeskWorld> {
  const zendesk = await ZendeskSimulator.start();
  const t = await customerWorld(undefined, {
    env: {
      SETTINGS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_POLL_MS: '20',
      ...env,
    },
  });
  t.sim.addUser({
    id: 'U0CUSTOMER',
    name: 'carol',
    real_name: 'Carol Customer',
    team_id: 'T0ACME',
    profile: { email: 'carol@acme.example', display_name: 'Carol' },
  } as never);
  const created = await t.api('POST', '/api/v1/connectors', {
    type: 'zendesk',
    base_url: zendesk.url,
    credentials: { email: zendesk.email, api_token: zendesk.token, webhook_secret: WEBHOOK_SECRET },
  });
  if (created.status !== 201) throw new Error(`connector: ${created.text}`);
  const connectorId = created.body.id as string;
  const settings = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
    update: {
      tickets: {
        config: {
          helpdeskIds: [connectorId],
          allow_ticket_creation_with_ticket_emoji: true,
          ...tickets,
        },
      },
      requests: { config: requests },
    },
  });
  if (settings.status !== 200) throw new Error(`settings: ${settings.text}`);
  zendesk.events.target = {
    url: `${t.bot.url}/webhooks/zendesk/${connectorId}`,
    secret: WEBHOOK_SECRET,
  };
  return {
    t,
    zendesk,
    connectorId,
    stop: async () => {
      await t.stop();
      await zendesk.stop();
    },
  };
}

/** The request's ticket once the connector worker has recorded it. */
export const ticketOf = (t: TestBot, rootTs: string) =>
  eventually(async () => (await requestOf(t, rootTs))?.ticket, 10_000);

/** A new request from `customer`, 🎫 by an agent, and the ticket the worker made for it. */
export async function ticketedRequest(t: TestBot, customer: string, text: string) {
  const message = await newRequest(t, customer, text);
  await t.driver.reactionAdded(CHANNEL, message.ts, AGENT, 'ticket');
  const ticket = await ticketOf(t, message.ts);
  return { message, ticket, key: ticket.id as string };
}

/** The thread's replies (after the customer's message), as text. */
export const threadTexts = (t: TestBot, ts: string) =>
  t.sim
    .thread(CHANNEL, ts)
    .slice(1)
    .map((m) => m.text ?? '');

/** Clicks Create ticket on the request's card. */
export async function clickCreateTicket(t: TestBot, rootTs: string) {
  const request = await requestOf(t, rootTs);
  return t.driver.action({
    user: AGENT,
    action_id: ACTIONS.createTicket,
    channel: TRIAGE,
    message_ts: request?.triage.ts,
    value: String(request?._id),
  } as never);
}

/** The helpdesk ticket modal the bot opened last. */
export const helpdeskModal = (t: TestBot) =>
  t.sim
    .openedViews()
    .filter((v) => v.view.callback_id === VIEWS.helpdeskTicket)
    .at(-1);

export interface JiraWorld {
  t: TestBot;
  jira: JiraSimulator;
  connectorId: string;
  stop(): Promise<void>;
}

/**
 * The customer world with a connector made through the API from `body`, named by the channel's
 * `helpdeskIds` (with `tickets`), its simulator's webhook pointed at `/webhooks/<type>/<id>`.
 */
async function helpdeskWorld(
  sim: { target?: { url: string; secret: string }; stop(): Promise<void> },
  body: { type: string } & Record<string, unknown>,
  tickets: Record<string, unknown>,
) {
  const t = await customerWorld(undefined, {
    env: {
      SETTINGS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_POLL_MS: '20',
    },
  });
  const created = await t.api('POST', '/api/v1/connectors', body);
  if (created.status !== 201) throw new Error(`connector: ${created.text}`);
  const connectorId = created.body.id as string;
  const settings = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
    update: {
      tickets: {
        config: {
          helpdeskIds: [connectorId],
          allow_ticket_creation_with_ticket_emoji: true,
          ...tickets,
        },
      },
    },
  });
  if (settings.status !== 200) throw new Error(`settings: ${settings.text}`);
  sim.target = { url: `${t.bot.url}/webhooks/${body.type}/${connectorId}`, secret: WEBHOOK_SECRET };
  const stop = async () => {
    await t.stop();
    await sim.stop();
  };
  return { t, connectorId, stop };
}

/** The customer world with a Jira Cloud connector (project SUP) as the channel's helpdesk. */
export async function jiraWorld(tickets: Record<string, unknown> = {}): Promise<JiraWorld> {
  const jira = await JiraSimulator.start();
  const body = {
    type: 'jira',
    base_url: jira.url,
    credentials: { email: jira.email, api_token: jira.token, webhook_secret: WEBHOOK_SECRET },
    options: { project_key: 'SUP' },
  };
  return { jira, ...(await helpdeskWorld(jira, body, tickets)) };
}

export interface LinearWorld {
  t: TestBot;
  linear: LinearSimulator;
  connectorId: string;
  stop(): Promise<void>;
}

/** The customer world with a Linear connector (team ENG) as the channel's helpdesk. */
export async function linearWorld(tickets: Record<string, unknown> = {}): Promise<LinearWorld> {
  const linear = await LinearSimulator.start();
  const body = {
    type: 'linear',
    base_url: linear.url,
    credentials: { api_key: linear.apiKey, webhook_secret: WEBHOOK_SECRET },
    options: { team_key: 'ENG' },
  };
  return { linear, ...(await helpdeskWorld(linear, body, tickets)) };
}

/** The comment task an ambiguous failure made retried, once it is settled (done or failed). */
export function retriedComment(t: TestBot) {
  return eventually(async () => {
    const task = await t.db
      .collection('connector_tasks')
      .findOne({ kind: 'comment', ambiguous: true, status: { $in: ['done', 'failed'] } });
    return task ?? undefined;
  }, 15_000);
}
