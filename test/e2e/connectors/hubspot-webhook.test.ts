import { hubspotSignature } from '../../../src/connectors/hubspot-webhook.js';
import { eventually, newRequest, requestOf } from '../requests/world.js';
import { CLIENT_SECRET, hubspotWorld, ticketOf, type HubspotWorld } from './hubspot-world.js';

/** HubSpot's webhook calls on the helpdesks' inbound route: verified v3 signatures only. */
describe('HubSpot ticket webhooks', () => {
  let w: HubspotWorld;
  beforeAll(async () => {
    w = await hubspotWorld();
  });
  afterAll(() => w.stop());

  const events = (ticketId: string, stage: string) =>
    JSON.stringify([
      {
        eventId: 1001,
        subscriptionId: 2002,
        portalId: w.hubspot.portalId,
        appId: 3003,
        occurredAt: Date.now(),
        subscriptionType: 'ticket.propertyChange',
        attemptNumber: 0,
        objectId: Number(ticketId),
        propertyName: 'hs_pipeline_stage',
        propertyValue: stage,
        changeSource: 'CRM_UI',
      },
    ]);
  /** A call as HubSpot sends it, signed with `secret` at `timestamp` (now unless given). */
  const send = (body: string, secret = CLIENT_SECRET, timestamp = String(Date.now())) => {
    const uri = `${w.t.bot.url}/webhooks/hubspot/${w.connectorId}`;
    const signature = hubspotSignature(secret, { method: 'POST', uri, body, timestamp });
    return fetch(uri, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hubspot-signature-v3': signature,
        'x-hubspot-request-timestamp': timestamp,
      },
      body,
    });
  };

  it('refuses a forged and a stale call (401, nothing changed), and moves the request on a valid one', async () => {
    const { t, hubspot } = w;
    const message = await newRequest(t, 'U0HSW1', 'Webhook closes this');
    const ticketId = (await ticketOf(t, message.ts)).id as string;
    hubspot.moveTicket(ticketId, '4');
    const body = events(ticketId, '4');
    const reads = () => hubspot.calls.filter((c) => c.path.includes(`/tickets/${ticketId}`)).length;
    const readsBefore = reads();

    const forged = await send(body, 'not-the-client-secret');
    expect(forged.status).toBe(401);
    const stale = await send(body, CLIENT_SECRET, String(Date.now() - 6 * 60_000));
    expect(stale.status).toBe(401);
    const unsigned = await fetch(`${t.bot.url}/webhooks/hubspot/${w.connectorId}`, {
      method: 'POST',
      body,
    });
    expect(unsigned.status).toBe(401);
    const stored = await requestOf(t, message.ts);
    expect(stored?.status).toBe('open');
    expect(stored?.crmCase?.status).toBe('1');
    expect(reads()).toBe(readsBefore);

    const valid = await send(body);
    expect(valid.status).toBe(200);
    const closed = await eventually(async () => {
      const request = await requestOf(t, message.ts);
      return request?.status === 'closed' ? request : undefined;
    });
    expect(closed.crmCase?.status).toBe('4');
    // The same call again (HubSpot retries): the request stays closed, closed once.
    expect((await send(body)).status).toBe(200);
    const history = (await requestOf(t, message.ts))?.history ?? [];
    const closes = history.filter((h: { type: string; to?: unknown }) => h.to === 'closed');
    expect(closes).toHaveLength(1);
  });
});
