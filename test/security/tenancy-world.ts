import { randomBytes } from 'node:crypto';
import { BSON } from 'mongodb';
import { createApiToken } from '../../src/db/repositories/api-tokens.js';
import { ackingDriver, startTestBot, type TestBot } from '../support/bot.js';
import type { SlackDriver } from '../support/slack/driver.js';
import { eventually } from '../e2e/requests/world.js';
import { ZendeskSimulator } from '../support/zendesk/simulator.js';

/** One workspace of the two, with everything it owns. */
export interface Tenant {
  label: 'alpha' | 'bravo';
  teamId: string;
  token: string;
  driver: SlackDriver;
  admin: string;
  customer: string;
  channel: string;
  triage: string;
  accountId: string;
  /** A custom field definition of this workspace's, applied to its customer channel. */
  fieldId: string;
  fieldKey: string;
  /** The request (conversation) the customer's question became. */
  requestId: string;
  /** The customer, recorded as a contact of this workspace when the request opened. */
  contactId: string;
  /** The customer's reply in the request's thread, stored as a message. */
  messageId: string;
  /** A canned response of this workspace's (short code `<label>-secret`). */
  cannedId: string;
  /** A desk team of this workspace's (`<LABEL>-SECRET-TEAM`), its admin an agent and member. */
  deskTeamId: string;
  /** A webhook of this workspace's (its url has `<label>-secret-hook`). */
  webhookId: string;
  /** A Zendesk connector of this workspace's (its base URL has `<label>-secret-desk`). */
  connectorId: string;
  /** Its e-mail domain (`<label>-secret.test`) and mapped address (`help@` it, to its channel). */
  emailDomain: string;
  emailMapping: string;
  /** An automation rule of this workspace's (inactive; named `<LABEL>-SECRET-RULE`). */
  ruleId: string;
  /** Its admin's saved conversation filter (`<LABEL>-SECRET-FILTER`: content contains "invoices"). */
  filterId: string;
  /** A knowledge-base portal (`<label>-secret-kb`) and its article (`<LABEL>-SECRET-ARTICLE`). */
  portalId: string;
  articleId: string;
  /** Text only this workspace wrote: found in another workspace's answer, it leaked. */
  secrets: string[];
}

export const TEAM_A = 'T0SIM';
export const TEAM_B = 'T0OTHER';

/**
 * One bot serving two workspaces, alpha (the bot's own) and bravo, each set up the way its
 * people would: an account and a customer channel through the API with its own token, settings
 * at all three levels holding text only it wrote, a triage channel set up with `/triage`, and a
 * customer question that became one of its requests, with a reply in its thread.
 */
