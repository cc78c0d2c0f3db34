import {
  isClosedTicketStatus,
  repliesStayOnTicket,
  requestMoveForTicket,
  ticketStageForRequest,
  type StageSettings,
} from '../../../src/connectors/status.js';

const OFF: StageSettings = {
  change_stage_for_closed_ticket: false,
  change_stage_for_closed_ticket_to_value: null,
  change_stage_for_non_closed_ticket: false,
  change_stage_for_non_closed_ticket_to_value: null,
};
const ON: StageSettings = {
  ...OFF,
  change_stage_for_closed_ticket: true,
  change_stage_for_non_closed_ticket: true,
};

describe('requestMoveForTicket', () => {
  it.each([
    ['open', 'new', null],
    ['open', 'open', 'in_progress'],
    ['in_progress', 'open', null],
    ['in_progress', 'pending', 'on_hold'],
    ['on_hold', 'hold', null],
    ['on_hold', 'open', 'in_progress'],
    ['in_progress', 'solved', 'closed'],
    ['open', 'CLOSED', 'closed'],
    // a closed request's only way back is `open`
    ['closed', 'open', 'open'],
    ['closed', 'pending', 'open'],
    ['closed', 'solved', null],
    ['discarded', 'open', null],
    ['discarded', 'solved', null],
    ['open', 'deleted', null],
  ] as const)('a %s request whose ticket becomes %s moves to %s', (current, status, to) => {
    expect(requestMoveForTicket(current, status)).toBe(to);
  });

  it.each([
    ['solved', true],
    ['closed', true],
    ['Solved', true],
    ['open', false],
    ['hold', false],
  ])('%s is a closed ticket status: %s', (status, closed) => {
    expect(isClosedTicketStatus(status)).toBe(closed);
  });
});

describe('ticketStageForRequest', () => {
  it.each([
    ['nothing when both keys are off', OFF, 'in_progress', 'closed', null],
    ['solved by default on close', ON, 'in_progress', 'closed', 'solved'],
    [
      'the configured value on close',
      { ...ON, change_stage_for_closed_ticket_to_value: 'closed' },
      'open',
      'closed',
      'closed',
    ],
    ['open by default on reopen', ON, 'closed', 'open', 'open'],
    [
      'the configured value for on hold',
      { ...ON, change_stage_for_non_closed_ticket_to_value: 'pending' },
      'in_progress',
      'on_hold',
      'pending',
    ],
    [
      'nothing for non-closed when only the closed key is on',
      { ...OFF, change_stage_for_closed_ticket: true },
      'open',
      'in_progress',
      null,
    ],
    ['nothing on discard', ON, 'open', 'discarded', null],
    ['nothing when the status stays', ON, 'open', 'open', null],
  ] as const)('%s', (_name, settings, from, to, stage) => {
    expect(ticketStageForRequest(settings, from, to)).toBe(stage);
  });
});

describe('repliesStayOnTicket', () => {
  const ticket = (status: string | null, connectorId: string | null = 'c1') => ({
    ticket: { connectorId, status },
    ticketIntent: null,
  });
  it.each([
    ['an open ticket', true, ticket('open'), true],
    ['a new ticket (status not heard yet)', true, ticket(null), true],
    ['a ticket on hold', true, ticket('pending'), true],
    ['a solved ticket', true, ticket('solved'), false],
    ['a closed ticket', true, ticket('CLOSED'), false],
    ['the bot’s own ticket id (no helpdesk)', true, ticket(null, null), false],
    ['a ticket being made', true, { ticket: null, ticketIntent: { state: 'pending' } }, true],
    ['a ticket given up', true, { ticket: null, ticketIntent: { state: 'failed' } }, false],
    ['no ticket', true, { ticket: null, ticketIntent: null }, false],
    ['an open ticket with the setting off', false, ticket('open'), false],
  ])('%s: %s', (_name, suppress, request, stays) => {
    expect(repliesStayOnTicket(suppress, request)).toBe(stays);
  });
});
