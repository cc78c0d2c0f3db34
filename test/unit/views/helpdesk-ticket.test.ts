import { ACTIONS, VIEWS } from '../../../src/constants.js';
import type { Button } from '@slack/types';
import { overflowOptions, type OverflowOption } from '../../../src/settings/features/tickets.js';
import { button } from '../../../src/views/blocks.js';
import {
  cardActions,
  createTicketButtons,
  ticketFailureLine,
  ticketModal,
  ticketNote,
} from '../../../src/views/helpdesk-ticket.js';

const at = new Date('2026-03-02T10:00:00Z');
const made = {
  id: '35436',
  createdAt: at,
  createdBy: 'U0ALICE',
  connectorId: 'c1',
  url: 'https://acme.zendesk.com/agent/tickets/35436',
  status: 'open',
};
const intent = (state: 'pending' | 'failed', error: string | null = null) => ({
  id: 'i1',
  connectorId: 'c1',
  at,
  by: 'U0ALICE',
  state,
  error,
});

describe('the helpdesk ticket on the card', () => {
  it.each([
    ['no ticket', { ticket: null, ticketIntent: null }, ''],
    [
      'a helpdesk ticket, linked with its status',
      { ticket: made, ticketIntent: null },
      ' · :ticket: <https://acme.zendesk.com/agent/tickets/35436|#35436> (open)',
    ],
    [
      'the bot’s own ticket id',
      { ticket: { ...made, url: null, status: null, id: 'TKT-ABC123' }, ticketIntent: null },
      ' · :ticket: TKT-ABC123',
    ],
    [
      'one being created',
      { ticket: null, ticketIntent: intent('pending') },
      ' · :ticket: creating a ticket…',
    ],
    [
      'one given up',
      { ticket: null, ticketIntent: intent('failed', 'x') },
      ' · :warning: no ticket',
    ],
    [
      'a follow-up, naming the closed ticket',
      { ticket: { ...made, id: '35500', followUpOf: '35436' }, ticketIntent: null },
      ' · :ticket: <https://acme.zendesk.com/agent/tickets/35436|#35500> (open), follow-up of #35436',
    ],
    [
      'a closed ticket whose follow-up is being created',
      {
        ticket: { ...made, status: 'closed' },
        ticketIntent: { ...intent('pending'), followUpOf: '35436' },
      },
      ' · :ticket: <https://acme.zendesk.com/agent/tickets/35436|#35436> (closed) · creating a follow-up ticket…',
    ],
  ])('%s', (_name, request, note) => {
    expect(ticketNote(request as never)).toBe(note);
  });

  it('says why a ticket was given up, escaped, and offers Create ticket again', () => {
    const failed = {
      _id: 'r1',
      ticket: null,
      ticketIntent: intent('failed', 'Zendesk answered 401: <no>'),
    };
    expect(ticketFailureLine(failed as never)).toBe(
      ':warning: The ticket could not be created: Zendesk answered 401: &lt;no&gt;. Use *Create ticket* to try again.',
    );
    expect(createTicketButtons(failed as never, true)).toEqual([
      expect.objectContaining({ action_id: ACTIONS.createTicket, value: 'r1' }),
    ]);
  });

  it('says why a follow-up was given up, and that the next message tries again', () => {
    const failed = {
      _id: 'r1',
      ticket: { ...made, status: 'closed' },
      ticketIntent: { ...intent('failed', 'Zendesk answered 422'), followUpOf: '35436' },
    };
    expect(ticketFailureLine(failed as never)).toBe(
      ":warning: The follow-up of ticket #35436 could not be created: Zendesk answered 422. The customer's next message tries again.",
    );
    const made2 = { ...failed, ticket: { ...made, id: '35500', followUpOf: '35436' } };
    expect(ticketFailureLine(made2 as never)).toBeUndefined();
  });

  it.each([
    ['without a helpdesk', { ticket: null, ticketIntent: null }, false, 0],
    ['with a ticket', { ticket: made, ticketIntent: null }, true, 0],
    ['while one is created', { ticket: null, ticketIntent: intent('pending') }, true, 0],
    ['with a helpdesk and no ticket', { ticket: null, ticketIntent: null }, true, 1],
  ])('offers Create ticket %s: %i button(s)', (_name, request, helpdesk, buttons) => {
    expect(createTicketButtons({ _id: 'r1', ...request } as never, helpdesk)).toHaveLength(buttons);
  });
});