export async function twoWorkspaces(): Promise<{
  t: TestBot;
  tenants: Record<'alpha' | 'bravo', Tenant>;
}> {
  const t = await startTestBot({
    teamId: TEAM_A,
    env: {
      SETTINGS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      WEBHOOK_ALLOW_PRIVATE: 'true',
    },
  });
  // The workspaces' helpdesk: one Zendesk, stopped with the bot.
  const zendesk = await ZendeskSimulator.start();
  const stopBot = t.stop;
  t.stop = async () => {
    await stopBot();
    await zendesk.stop();
  };
  const tenants = {} as Record<'alpha' | 'bravo', Tenant>;
  const tokenB = await createApiToken(t.bot.deps.models, TEAM_B, 'U0BADMIN');
  const driverB = ackingDriver(t.bot.url, TEAM_B, t.sim);
  const specs = [
    { label: 'alpha', teamId: TEAM_A, token: t.token, driver: t.driver, prefix: 'A' },
    { label: 'bravo', teamId: TEAM_B, token: tokenB, driver: driverB, prefix: 'B' },
  ] as const;
  for (const { label, teamId, token, driver, prefix } of specs) {
    const upper = label.toUpperCase();
    const admin = `U0${prefix}ADMIN`;
    const customer = `U0${prefix}CUST`;
    const channel = `C0${prefix}CUST`;
    const triage = `C0${prefix}TRIAGE`;
    t.sim.addUser({ id: admin, name: `${label}-admin`, is_admin: true, team_id: teamId });
    t.sim.addUser({ id: customer, name: `${label}-customer`, team_id: `T0${prefix}CUSTORG` });
    const members = [t.sim.botUserId, admin, customer];
    t.sim.addChannel({ id: channel, name: `ext-${label}`, is_ext_shared: true, members });
    t.sim.addChannel({ id: triage, name: `${label}-triage`, members });
    await t.bot.deps.models.workspaces.updateOne(
      { _id: teamId },
      { $set: { name: `${label} workspace` } },
      { upsert: true },
    );
    const api = (method: string, path: string, body?: unknown) => t.api(method, path, body, token);
    const account = await api('POST', '/api/v1/accounts', {
      name: `${label} account`,
      channels: [channel],
    });
    expect(account.status).toBe(201);
    const writes: [string, string, unknown][] = [
      ['PUT', `/api/v1/channels/${channel}`, { triage_channel_id: triage }],
      [
        'PATCH',
        '/api/v1/workspace/settings',
        { update: { requests: { config: { welcome_message: `${upper}-SECRET-WORKSPACE` } } } },
      ],
      [
        'PATCH',
        `/api/v1/accounts/${account.body.id}/settings`,
        {
          update: {
            requests: {
              config: { message_for_auto_respond_to_requests: `${upper}-SECRET-ACCT` },
            },
          },
        },
      ],
      [
        'PATCH',
        `/api/v1/channels/${channel}/settings`,
        { update: { requests: { config: { welcome_message: `${upper}-SECRET-CHANNEL` } } } },
      ],
    ];
    for (const [method, path, body] of writes)
      expect((await api(method, path, body)).status).toBe(200);
    const field = await api('POST', '/api/v1/custom_attribute_definitions', {
      attribute_display_name: `${upper}-SECRET-FIELD`,
      attribute_display_type: 'list',
      attribute_values: [`${upper}-SECRET-OPTION`],
    });
    expect(field.status).toBe(201);
    const applied = await api('PATCH', `/api/v1/channels/${channel}/settings`, {
      update: {
        requests: { custom_fields: [{ custom_field_id: field.body.id, _id: field.body.id }] },
      },
    });
    expect(applied.status).toBe(200);
    const canned = await api('POST', '/api/v1/canned_responses', {
      short_code: `${label}-secret`,
      content: `${upper}-SECRET-CANNED for {{customer.name}}`,
    });
    expect(canned.status).toBe(201);
    const portal = await api('POST', '/api/v1/portals', {
      name: `${upper}-SECRET-PORTAL`,
      slug: `${label}-secret-kb`,
    });
    expect(portal.status).toBe(201);
    const article = await api('POST', `/api/v1/portals/${portal.body.id}/articles`, {
      title: `${upper}-SECRET-ARTICLE`,
      content: `How to reset the ${upper}-SECRET-GADGET`,
    });
    expect(article.status).toBe(201);
    expect((await api('PATCH', `/api/v1/agents/${admin}`, { role: 'administrator' })).status).toBe(
      200,
    );
    const deskTeam = await api('POST', '/api/v1/teams', {
      name: `${upper}-SECRET-TEAM`,
      description: `${upper}-SECRET-TEAM-NOTE`,
    });
    expect(deskTeam.status).toBe(201);
    const joined = await api('POST', `/api/v1/teams/${deskTeam.body.id}/team_members`, {
      user_ids: [admin],
    });
    expect(joined.status).toBe(200);
    // Port 9 (discard) refuses connections: its deliveries fail, which no test here reads.
    const webhook = await api('POST', '/api/v1/webhooks', {
      url: `http://127.0.0.1:9/${label}-secret-hook`,
      subscriptions: ['conversation_status_changed'],
    });
    expect(webhook.status).toBe(201);
    const connector = await api('POST', '/api/v1/connectors', {
      type: 'zendesk',
      base_url: `${zendesk.url}/${label}-secret-desk`,
      credentials: { email: zendesk.email, api_token: zendesk.token },
    });
    expect(connector.status).toBe(201);
    const rule = await api('POST', '/api/v1/automation_rules', {
      name: `${upper}-SECRET-RULE`,
      event_name: 'conversation_created',
      active: false,
      actions: [{ action_name: 'add_label', action_params: [`${label}-secret-label`] }],
    });
    expect(rule.status).toBe(201);
    const filter = await api('POST', '/api/v1/custom_filters', {
      name: `${upper}-SECRET-FILTER`,
      query: {
        payload: [{ attribute_key: 'content', filter_operator: 'contains', values: ['invoices'] }],
      },
    });
    expect(filter.status).toBe(201);
    const emailDomain = await api('POST', '/api/v1/email/domains', {
      name: `${label}-secret.test`,
      skip_verification: true,
    });
    expect(emailDomain.status).toBe(201);
    const emailMapping = await api('POST', '/api/v1/email/mappings', {
      email: `help@${label}-secret.test`,
      channelId: channel,
      name: `${upper}-SECRET-MAPPING`,
    });
    expect(emailMapping.status).toBe(201);
    // The workspace's own triage channel, set up from Slack by its admin.
    expect(
      (await driver.command({ text: 'setup triage', user_id: admin, channel_id: triage })).status,
    ).toBe(200);
    // A customer question becomes a request of this workspace.
    const question = `${upper}-SECRET-QUESTION about invoices`;
    await driver.customerSays(channel, customer, question);
    const request = await eventually(() =>
      t.db.collection('requests').findOne({ teamId, channelId: channel, text: question }),
    );
    const contact = await eventually(() =>
      t.db.collection('contacts').findOne({ teamId, userId: customer }),
    );
    const reply = `${upper}-SECRET-REPLY about zebras`;
    await driver.customerSays(channel, customer, reply, { thread_ts: request.rootTs });
    const message = await eventually(() =>
      t.db.collection('messages').findOne({ teamId, requestId: request._id }),
    );
    tenants[label] = {
      label,
      teamId,
      token,
      driver,
      admin,
      customer,
      channel,
      triage,
      accountId: account.body.id,
      fieldId: field.body.id,
      fieldKey: field.body.attribute_key,
      requestId: String(request._id),
      contactId: String(contact._id),
      messageId: String(message._id),
      cannedId: canned.body.id,
      portalId: portal.body.id,
      articleId: article.body.id,
      deskTeamId: deskTeam.body.id,
      webhookId: webhook.body.id,
      connectorId: connector.body.id,
      ruleId: rule.body.id,
      filterId: filter.body.id,
      emailDomain: emailDomain.body.name,
      emailMapping: emailMapping.body.email,
      secrets: [
        `${upper}-SECRET-MAPPING`,
        `${upper}-SECRET-RULE`,
        `${upper}-SECRET-FILTER`,
        `${upper}-SECRET-TEAM`,
        `${label}-secret-hook`,
        `${label}-secret-desk`,
        `${upper}-SECRET-FIELD`,
        `${upper}-SECRET-OPTION`,
        `${upper}-SECRET-CANNED`,
        `${upper}-SECRET-PORTAL`,
        `${upper}-SECRET-ARTICLE`,
        `${upper}-SECRET-GADGET`,
        `${label}-secret-kb`,
        `${upper}-SECRET-WORKSPACE`,
        `${upper}-SECRET-ACCT`,
        `${upper}-SECRET-CHANNEL`,
        question,
        reply,
        `${label} workspace`,
        `${label} account`,
        `ext-${label}`,
        `${label}-triage`,
      ],
    };
  }
  return { t, tenants };
}

