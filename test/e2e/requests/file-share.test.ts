import type { TestBot } from '../../support/bot.js';
import {
  CHANNEL,
  CSM,
  CUSTOMER,
  TRIAGE,
  botPosts,
  customerWorld,
  newCustomer,
  requestOf,
} from './world.js';

/** Slack Connect: the envelope may name the customer's organisation rather than ours. */
const fromAcme = { envelopeTeamId: 'T0ACME' };
const historyOf = async (t: TestBot, ts: string) =>
  (await requestOf(t, ts))?.history.map((h: { type: string; to: string }) => `${h.type}:${h.to}`);

describe('a customer shares a file', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld({
      requests: { config: { auto_assign_request_to_first_responder: true } },
    });
  });
  afterAll(() => t.stop());

  it('opens a request with the comment and file names, the customer as requester and nobody assigned', async () => {
    const { message, response } = await t.driver.sharesFiles(
      CHANNEL,
      CUSTOMER,
      'The export fails, logs attached',
      ['export-error.csv', 'trace.txt'],
      { event: fromAcme },
    );
    expect(response.status).toBe(200);
    expect(await requestOf(t, message.ts)).toMatchObject({
      status: 'open',
      requesterId: CUSTOMER,
      assigneeId: null,
      firstResponseAt: null,
      text: 'The export fails, logs attached\nexport-error.csv\ntrace.txt',
    });
    expect(await historyOf(t, message.ts)).toEqual(['status:open']);
    const cards = await t.sim.waitFor(() => {
      const posted = botPosts(t, TRIAGE).filter((m) => m.text.includes(`<@${CUSTOMER}>`));
      return posted.length === 1 && posted;
    });
    expect(JSON.stringify(cards[0]?.blocks)).toContain('export-error.csv');
    expect(cards[0]?.text).toMatch(/^Open:/);
  });

  it('adds a file shared in the request thread to the request without assigning the customer', async () => {
    const requester = newCustomer(t, 'U0UPLOADER');
    const { message } = await t.driver.customerSays(CHANNEL, requester, 'Billing page is blank');
    await t.driver.sharesFiles(CHANNEL, requester, '', ['screenshot.png'], {
      thread_ts: message.ts,
      event: fromAcme,
    });
    expect(await requestOf(t, message.ts)).toMatchObject({
      status: 'open',
      requesterId: requester,
      assigneeId: null,
      firstResponseAt: null,
    });
    expect(await historyOf(t, message.ts)).toEqual(['status:open']);
    expect(t.sim.thread(CHANNEL, message.ts).map((m) => m.text)).toEqual([
      'Billing page is blank',
      '',
    ]);

    // A colleague from the workspace (not in the triage channel) answers with a file: that is
    // the first response, told apart from the customer by the team Slack gives for the user.
    await t.driver.sharesFiles(CHANNEL, CSM, 'Try these steps', ['steps.pdf'], {
      thread_ts: message.ts,
    });
    expect(await requestOf(t, message.ts)).toMatchObject({
      status: 'in_progress',
      assigneeId: CSM,
      firstResponseAt: expect.any(Date),
    });
  });
});