describe('ticketModal', () => {
  const blocks = (hidden: Parameters<typeof ticketModal>[2]) =>
    (ticketModal('r1', 'Login fails', hidden).blocks as { block_id: string }[]).map(
      (b) => b.block_id,
    );

  it('asks for the subject (prefilled), priority, urgency, type and tags', () => {
    const modal = ticketModal('r1', 'Login fails', {
      hide_priority: false,
      hide_urgency: false,
      hide_request_type: false,
      hide_tags: false,
    });
    expect(modal).toMatchObject({ callback_id: VIEWS.helpdeskTicket, private_metadata: 'r1' });
    expect(modal.blocks[0]).toMatchObject({ element: { initial_value: 'Login fails' } });
    expect(
      blocks({
        hide_priority: false,
        hide_urgency: false,
        hide_request_type: false,
        hide_tags: false,
      }),
    ).toEqual(['ht_subject', 'ht_priority', 'ht_urgency', 'ht_type', 'ht_tags']);
    const urgency = modal.blocks.find((b) => b.block_id === 'ht_urgency');
    expect(urgency).toMatchObject({
      optional: true,
      label: { text: 'Urgency' },
      element: {
        options: [
          { text: { type: 'plain_text', text: 'Low' }, value: 'low' },
          { text: { type: 'plain_text', text: 'Normal' }, value: 'normal' },
          { text: { type: 'plain_text', text: 'High' }, value: 'high' },
          { text: { type: 'plain_text', text: 'Critical' }, value: 'critical' },
        ],
      },
    });
  });

  it('asks which helpdesk only when the channel names more than one, the first chosen', () => {
    const shown = {
      hide_priority: true,
      hide_urgency: true,
      hide_request_type: true,
      hide_tags: true,
    };
    const one = [{ id: 'c1', label: 'Zendesk · acme.zendesk.com' }];
    expect(ticketModal('r1', 'x', shown, one).blocks.map((b) => b.block_id)).toEqual([
      'ht_subject',
    ]);
    const two = [...one, { id: 'c2', label: `Jira · ${'a'.repeat(100)}` }];
    const [select] = ticketModal('r1', 'x', shown, two).blocks as {
      block_id: string;
      element: { options: { text: { text: string } }[]; initial_option: unknown };
    }[];
    expect(select?.block_id).toBe('ht_helpdesk');
    expect(select?.element.initial_option).toEqual({
      text: { type: 'plain_text', text: 'Zendesk · acme.zendesk.com' },
      value: 'c1',
    });
    expect(select?.element.options[1]?.text.text).toHaveLength(75);
  });

  it.each([
    ['no forms: no Form select', [], [], undefined],
    [
      'a known form by its name, its id the value, chosen first',
      [{ id: '360001', label: 'Hardware', known: true }],
      [{ text: 'Hardware', value: '360001' }],
      '360001',
    ],
    [
      'a form Zendesk does not know marked for refusal on submit',
      [
        { id: '360001', label: 'Form 360001', known: true },
        { id: '999', label: '999 (no such form)', known: false },
      ],
      [
        { text: 'Form 360001', value: '360001' },
        { text: '999 (no such form)', value: 'unknown:999' },
      ],
      '360001',
    ],
  ])('offers the Zendesk forms: %s', (_name, forms, options, initial) => {
    const shown = {
      hide_priority: true,
      hide_urgency: true,
      hide_request_type: true,
      hide_tags: true,
    };
    const two = [
      { id: 'c1', label: 'Zendesk' },
      { id: 'c2', label: 'Jira' },
    ];
    const modal = ticketModal('r1', 'x', shown, two, forms);
    const ids = modal.blocks.map((b) => b.block_id);
    expect(ids).toEqual(['ht_helpdesk', ...(forms.length ? ['ht_form'] : []), 'ht_subject']);
    const select = modal.blocks.find((b) => b.block_id === 'ht_form') as
      { element: { options: unknown[]; initial_option: { value: string } } } | undefined;
    const plain = (o: { text: string; value: string }) => ({
      text: { type: 'plain_text', text: o.text },
      value: o.value,
    });
    expect(select?.element.options).toEqual(options.length ? options.map(plain) : undefined);
    expect(select?.element.initial_option.value).toBe(initial);
  });

  it.each([
    [
      { hide_priority: true, hide_urgency: true, hide_request_type: false, hide_tags: false },
      ['ht_subject', 'ht_type', 'ht_tags'],
    ],
    [
      { hide_priority: false, hide_urgency: false, hide_request_type: true, hide_tags: false },
      ['ht_subject', 'ht_priority', 'ht_urgency', 'ht_tags'],
    ],
    [
      { hide_priority: true, hide_urgency: true, hide_request_type: true, hide_tags: true },
      ['ht_subject'],
    ],
  ])('leaves out what %j hides', (hidden, expected) => {
    expect(blocks(hidden)).toEqual(expected);
  });
});

describe('the card’s ⋯ menu (showOverflowMenu)', () => {
  const create = button('Create ticket', ACTIONS.createTicket, 'r1');
  const raise = button('Raise internal ticket', ACTIONS.raiseTicket, 'r1');
  const offered = (withCreate: boolean): [OverflowOption, Button[]][] => [
    ['Raise internal ticket', [raise]],
    ['Create ticket', withCreate ? [create] : []],
    ['Summarise', []],
  ];
  const option = (text: string, value: string) => ({ text: { type: 'plain_text', text }, value });

  it.each([
    ['no menu: every button', [], true, [raise, create], []],
    [
      'Create ticket moved',
      ['Create ticket'],
      true,
      [raise],
      [option('Create ticket', 'create_ticket:r1')],
    ],
    [
      'both moved, in the card’s order',
      ['Create ticket', 'Raise internal ticket'],
      true,
      [],
      [
        option('Raise internal ticket', 'raise_ticket:r1'),
        option('Create ticket', 'create_ticket:r1'),
      ],
    ],
    ['an option not offered (a ticket exists): no menu', ['Create ticket'], false, [raise], []],
    ['Summarise without AI assist: no menu', ['Summarise'], true, [raise, create], []],
  ] as const)('%s', (_name, inMenu, withCreate, buttons, options) => {
    const actions = cardActions('r1', offered(withCreate), inMenu);
    expect(actions.buttons).toEqual(buttons);
    expect(actions.menu).toEqual(
      options.length ? [{ type: 'overflow', action_id: ACTIONS.cardMenu, options }] : [],
    );
  });

  it.each([
    [false, ['Summarise'], []],
    [true, [], ['Create ticket']],
    [true, ['Summarise', 'Create ticket'], ['Summarise', 'Create ticket']],
  ] as const)('showOverflowMenu %s with %j offers %j', (on, listed, names) => {
    expect(overflowOptions({ showOverflowMenu: on, overflow_options: listed })).toEqual(names);
  });
});
