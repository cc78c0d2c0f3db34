import { ACTIONS } from '../../../src/constants.js';
import type { SimMessage } from '../../support/slack/types.js';
import {
  AGENT,
  CHANNEL,
  botPosts,
  cardText,
  click,
  eventually,
  requestOf,
} from '../requests/world.js';
import { ticketedRequest, zendeskWorld, type ZendeskWorld } from './world.js';

const FEEDBACK = 'C0TFEEDBACK';
const QUESTION = 'How did we do on this ticket?';

const isPrompt = (m: { blocks?: unknown }) =>
  JSON.stringify(m.blocks ?? []).includes(`"${ACTIONS.feedbackRating}:`);

/** Ticket CSAT: the requester rates the helpdesk ticket once it is solved. */
describe('Ticket CSAT for helpdesk tickets', () => {
  let w: ZendeskWorld;
  beforeAll(async () => {
    w = await zendeskWorld({
      send_feedback_message: true,
      feedback_message: QUESTION,
      feedback_rating: '5_POINTS',
      send_feedback_message_to_channel: true,
      feedback_channel_id: FEEDBACK,
      change_stage_for_closed_ticket: true,
    });
    w.t.sim.addChannel({ id: FEEDBACK, name: 'feedback', members: [w.t.sim.botUserId, AGENT] });
    await settings({ csat_send_for: 'TICKET' });
  });
  afterAll(() => w.stop());

  const settings = async (update: Record<string, unknown>) => {
    const res = await w.t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, { update });
    expect(res.status).toBe(200);
  };
  const ticketConfig = (config: Record<string, unknown>) => settings({ tickets: { config } });
  const prompts = (rootTs: string): SimMessage[] =>
    w.t.sim.thread(CHANNEL, rootTs).filter((m) => m.user === w.t.sim.botUserId && isPrompt(m));

  async function ticketed(customer: string, text: string) {
    const { message, key } = await ticketedRequest(w.t, customer, text);
    return { message, id: Number(key) };
  }

  const rate = (user: string, prompt: SimMessage, choice: string) =>
    w.t.driver.action({
      user,
      action_id: `${ACTIONS.feedbackRating}:${choice}`,
      channel: CHANNEL,
      message_ts: prompt.ts,
    });

  it('asks the requester once when Zendesk solves the ticket, stores the rating on the ticket and tells the feedback channel', async () => {
    const { t, zendesk } = w;
    const { message, id } = await ticketed('U0CSAT1', 'Reports are empty');
    expect(await zendesk.events.status(id, 'solved')).toBe(200);
    const [prompt] = await t.sim.waitFor(() => {
      const found = prompts(message.ts);
      return found.length ? found : undefined;
    });
    expect(await zendesk.events.status(id, 'closed')).toBe(200);
    expect(prompts(message.ts)).toHaveLength(1);
    expect(prompt?.text).toBe(QUESTION);
    expect(JSON.stringify(prompt?.blocks)).toContain('1 = very poor');

    await rate(AGENT, prompt as SimMessage, '2');
    expect((await requestOf(t, message.ts))?.ticket.feedback).toBeNull();

    await rate('U0CSAT1', prompt as SimMessage, '4');
    const stored = await requestOf(t, message.ts);
    expect(stored?.ticket.feedback).toMatchObject({ rating: 4, scale: '5_POINTS', text: null });
    expect(stored?.feedback).toBeNull();
    expect(stored?.history).toContainEqual(
      expect.objectContaining({ type: 'ticket_feedback', to: '4', by: 'U0CSAT1' }),
    );
    expect(t.sim.message(CHANNEL, prompt?.ts as string)?.text).toBe(
      'Thanks for your feedback! (4/5)',
    );
    expect(botPosts(t, FEEDBACK).map((m) => m.text)).toEqual([
      expect.stringMatching(
        new RegExp(`^:speech_balloon: Feedback on ticket #${id} on .* from <@U0CSAT1> .*: 4/5$`),
      ),
    ]);
    await eventually(async () => (await cardText(t, message.ts)).includes('rated 4/5'));
  });

  it('asks as an ephemeral when the request’s close solves the ticket', async () => {
    const { t, zendesk } = w;
    await ticketConfig({ send_feedback_as_ephemeral: true });
    const { message, id } = await ticketed('U0CSAT2', 'Login loops');
    await click(t, message.ts, ACTIONS.close);
    await eventually(async () => zendesk.ticket(id)?.status === 'solved', 10_000);
    await t.sim.waitFor(() =>
      t.sim.ephemerals(CHANNEL, 'U0CSAT2').some((e) => e.text === QUESTION),
    );
    expect(prompts(message.ts)).toEqual([]);
    await ticketConfig({ send_feedback_as_ephemeral: false });
  });

  it('asks nothing for an internal-note ticket unless send_invisible_ticket_feedback_message', async () => {
    const { t, zendesk } = w;
    await ticketConfig({ invisible_only: true });
    const quiet = await ticketed('U0CSAT3', 'Quiet one');
    expect(await zendesk.events.status(quiet.id, 'solved')).toBe(200);
    await eventually(async () => (await requestOf(t, quiet.message.ts))?.status === 'closed');

    await ticketConfig({ send_invisible_ticket_feedback_message: true });
    const asked = await ticketed('U0CSAT4', 'Asked one');
    expect(await zendesk.events.status(asked.id, 'solved')).toBe(200);
    await t.sim.waitFor(() => prompts(asked.message.ts)[0]);
    expect(prompts(quiet.message.ts)).toEqual([]);
    await ticketConfig({ invisible_only: false, send_invisible_ticket_feedback_message: false });
  });

  it('leaves feedback to the request under csat_send_for REQUEST', async () => {
    const { t, zendesk } = w;
    await settings({ csat_send_for: 'REQUEST' });
    const { message, id } = await ticketed('U0CSAT5', 'Request-level only');
    expect(await zendesk.events.status(id, 'solved')).toBe(200);
    await eventually(async () => (await requestOf(t, message.ts))?.status === 'closed');
    expect(prompts(message.ts)).toEqual([]);
    await settings({ csat_send_for: 'TICKET' });
  });
});