/** Everything stored for one workspace, canonical: equal snapshots mean nothing changed. */
export async function ownedBy(t: TestBot, teamId: string): Promise<string> {
  // A token's last use, and the webhook outbox the worker drains on its own time, aside.
  const of = async (name: string, filter: Record<string, unknown>) =>
    (await t.db.collection(name).find(filter).sort({ _id: 1 }).toArray()).map(
      ({ lastUsedAt: _, webhookEvents: __, ...doc }) => doc,
    );
  return BSON.EJSON.stringify(
    {
      workspace: await of('workspaces', { _id: teamId }),
      accounts: await of('accounts', { teamId }),
      channels: await of('channels', { teamId }),
      requests: await of('requests', { teamId }),
      messages: await of('messages', { teamId }),
      tokens: await of('api_tokens', { teamId }),
      customFields: await of('custom_fields', { teamId }),
      cannedResponses: await of('canned_responses', { teamId }),
      kbPortals: await of('kb_portals', { teamId }),
      kbArticles: await of('kb_articles', { teamId }),
      kbIndexes: await of('kb_indexes', { teamId }),
      teams: await of('teams', { teamId }),
      agents: await of('agents', { teamId }),
      webhooks: await of('webhooks', { teamId }),
      connectors: await of('connectors', { teamId }),
      automationRules: await of('automation_rules', { teamId }),
      automationRuns: await of('automation_runs', { teamId }),
      customFilters: await of('custom_filters', { teamId }),
      contacts: await of('contacts', { teamId }),
      dashboardLinks: await of('dashboard_links', { teamId }),
      dashboardSessions: await of('dashboard_sessions', { teamId }),
    },
    { relaxed: false },
  );
}

/** Ids and texts of `victim`'s that must not appear in an answer (`asked` may be echoed). */
export function leaks(victim: Tenant, text: string, asked: string[] = []): string[] {
  const markers = [
    ...victim.secrets,
    victim.teamId,
    victim.accountId,
    victim.fieldId,
    victim.requestId,
    victim.contactId,
    victim.messageId,
    victim.cannedId,
    victim.portalId,
    victim.articleId,
    victim.deskTeamId,
    victim.webhookId,
    victim.connectorId,
    victim.ruleId,
    victim.filterId,
    victim.emailDomain,
    victim.emailMapping,
    victim.channel,
    victim.triage,
    victim.customer,
    victim.admin,
  ].filter((marker) => !asked.includes(marker));
  const lower = text.toLowerCase();
  return markers.filter((marker) => lower.includes(marker.toLowerCase()));
}
