import { AGENT, CHANNEL, newRequest, requestOf } from '../requests/world.js';
import {
  clickCreateTicket,
  helpdeskModal,
  jiraWorld,
  ticketOf,
  zendeskWorld,
  type ZendeskWorld,
} from './world.js';
import type { TestBot } from '../../support/bot.js';

const choice = (text: string, value: string) => ({ text: { type: 'plain_text', text }, value });
type Block = { block_id: string; element: { options?: unknown[]; initial_option?: unknown } };

/** Clicks Create ticket and waits for the modal it opens (a new one, not an earlier one). */
async function openModal(t: TestBot, rootTs: string) {
  const before = t.sim.openedViews().length;
  await clickCreateTicket(t, rootTs);
  const modal = await t.sim.waitFor(() =>
    t.sim.openedViews().length > before ? helpdeskModal(t) : undefined,
  );
  return { modal, blocks: modal.view.blocks as Block[] };
}

/** The modal submitted with `form` and `urgency` picked and the subject as given. */
const submit = (
  t: TestBot,
  viewId: string,
  form: unknown,
  subject: string,
  urgency = null as unknown,
) =>
  t.driver.viewSubmission({
    user: AGENT,
    view_id: viewId,
    values: {
      ...(form === undefined
        ? {}
        : { ht_form: { value: { type: 'static_select', selected_option: form } } }),
      ht_subject: { value: { type: 'plain_text_input', value: subject } },
      ht_priority: { value: { type: 'static_select', selected_option: null } },
      ...(urgency === undefined
        ? {}
        : { ht_urgency: { value: { type: 'static_select', selected_option: urgency } } }),
      ht_type: { value: { type: 'static_select', selected_option: null } },
      ht_tags: { value: { type: 'plain_text_input', value: null } },
    },
  });

