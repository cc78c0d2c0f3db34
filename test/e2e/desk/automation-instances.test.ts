import { startTestBot, type TestBot } from '../../support/bot.js';
import { CHANNEL, customerWorld, eventually, newCustomer, requestOf } from '../requests/world.js';

const INCIDENTS = 'C0INCIDENTS';
const PATH = '/api/v1/automation_rules';

/**
 * Two bot instances on one database and one Slack: a request's opening reaches both (Slack's
 * retry of the same event lands on the other instance, or the same message comes as two events)
 * and both process it at once. Its `conversation_created` rules run once: one run recorded, one
 * label, one post in #incidents.
 */
describe('conversation_created rules on two instances', () => {
  let a: TestBot;
  let b: TestBot;
  let ruleId: string;
  beforeAll(async () => {
    a = await customerWorld({
      requests: { support: { tags: [{ name: 'Incident', value: 'incident' }] } },
    });
    a.sim.addChannel({ id: INCIDENTS, name: 'incidents', members: [a.sim.botUserId] });
    const res = await a.api('POST', PATH, {
      name: 'Outage',
      event_name: 'conversation_created',
      conditions: [{ attribute_key: 'content', filter_operator: 'contains', values: ['outage'] }],
      actions: [
        { action_name: 'add_label', action_params: ['Incident'] },
        { action_name: 'send_slack_message', action_params: [INCIDENTS, 'Outage reported'] },
      ],
    });
    if (res.status !== 201) throw new Error(res.text);
    ruleId = res.body.id;
    b = await startTestBot({ sim: a.sim, database: a.database });
  }, 60_000);
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  const runs = () => a.db.collection('automation_runs').find({ ruleId }).toArray();

  /** A customer posts; Slack tells both instances at once (`second`: the other delivery's options). */
  async function bothHear(customer: string, text: string, second: { eventId?: string }) {
    const message = a.sim.postAsUser(CHANNEL, newCustomer(a, customer), text);
    const eventId = `Ev${customer}`;
    await Promise.all([
      a.driver.message(message, CHANNEL, { eventId }),
      b.driver.message(message, CHANNEL, { eventId: second.eventId ?? eventId, retryNum: 1 }),
    ]);
    const request = await eventually(async () => {
      const stored = await requestOf(a, message.ts);
      return stored?.triage.ts ? stored : undefined;
    });
    return { message, request };
  }

  it.each([
    ['Slack’s retry of the event reaches the other instance', 'U0RETRY', {}],
    ['the same message comes as two events, one to each instance', 'U0TWICE', { eventId: 'EvX' }],
  ])('%s: the rule runs once', async (_what, customer, second) => {
    const before = a.sim.messages(INCIDENTS).length;
    const { request } = await bothHear(customer, 'Total outage of the API', second);
    const own = await eventually(async () => {
      const found = (await runs()).filter((r) => r.requestId === String(request._id));
      return found.length > 0 ? found : undefined;
    });
    // Both instances are idle again (their drivers wait for it): nothing more will run.
    expect(own).toEqual([
      expect.objectContaining({ event: 'conversation_created', result: 'done' }),
    ]);
    expect((await requestOf(a, request.rootTs))?.tags).toEqual(['incident']);
    const tagged = (await requestOf(a, request.rootTs))?.history.filter(
      (h: { type: string }) => h.type === 'tags',
    );
    expect(tagged).toHaveLength(1);
    expect(
      a.sim
        .messages(INCIDENTS)
        .slice(before)
        .map((m) => m.text),
    ).toEqual(['Outage reported']);
    expect(await a.db.collection('requests').countDocuments({ rootTs: request.rootTs })).toBe(1);
  });
});
