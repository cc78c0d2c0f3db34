import { randomBytes } from 'node:crypto';
import type { TestBot, TestBotOptions } from '../../support/bot.js';
import { SalesforceSimulator } from '../../support/salesforce/simulator.js';
import { CHANNEL, customerWorld, eventually, requestOf } from '../requests/world.js';

export const ACME_ACCOUNT = '001xx000003DGb2AAG';

export interface SalesforceWorld {
  t: TestBot;
  salesforce: SalesforceSimulator;
  connectorId: string;
  stop(): Promise<void>;
}

/**
 * The customer world (#ext-acme, its triage channel) with a Salesforce connector made through
 * the API as an admin would (client-credentials flow), and #ext-acme's requests sunk to the
 * Acme Corp Account (`requests.sink.salesforce`), with `settings` over that.
 */
export async function salesforceWorld(
  settings: Record<string, unknown> = {},
  options: Pick<TestBotOptions, 'logger'> = {},
): Promise<SalesforceWorld> {
  const salesforce = await SalesforceSimulator.start();
  const t = await customerWorld(undefined, {
    ...options,
    env: {
      SETTINGS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_POLL_MS: '20',
    },
  });
  const created = await t.api('POST', '/api/v1/connectors', {
    type: 'salesforce',
    base_url: salesforce.url,
    credentials: { client_id: salesforce.clientId, client_secret: salesforce.clientSecret },
  });
  if (created.status !== 201) throw new Error(`connector: ${created.text}`);
  const { requests, ...rest } = settings;
  const sink = { salesforce: ACME_ACCOUNT, salesforceAccountName: 'Acme Corp' };
  const update = { ...rest, requests: { sink, ...(requests as object | undefined) } };
  const written = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, { update });
  if (written.status !== 200) throw new Error(`settings: ${written.text}`);
  return {
    t,
    salesforce,
    connectorId: created.body.id as string,
    stop: async () => {
      await t.stop();
      await salesforce.stop();
    },
  };
}

/** The request's Case once the connector worker has recorded it (made or given up). */
export const caseOf = (t: TestBot, rootTs: string, timeoutMs = 15_000) =>
  eventually(async () => {
    const crmCase = (await requestOf(t, rootTs))?.crmCase;
    return crmCase && crmCase.state !== 'pending' ? crmCase : undefined;
  }, timeoutMs);
