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
import { ACME_ACCOUNT, caseOf, salesforceWorld, type SalesforceWorld } from './salesforce-world.js';

const UPSERT = /\/sobjects\/Case\/Triage_Request_Id__c\//;

describe('Salesforce Cases written from requests', () => {
  let w: SalesforceWorld;
  beforeAll(async () => {
    w = await salesforceWorld({
      crm: { field_mappings: { SuppliedName: 'requesterId', Reason: 'channelId' } },
      tickets: { config: { send_threads_to_connectors: true } },
    });
  });
  afterAll(() => w.stop());
  beforeEach(() => {
    w.salesforce.calls.length = 0;
    w.salesforce.faults.length = 0;
  });

  it('writes a new request as one Case on the channel’s Account, fields mapped, linked on the card', async () => {
    const { t, salesforce } = w;
    const message = await newRequest(t, 'U0SF1', 'Export to CSV is broken\nIt times out.');
    // Slack redelivering the message: still one Case.
    await t.driver.message(message);
    const crmCase = await caseOf(t, message.ts);
    const made = salesforce.cases.filter((c) => c.Subject === 'Export to CSV is broken');
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      Id: crmCase.id,
      Description: 'Export to CSV is broken\nIt times out.',
      Origin: 'Slack',
      Status: 'New',
      AccountId: ACME_ACCOUNT,
      SuppliedName: 'U0SF1',
      Reason: CHANNEL,
      Triage_Request_Id__c: crmCase.intentId,
    });
    expect(crmCase).toMatchObject({
      state: 'made',
      url: `${salesforce.url}/lightning/r/Case/${crmCase.id}/view`,
      status: 'New',
      accountId: ACME_ACCOUNT,
      accountName: 'Acme Corp',
      error: null,
    });
    const stored = await requestOf(t, message.ts);
    expect(stored?.history).toContainEqual(
      expect.objectContaining({ type: 'crm_case', to: crmCase.id }),
    );
    await eventually(async () => (await cardText(t, message.ts)).includes(crmCase.url as string));
    expect(await cardText(t, message.ts)).toContain(
      `:briefcase: Salesforce Case <${crmCase.url}|${crmCase.id}> on *Acme Corp*`,
    );
    // A second request reuses the session: one token for both.
    const tokens = salesforce.tokensIssued;
    const second = await newRequest(t, 'U0SF1B', 'Another one');
    await caseOf(t, second.ts);
    expect(salesforce.tokensIssued).toBe(tokens);
  });

  it('creates the Case once through a 502 after Salesforce made it, 503s, a 429 and an expired token', async () => {
    const { t, salesforce } = w;
    // A 502 after the Case was made: the upsert tried again updates it instead of making another.
    salesforce.faults.push({ method: 'PATCH', path: UPSERT, status: 502, applied: true });
    const flaky = await newRequest(t, 'U0SF2', 'Gateway flaked');
    await caseOf(t, flaky.ts);
    expect(salesforce.cases.filter((c) => c.Subject === 'Gateway flaked')).toHaveLength(1);
    expect(salesforce.calls.filter((c) => c.method === 'PATCH').map((c) => c.status)).toEqual([
      502, 200,
    ]);

    // Three 503s outlast jsforce's two retries: the connector worker tries again later.
    salesforce.calls.length = 0;
    salesforce.faults.push({ method: 'PATCH', path: UPSERT, status: 503, times: 3 });
    salesforce.faults.push({ method: 'GET', path: /\/sobjects\/Case\/500/, status: 429 });
    const down = await newRequest(t, 'U0SF3', 'Salesforce was down');
    const downCase = await caseOf(t, down.ts);
    expect(downCase.state).toBe('made');
    expect(salesforce.cases.filter((c) => c.Subject === 'Salesforce was down')).toHaveLength(1);
    expect(salesforce.calls.filter((c) => c.method === 'PATCH').map((c) => c.status)).toEqual([
      503, 503, 503, 201,
    ]);
    const requestId = String((await requestOf(t, down.ts))?._id);
    const task = await eventually(() =>
      t.db
        .collection('connector_tasks')
        .findOne({ requestId, kind: 'case_create', status: 'done' }),
    );
    expect(task.attempts).toBe(2);

    // An expired session: jsforce logs in again once and the call goes through.
    salesforce.calls.length = 0;
    salesforce.expireTokens();
    const tokens = salesforce.tokensIssued;
    const expired = await newRequest(t, 'U0SF4', 'After the session expired');
    const expiredCase = await caseOf(t, expired.ts);
    expect(expiredCase.state).toBe('made');
    expect(salesforce.tokensIssued).toBe(tokens + 1);
    expect(
      salesforce.calls.map((c) => [c.method, c.path.split('/').slice(0, 3).join('/'), c.status]),
    ).toEqual([
      ['PATCH', '/services/data', 401],
      ['POST', '/services/oauth2', 200],
      ['PATCH', '/services/data', 201],
      ['GET', '/services/data', 200],
    ]);
  }, 30_000);

  it('updates the Case’s Status as the request moves, and adds thread replies as CaseComments', async () => {
    const { t, salesforce } = w;
    const message = await newRequest(t, 'U0SF5', 'Please reset my password');
    const crmCase = await caseOf(t, message.ts);
    await t.driver.agentSays(CHANNEL, AGENT, 'Done, check your inbox', { thread_ts: message.ts });
    await t.driver.customerSays(CHANNEL, 'U0SF5', 'Got it, thanks!', { thread_ts: message.ts });
    await click(t, message.ts, ACTIONS.close);
    await eventually(async () => salesforce.caseById(crmCase.id as string)?.Status === 'Closed');
    await eventually(async () => salesforce.comments.length >= 2 || undefined);
    expect(salesforce.comments.filter((c) => c.ParentId === crmCase.id)).toEqual([
      expect.objectContaining({
        CommentBody: `Agent <@${AGENT}> in Slack:\n\nDone, check your inbox`,
        IsPublished: false,
      }),
      expect.objectContaining({
        CommentBody: 'Customer <@U0SF5> in Slack:\n\nGot it, thanks!',
        IsPublished: true,
      }),
    ]);
    const closed = await eventually(async () => {
      const request = await requestOf(t, message.ts);
      return request?.crmCase?.status === 'Closed' ? request : undefined;
    });
    expect(closed.status).toBe('closed');
    // The agent's reply moved the request to in progress on the way: Working, then Closed. The
    // worker records the Case's status just before it marks the task done: wait for both.
    const updates = await eventually(async () => {
      const found = await t.db
        .collection('connector_tasks')
        .find({ requestId: String(closed._id), kind: 'case_update' })
        .sort({ createdAt: 1 })
        .toArray();
      return found.length === 2 && found.every((u) => u.status !== 'pending') ? found : undefined;
    });
    expect(updates.map((u) => [u.payload.fields.Status, u.status])).toEqual([
      ['Working', 'done'],
      ['Closed', 'done'],
    ]);
  });

  it('shows on the card that Salesforce refused the credentials, and writes no Case', async () => {
    const { t, salesforce } = w;
    const secret = salesforce.clientSecret;
    salesforce.clientSecret = 'rotated-in-salesforce';
    salesforce.expireTokens();
    try {
      const message = await newRequest(t, 'U0SF6', 'Written while the secret was rotated');
      const crmCase = await caseOf(t, message.ts);
      expect(crmCase).toMatchObject({ state: 'failed', id: null });
      expect(crmCase.error).toContain(
        'Salesforce answered 400: the connector’s credentials were refused',
      );
      expect(
        salesforce.cases.filter((c) => c.Subject === 'Written while the secret was rotated'),
      ).toEqual([]);
      await eventually(async () =>
        (await cardText(t, message.ts)).includes('could not be created'),
      );
      expect(await cardText(t, message.ts)).toContain(
        ':warning: The Salesforce Case could not be created on *Acme Corp*: Salesforce answered 400: the connector’s credentials were refused; an admin must fix them',
      );
    } finally {
      salesforce.clientSecret = secret;
    }
  });
});
