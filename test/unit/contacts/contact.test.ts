import {
  ContactUpdate,
  contactIdentity,
  isCustomerRequester,
  isPersonRequester,
  needsRecording,
  planContactUpdate,
} from '../../../src/contacts/contact.js';
import { CustomFieldCreate } from '../../../src/custom-fields/definition.js';

const NOW = new Date('2026-03-02T10:00:00Z');
const minutesAgo = (m: number) => NOW.getTime() - m * 60_000;

describe('needsRecording', () => {
  it.each([
    ['never recorded here', undefined, 'A1', true],
    ['recorded a minute ago, same account', { at: minutesAgo(1), accountId: 'A1' }, 'A1', false],
    ['recorded 4m59s ago', { at: minutesAgo(4.99), accountId: 'A1' }, 'A1', false],
    ['recorded 5 minutes ago', { at: minutesAgo(5), accountId: 'A1' }, 'A1', true],
    ['now in another account', { at: minutesAgo(1), accountId: 'A1' }, 'A2', true],
    ['now in a channel of no account', { at: minutesAgo(1), accountId: 'A1' }, null, true],
  ] as const)('%s → %s', (_what, recorded, accountId, expected) => {
    expect(needsRecording(recorded, accountId, NOW)).toBe(expected);
  });
});

describe('who becomes a contact', () => {
  const base = {
    userId: 'U0CAROL',
    teamId: 'T0ACME' as string | null,
    workspaceTeamId: 'T0HOME',
    isExtShared: true,
    supportSide: new Set(['U0AGENT']),
  };
  it.each([
    ['a person of another organisation', {}, true],
    [
      'another organisation’s person in the triage channel',
      { supportSide: new Set(['U0CAROL']) },
      true,
    ],
    ['an agent of the support side', { userId: 'U0AGENT', teamId: 'T0HOME' }, false],
    ['the workspace’s own person in a Slack Connect channel', { teamId: 'T0HOME' }, false],
    ['someone Slack could not describe, not on the support side', { teamId: null }, true],
    [
      'a colleague outside the support side in an internal channel',
      { teamId: 'T0HOME', isExtShared: false },
      true,
    ],
  ] as const)('%s → %s', (_what, change, expected) => {
    expect(isCustomerRequester({ ...base, ...change })).toBe(expected);
  });

  it('takes people, not the white-listed bots that speak for customers', () => {
    expect([
      isPersonRequester('U0CAROL'),
      isPersonRequester('W0ENT'),
      isPersonRequester('B0BOT'),
    ]).toEqual([true, true, false]);
  });

  it('finds a Slack contact by user and an e-mail contact by its address in lower case', () => {
    expect(contactIdentity({ userId: 'U0CAROL' })).toBe('slack:U0CAROL');
    expect(contactIdentity({ email: 'Erin@Example.com' })).toBe('email:erin@example.com');
  });
});

describe('planContactUpdate', () => {
  const tier = { key: 'tier', name: 'Tier', type: 'list' as const, values: ['Gold', 'Silver'] };
  const seats = { key: 'seats', name: 'Seats', type: 'number' as const, values: [] };
  const slackContact = { userId: 'U0CAROL', customAttributes: [{ key: 'tier', value: 'Gold' }] };
  const plan = (update: unknown, contact = slackContact) =>
    planContactUpdate(contact, ContactUpdate.parse(update), [tier, seats]);

  it('merges attributes by key, checks each value and removes one given null', () => {
    expect(plan({ custom_attributes: { seats: '12' } })).toEqual({
      ok: true,
      set: {
        customAttributes: [
          { key: 'tier', value: 'Gold' },
          { key: 'seats', value: 12 },
        ],
      },
      changes: [{ field: 'seats', from: null, to: '12' }],
    });
    expect(plan({ custom_attributes: { tier: null } })).toMatchObject({
      ok: true,
      set: { customAttributes: [] },
    });
  });

  it('changes nothing for a value sent back as it is', () => {
    expect(plan({ custom_attributes: { tier: 'Gold' } })).toEqual({
      ok: true,
      set: {},
      changes: [],
    });
  });

  it('names each bad part: an unknown key, a bad value, an e-mail contact without an address', () => {
    const refused = plan({ email: null, custom_attributes: { region: 'EU', tier: 'Bronze' } }, {
      userId: null,
      customAttributes: [],
    } as never);
    expect(refused).toEqual({
      ok: false,
      errors: [
        { loc: ['email'], msg: 'an e-mail contact keeps an e-mail address' },
        {
          loc: ['custom_attributes', 'region'],
          msg: 'no contact attribute "region" is defined in this workspace',
        },
        { loc: ['custom_attributes', 'tier'], msg: 'Tier is one of: Gold, Silver' },
      ],
    });
  });

  it('lets a Slack contact drop its address, and sets the name', () => {
    expect(plan({ name: 'Carol C.', email: null })).toEqual({
      ok: true,
      set: { name: 'Carol C.', email: null },
      changes: [],
    });
  });
});

describe('attribute_model', () => {
  const create = (attribute_model: unknown) =>
    CustomFieldCreate.safeParse({
      attribute_display_name: 'Tier',
      attribute_display_type: 'text',
      attribute_model,
    });
  it.each([
    [undefined, 'conversation_attribute'],
    ['conversation_attribute', 'conversation_attribute'],
    ['contact_attribute', 'contact_attribute'],
    [0, 'conversation_attribute'],
    [1, 'contact_attribute'],
    ['1', 'contact_attribute'],
  ])('%s is read as %s', (given, model) => {
    expect(create(given).data?.attribute_model).toBe(model);
  });
  it.each([[2], ['contact'], [null]])('%s is refused', (given) => {
    expect(create(given).success).toBe(false);
  });
});