describe('Zendesk ticket forms (tickets.config.formIds)', () => {
  let w: ZendeskWorld;
  beforeAll(async () => {
    w = await zendeskWorld({ formIds: ['360001', '360002', '999999'] });
    w.zendesk.addForm(360001, 'Hardware');
    w.zendesk.addForm(360002, 'Billing');
    w.zendesk.addForm(360003, 'Not listed');
  });
  afterAll(() => w.stop());
  beforeEach(() => {
    w.zendesk.faults.length = 0;
  });

  it('offers the listed forms by their Zendesk names, the first chosen, and creates the ticket with the one picked', async () => {
    const { t, zendesk } = w;
    const message = await newRequest(t, 'U0FORM1', 'Charged twice this month');
    const { modal, blocks } = await openModal(t, message.ts);
    expect(blocks.map((b) => b.block_id)).toEqual([
      'ht_form',
      'ht_subject',
      'ht_priority',
      'ht_urgency',
      'ht_type',
      'ht_tags',
    ]);
    const hardware = choice('Hardware', '360001');
    const billing = choice('Billing', '360002');
    expect(blocks[0]?.element).toEqual(
      expect.objectContaining({
        options: [hardware, billing, choice('999999 (no such form)', 'unknown:999999')],
        initial_option: hardware,
      }),
    );
    const res = await submit(t, modal.id, billing, 'Double charge', choice('High', 'high'));
    expect(res.status).toBe(200);
    const ticket = await ticketOf(t, message.ts);
    expect(zendesk.ticket(ticket.id)).toMatchObject({
      subject: 'Double charge',
      ticket_form_id: 360002,
      tags: ['urgency_high'],
    });
  });

  it('offers Urgency (Low to Critical) unless hide_urgency, and sends none when hidden', async () => {
    const { t, zendesk } = w;
    const first = await newRequest(t, 'U0URG1', 'Screen cracked');
    const shown = (await openModal(t, first.ts)).blocks.find((b) => b.block_id === 'ht_urgency');
    expect(shown?.element.options).toEqual([
      choice('Low', 'low'),
      choice('Normal', 'normal'),
      choice('High', 'high'),
      choice('Critical', 'critical'),
    ]);
    const hide = (value: boolean) =>
      t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
        update: { tickets: { config: { hide_urgency: value } } },
      });
    expect((await hide(true)).status).toBe(200);
    try {
      const message = await newRequest(t, 'U0URG2', 'Mouse wheel stuck');
      const { modal, blocks } = await openModal(t, message.ts);
      expect(blocks.map((b) => b.block_id)).not.toContain('ht_urgency');
      await submit(t, modal.id, choice('Hardware', '360001'), 'Wheel stuck', undefined);
      const ticket = await ticketOf(t, message.ts);
      expect(zendesk.ticket(ticket.id)).toMatchObject({ ticket_form_id: 360001, tags: [] });
    } finally {
      await hide(false);
    }
  });

  it('refuses a form Zendesk does not know, with an error on the field, and asks for no ticket', async () => {
    const { t, zendesk } = w;
    const message = await newRequest(t, 'U0FORM2', 'Printer on fire');
    const { modal } = await openModal(t, message.ts);
    const made = zendesk.tickets.length;
    const res = await submit(
      t,
      modal.id,
      choice('999999 (no such form)', 'unknown:999999'),
      'Fire',
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      response_action: 'errors',
      errors: {
        ht_form:
          'Zendesk has no ticket form 999999: pick another (an admin can fix tickets.config.formIds).',
      },
    });
    const stored = await requestOf(t, message.ts);
    expect(stored?.ticket ?? null).toBeNull();
    expect(stored?.ticketIntent ?? null).toBeNull();
    expect(zendesk.tickets.length).toBe(made);
  });

  it('makes 🎫’s ticket (no modal) with the first listed form', async () => {
    const { t, zendesk } = w;
    const message = await newRequest(t, 'U0FORM3', 'Keyboard missing keys');
    await t.driver.reactionAdded(CHANNEL, message.ts, AGENT, 'ticket');
    const ticket = await ticketOf(t, message.ts);
    expect(zendesk.ticket(ticket.id)).toMatchObject({
      subject: 'Keyboard missing keys',
      ticket_form_id: 360001,
    });
  });

  it.each([
    ['a 503', { status: 503 }],
    ['a 429 with Retry-After', { status: 429, retryAfter: 30 }],
  ])(
    'still opens the modal when reading the forms fails (%s), offering the ids',
    async (_name, fault) => {
      const { t, zendesk } = w;
      zendesk.faults.push({ method: 'GET', path: /ticket_forms\.json$/, ...fault });
      const message = await newRequest(t, `U0FAIL${fault.status}`, 'Monitor flickers');
      const { modal, blocks } = await openModal(t, message.ts);
      expect(zendesk.faults).toHaveLength(0);
      const second = choice('Form 360002', '360002');
      expect(blocks[0]).toMatchObject({
        block_id: 'ht_form',
        element: {
          options: [choice('Form 360001', '360001'), second, choice('Form 999999', '999999')],
          initial_option: choice('Form 360001', '360001'),
        },
      });
      await submit(t, modal.id, second, `Flicker ${fault.status}`);
      const ticket = await ticketOf(t, message.ts);
      expect(zendesk.ticket(ticket.id)).toMatchObject({ ticket_form_id: 360002 });
    },
  );
});

describe('ticket forms on a helpdesk that has none (Jira)', () => {
  it('offers no form and creates the issue as usual, its urgency a label', async () => {
    const w = await jiraWorld({ formIds: ['360001'] });
    try {
      const message = await newRequest(w.t, 'U0JFORM', 'Build is red');
      const { modal, blocks } = await openModal(w.t, message.ts);
      expect(blocks.map((b) => b.block_id)).toEqual([
        'ht_subject',
        'ht_priority',
        'ht_urgency',
        'ht_type',
        'ht_tags',
      ]);
      await submit(w.t, modal.id, undefined, 'Build is red', choice('Critical', 'critical'));
      await ticketOf(w.t, message.ts);
      const made = w.jira.issues.filter((i) => i.summary === 'Build is red');
      expect(made).toHaveLength(1);
      expect(made[0]?.labels).toContain('urgency_critical');
      expect(w.jira.calls.some((c) => c.path.includes('ticket_forms'))).toBe(false);
    } finally {
      await w.stop();
    }
  }, 30_000);
});
