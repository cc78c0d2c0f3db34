import { randomBytes } from 'node:crypto';
import type { TestBot } from '../../support/bot.js';
import { HubspotSimulator } from '../../support/hubspot/simulator.js';
import { CHANNEL, customerWorld } from '../requests/world.js';

export { caseOf as ticketOf } from './salesforce-world.js';

export interface HubspotWorld {
  t: TestBot;
  hubspot: HubspotSimulator;
  connectorId: string;
  /** The bot's customer account of #ext-acme (Acme). */
  accountId: string;
  stop(): Promise<void>;
}

export const CLIENT_SECRET = 'hubspot-app-client-secret';

/**
 * The customer world (#ext-acme, its triage channel) with a HubSpot connector made through the
 * API as an admin would (a private app's token and its app's client secret), `crm.type: HUBSPOT`
 * with every request written to the CRM, and the Acme account linked to the "Acme Corp"
 * company (`linkCompany: false` leaves it unlinked); `settings` over that.
 */
export async function hubspotWorld(
  settings: Record<string, unknown> = {},
  linkCompany = true,
): Promise<HubspotWorld> {
  const hubspot = await HubspotSimulator.start();
  const t = await customerWorld(undefined, {
    env: {
      SETTINGS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_POLL_MS: '20',
    },
  });
  const created = await t.api('POST', '/api/v1/connectors', {
    type: 'hubspot',
    base_url: hubspot.url,
    credentials: { access_token: hubspot.token, client_secret: CLIENT_SECRET },
  });
  if (created.status !== 201) throw new Error(`connector: ${created.text}`);
  const { requests, crm, ...rest } = settings;
  const update = {
    ...rest,
    crm: { type: 'HUBSPOT', ...(crm as object | undefined) },
    requests: { config: { write_all_requests_to_crm: true }, ...(requests as object | undefined) },
  };
  const written = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, { update });
  if (written.status !== 200) throw new Error(`settings: ${written.text}`);
  const [acme] = (await t.api('GET', '/api/v1/accounts')).body as { id: string }[];
  const accountId = acme?.id as string;
  if (linkCompany) {
    const crmLink = { hubspot_company_name: 'Acme Corp' };
    const linked = await t.api('PATCH', `/api/v1/accounts/${accountId}`, { crm: crmLink });
    if (linked.status !== 200) throw new Error(`link: ${linked.text}`);
  }
  return {
    t,
    hubspot,
    connectorId: created.body.id as string,
    accountId,
    stop: async () => {
      await t.stop();
      await hubspot.stop();
    },
  };
}
