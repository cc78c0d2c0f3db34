import { ACTIONS } from '../../../src/constants.js';
import {
  BUTTON_COMMANDS,
  mayReact,
  reactionIntent,
  refusalOf,
  ticketFor,
  type ReactionIntent,
  type RequestCommand,
} from '../../../src/requests/commands.js';
import type { RequestStatus } from '../../../src/requests/request.js';
import type { SenderKind } from '../../../src/requests/sender.js';

describe('BUTTON_COMMANDS', () => {
  it.each<[string, RequestCommand]>([
    [ACTIONS.assignToMe, { kind: 'assign', assigneeId: 'U0AGENT' }],
    [ACTIONS.inProgress, { kind: 'status', to: 'in_progress' }],
    [ACTIONS.onHold, { kind: 'status', to: 'on_hold' }],
    [ACTIONS.close, { kind: 'status', to: 'closed' }],
    [ACTIONS.discard, { kind: 'status', to: 'discarded' }],
    [ACTIONS.reopen, { kind: 'status', to: 'open' }],
  ])('%s → %j', (actionId, command) => {
    expect(BUTTON_COMMANDS[actionId]?.('U0AGENT')).toEqual(command);
  });

  it('has no command for the other buttons', () => {
    expect(BUTTON_COMMANDS[ACTIONS.nudgeClose]).toBeUndefined();
  });
});

describe('reactionIntent', () => {
  it.each<[string, string, ReactionIntent | undefined]>([
    ['eyes', 'U0AGENT', { kind: 'assign', assigneeId: 'U0AGENT' }],
    ['eyes::skin-tone-3', 'U0AGENT', { kind: 'assign', assigneeId: 'U0AGENT' }],
    ['white_check_mark', 'U0AGENT', { kind: 'status', to: 'closed' }],
    ['heavy_check_mark', 'U0AGENT', { kind: 'status', to: 'closed' }],
    ['ticket', 'U0AGENT', { kind: 'ticket' }],
    ['tada', 'U0AGENT', undefined],
    ['white_check_mark', 'U0BOT', undefined], // the bot's own status mark
  ])(':%s: by %s → %j', (reaction, user, expected) => {
    expect(reactionIntent(reaction, user, 'U0BOT')).toEqual(expected);
  });
});

describe('mayReact', () => {
  const close: ReactionIntent = { kind: 'status', to: 'closed' };
  const ticket: ReactionIntent = { kind: 'ticket' };
  it.each<[ReactionIntent, SenderKind, boolean, boolean]>([
    // intent, reactor, allow_ticket_creation_with_ticket_emoji, allowed
    [close, 'agent', false, true],
    [close, 'customer', true, false],
    [close, 'ignored', true, false],
    [ticket, 'agent', true, true],
    [ticket, 'agent', false, false],
    [ticket, 'customer', true, false],
  ])('%j by a %s (tickets %s): %s', (intent, sender, tickets, expected) => {
    expect(mayReact(intent, sender, tickets)).toBe(expected);
  });
});

describe('refusalOf', () => {
  it.each<[RequestStatus, string | null, RequestCommand, string]>([
    [
      'in_progress',
      'U0OTHER',
      { kind: 'assign', assigneeId: 'U0AGENT' },
      'This request is in progress and assigned to <@U0OTHER>.',
    ],
    ['closed', null, { kind: 'assign', assigneeId: 'U0AGENT' }, 'This request is closed.'],
    [
      'closed',
      null,
      { kind: 'status', to: 'on_hold' },
      'This request is closed; it cannot be moved to on hold.',
    ],
    [
      'discarded',
      'U0AGENT',
      { kind: 'status', to: 'open' },
      'This request is discarded; it cannot be moved to open.',
    ],
  ])('a request %s assigned to %s refuses %j', (status, assigneeId, command, sentence) => {
    expect(refusalOf({ status, assigneeId }, command)).toBe(sentence);
  });
});

describe('ticketFor', () => {
  it('names the ticket after the request id’s last six characters', () => {
    const at = new Date('2026-03-02T10:00:00.000Z');
    expect(ticketFor('65f0c0ffee0000000a1b2c3d', 'U0AGENT', at)).toEqual({
      ticket: { id: 'TKT-1B2C3D', createdAt: at, createdBy: 'U0AGENT' },
      entry: { at, type: 'ticket', to: 'TKT-1B2C3D', by: 'U0AGENT' },
    });
  });
});
