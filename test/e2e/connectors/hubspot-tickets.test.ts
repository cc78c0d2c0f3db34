import { ACTIONS } from '../../../src/constants.js';
import {
  AGENT,
  CHANNEL,
  cardText,
  click,
  eventually,
  newRequest,
  requestOf,
} from '../requests/world.js';
import { hubspotWorld, ticketOf, type HubspotWorld } from './hubspot-world.js';

const UPSERT = /\/crm\/v3\/objects\/tickets\/batch\/upsert$/;

describe('HubSpot tickets written from requests (crm.type HUBSPOT)', () => {
  let w: HubspotWorld;
  beforeAll(async () => {
    w = await hubspotWorld({
      crm: {
        field_mappings: { source_channel: 'channelId' },
        additional_fields: ['hs_ticket_id', 'product_area'],
      },
      tickets: { config: { send_threads_to_connectors: true } },
    });
  });
  afterAll(() => w.stop());
  beforeEach(() => {
    w.hubspot.calls.length = 0;
    w.hubspot.faults.length = 0;
  });

  it('writes a new request as one ticket on the linked company, properties mapped, linked on the card', async () => {
    const { t, hubspot } = w;
    const message = await newRequest(t, 'U0HS1', 'Export to CSV is broken\nIt times out.');
    // Slack redelivering the message: still one ticket.
    await t.driver.message(message);
    const ticket = await ticketOf(t, message.ts);
    const made = hubspot.tickets.filter((c) => c.properties.subject === 'Export to CSV is broken');
    expect(made).toHaveLength(1);
    const acme = hubspot.companyNamed('Acme Corp');
    expect(made[0]?.properties).toMatchObject({
      subject: 'Export to CSV is broken',
      content: 'Export to CSV is broken\nIt times out.',
      hs_pipeline: '0',
      hs_pipeline_stage: '1',
      source_channel: CHANNEL,
      triage_request_id: ticket.intentId,
    });
    expect(made[0]?.companyIds).toEqual([acme.id]);
    const url = `https://app.hubspot.com/contacts/${hubspot.portalId}/ticket/${ticket.id}`;
    expect(ticket).toMatchObject({
      vendor: 'hubspot',
      state: 'made',
      id: made[0]?.id,
      url,
      status: '1',
      accountId: acme.id,
      accountName: 'Acme Corp',
      fields: { hs_ticket_id: made[0]?.id, product_area: null },
      error: null,
    });
    await eventually(async () => (await cardText(t, message.ts)).includes(url));
    expect(await cardText(t, message.ts)).toContain(
      `:briefcase: HubSpot ticket <${url}|${ticket.id}> on *Acme Corp* · hs_ticket_id: ${ticket.id}`,
    );
    const requestId = String((await requestOf(t, message.ts))?._id);
    const api = await t.api('GET', `/api/v1/conversations/${requestId}`);
    expect(api.body.crm_case).toEqual({
      id: ticket.id,
      url,
      status: '1',
      account_id: acme.id,
      account_name: 'Acme Corp',
      fields: { hs_ticket_id: ticket.id, product_area: null },
    });
  });

  it('makes ONE ticket through a 429 with Retry-After, and through a 5xx after HubSpot made it', async () => {
    const { t, hubspot } = w;
    hubspot.faults.push({ method: 'POST', path: UPSERT, status: 429, retryAfter: '1' });
    const limited = await newRequest(t, 'U0HS2', 'Rate limited once');
    expect((await ticketOf(t, limited.ts)).state).toBe('made');
    expect(
      hubspot.tickets.filter((c) => c.properties.subject === 'Rate limited once'),
    ).toHaveLength(1);
    expect(hubspot.calls.filter((c) => UPSERT.test(c.path)).map((c) => c.status)).toEqual([
      429, 200,
    ]);

    hubspot.calls.length = 0;
    hubspot.faults.push({ method: 'POST', path: UPSERT, status: 502, applied: true });
    const flaky = await newRequest(t, 'U0HS3', 'Gateway flaked');
    expect((await ticketOf(t, flaky.ts)).state).toBe('made');
    expect(hubspot.tickets.filter((c) => c.properties.subject === 'Gateway flaked')).toHaveLength(
      1,
    );
    expect(hubspot.calls.filter((c) => UPSERT.test(c.path)).map((c) => c.status)).toEqual([
      502, 200,
    ]);

    // HubSpot made the ticket but never answered: the call times out, the retry finds it.
    hubspot.calls.length = 0;
    hubspot.faults.push({ method: 'POST', path: UPSERT, status: 0, applied: true, hang: true });
    const silent = await newRequest(t, 'U0HS4', 'HubSpot went silent');
    expect((await ticketOf(t, silent.ts, 40_000)).state).toBe('made');
    expect(
      hubspot.tickets.filter((c) => c.properties.subject === 'HubSpot went silent'),
    ).toHaveLength(1);
    expect(hubspot.calls.filter((c) => UPSERT.test(c.path)).map((c) => c.status)).toEqual([0, 200]);
  }, 80_000);

  it('moves the ticket’s stage as the request moves, and adds thread replies as notes', async () => {
    const { t, hubspot } = w;
    const message = await newRequest(t, 'U0HS5', 'Please reset my password');
    const ticket = await ticketOf(t, message.ts);
    await t.driver.agentSays(CHANNEL, AGENT, 'Done, check your inbox', { thread_ts: message.ts });
    await click(t, message.ts, ACTIONS.close);
    await eventually(
      async () => hubspot.ticketById(ticket.id as string)?.properties.hs_pipeline_stage === '4',
    );
    const notes = await eventually(async () => {
      const on = hubspot.notes.filter((n) => n.ticketIds.includes(ticket.id as string));
      return on.length >= 1 ? on : undefined;
    });
    expect(notes.map((n) => n.properties.hs_note_body)).toEqual([
      `Agent <@${AGENT}> in Slack:\n\nDone, check your inbox`,
    ]);
    expect(notes[0]?.properties.hs_timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const closed = await eventually(async () => {
      const request = await requestOf(t, message.ts);
      return request?.crmCase?.status === '4' ? request : undefined;
    });
    // The stage is recorded as the update is made, just before its task is marked done.
    const updates = await eventually(async () => {
      const tasks = await t.db
        .collection('connector_tasks')
        .find({ requestId: String(closed._id), kind: 'case_update' })
        .sort({ createdAt: 1 })
        .toArray();
      return tasks.every((task) => task.status === 'done') ? tasks : undefined;
    });
    // The agent's reply moved the request to in progress on the way: 3 (Waiting on us), then 4.
    expect(updates.map((u) => [u.payload.fields.hs_pipeline_stage, u.status])).toEqual([
      ['3', 'done'],
      ['4', 'done'],
    ]);
  });
});
