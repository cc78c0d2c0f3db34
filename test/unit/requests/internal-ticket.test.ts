import {
  decideTicketStatus,
  raiseRefusal,
  ticketChannel,
  ticketLabel,
  validateTicket,
  type TicketAnswers,
  type TicketSettings,
} from '../../../src/requests/internal-ticket.js';

const SETTINGS: TicketSettings = {
  types: [
    { name: 'Engineering', value: 'eng' },
    { name: 'Product', value: 'prod' },
  ],
  tags: [{ name: 'Billing', value: 'billing' }],
  severity: [
    { name: 'High', value: 'High' },
    { name: 'Low', value: 'Low' },
  ],
  additionalFields: [{ name: 'Tier', value: 'Gold' }],
  ticket_type_channels: { Product: 'C0PROD' },
};

describe('ticketLabel', () => {
  it.each([
    [1, 'IT-1'],
    [7, 'IT-7'],
    [1234, 'IT-1234'],
  ])('numbers ticket %i as %s', (n, label) => {
    expect(ticketLabel(n)).toBe(label);
  });
});

describe('ticketChannel', () => {
  const unset = { ...SETTINGS, ticket_type_channels: { Product: null } };
  const byValue = {
    ...SETTINGS,
    types: [{ name: 'Roadmap', value: 'Product' }],
  };
  it.each<[string, string, typeof SETTINGS, string | null, string | null]>([
    ['Product (by name) goes to its channel', 'prod', SETTINGS, 'C0TRIAGE', 'C0PROD'],
    ['Product (by value) goes to its channel', 'Product', byValue, 'C0TRIAGE', 'C0PROD'],
    ['another type goes to the triage channel', 'eng', SETTINGS, 'C0TRIAGE', 'C0TRIAGE'],
    ['Product with no channel set goes to triage', 'prod', unset, 'C0TRIAGE', 'C0TRIAGE'],
    ['nowhere without a triage channel', 'eng', SETTINGS, null, null],
  ])('%s', (_, type, settings, triage, expected) => {
    expect(ticketChannel(type, settings, triage)).toBe(expected);
  });
});

describe('raiseRefusal', () => {
  it.each<[string, Parameters<typeof raiseRefusal>[0], string | undefined]>([
    [
      'an agent on an open request',
      { status: 'open', who: 'agent', types: SETTINGS.types },
      undefined,
    ],
    ['on hold is live', { status: 'on_hold', who: 'agent', types: SETTINGS.types }, undefined],
    ['no types configured', { status: 'open', who: 'agent', types: [] }, 'no_types'],
    ['a customer', { status: 'open', who: 'customer', types: SETTINGS.types }, 'not_agent'],
    [
      'a closed request (outdated card)',
      { status: 'closed', who: 'agent', types: SETTINGS.types },
      'not_live',
    ],
    [
      'a discarded request',
      { status: 'discarded', who: 'agent', types: SETTINGS.types },
      'not_live',
    ],
  ])('%s', (_, facts, reason) => {
    expect(raiseRefusal(facts)?.reason).toBe(reason);
  });
});

describe('validateTicket', () => {
  const answers = (over: Partial<TicketAnswers> = {}): TicketAnswers => ({
    type: 'eng',
    tags: [],
    severity: null,
    fields: { Tier: 'Gold' },
    summary: 'Export drops a row',
    ...over,
  });

  it('accepts offered values, trims, and keeps only filled fields', () => {
    const result = validateTicket(
      SETTINGS,
      answers({ tags: ['billing'], severity: 'High', fields: { Tier: ' Gold ' }, summary: ' x ' }),
    );
    expect(result).toEqual({
      ok: true,
      ticket: {
        type: 'eng',
        tags: ['billing'],
        severity: 'High',
        fields: [{ name: 'Tier', value: 'Gold' }],
        summary: 'x',
      },
    });
    const empty = validateTicket(SETTINGS, answers({ fields: { Tier: '  ' } }));
    expect(empty.ok && empty.ticket.fields).toEqual([]);
  });

  it.each<[string, Partial<TicketAnswers>, Record<string, string>]>([
    ['no type', { type: null }, { type: 'Pick a type' }],
    [
      'a type no longer offered',
      { type: 'legal' },
      { type: '"legal" is not an internal ticket type any more (one of: Engineering, Product)' },
    ],
    ['an unknown tag', { tags: ['vip'] }, { tags: 'Not a tag any more: vip (one of: Billing)' }],
    [
      'an unknown severity',
      { severity: 'Urgent' },
      { severity: '"Urgent" is not a severity any more (one of: High, Low)' },
    ],
    [
      'a field no longer configured',
      { fields: { Region: 'EU' } },
      { 'field:Region': 'Region is not a field of internal tickets any more' },
    ],
    [
      'a field over 2000 characters',
      { fields: { Tier: 'x'.repeat(2001) } },
      { 'field:Tier': 'Tier is at most 2000 characters' },
    ],
    ['an empty summary', { summary: '  \n ' }, { summary: 'Write a summary' }],
    [
      'a summary over 2000 characters',
      { summary: 'x'.repeat(2001) },
      { summary: 'The summary is at most 2000 characters' },
    ],
  ])('refuses %s, naming the field', (_, over, errors) => {
    expect(validateTicket(SETTINGS, answers(over))).toEqual({ ok: false, errors });
  });
});

describe('decideTicketStatus', () => {
  it.each<[string, Parameters<typeof decideTicketStatus>[0], string]>([
    [
      'an agent moves open → in progress',
      { current: 'open', to: 'in_progress', who: 'agent' },
      'change',
    ],
    ['an agent reopens a done ticket', { current: 'done', to: 'open', who: 'agent' }, 'change'],
    ['the status it already has', { current: 'done', to: 'done', who: 'agent' }, 'same'],
    ['a customer', { current: 'open', to: 'done', who: 'customer' }, 'refuse'],
  ])('%s', (_, facts, kind) => {
    expect(decideTicketStatus(facts).kind).toBe(kind);
  });
});
