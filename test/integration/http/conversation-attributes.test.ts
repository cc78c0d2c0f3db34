import { createApiToken } from '../../../src/db/repositories/api-tokens.js';
import type { TestBot } from '../../support/bot.js';
import {
  CHANNEL,
  TRIAGE,
  cardText,
  customerWorld,
  eventually,
  newRequest,
  requestOf,
} from '../../e2e/requests/world.js';

const DEFINITIONS = '/api/v1/custom_attribute_definitions';
const path = (id: string) => `/api/v1/conversations/${id}/custom_attributes`;

/**
 * Chatwoot's "Add custom attributes" on a conversation (seed 003): a request is a conversation,
 * its id the request's.
 */
describe('POST /api/v1/conversations/{id}/custom_attributes', () => {
  let t: TestBot;
  let id: string;
  let rootTs: string;
  beforeAll(async () => {
    t = await customerWorld();
    const picked: string[] = [];
    for (const definition of [
      {
        attribute_display_name: 'Plan',
        attribute_display_type: 'list',
        attribute_values: ['Enterprise', 'Team'],
      },
      { attribute_display_name: 'Seats', attribute_display_type: 'number' },
      { attribute_display_name: 'Renewal', attribute_display_type: 'date' },
    ]) {
      picked.push((await t.api('POST', DEFINITIONS, definition)).body.id);
    }
    // A contact's attribute, even picked by the channel, is never a request's.
    const contactOnly = await t.api('POST', DEFINITIONS, {
      attribute_display_name: 'Account tier',
      attribute_display_type: 'text',
      attribute_model: 'contact_attribute',
    });
    picked.push(contactOnly.body.id);
    // Defined in the workspace, but not applied to the channel.
    await t.api('POST', DEFINITIONS, {
      attribute_display_name: 'Internal code',
      attribute_display_type: 'text',
    });
    const settings = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { requests: { custom_fields: picked.map((p) => ({ custom_field_id: p, _id: p })) } },
    });
    expect(settings.status).toBe(200);
    rootTs = (await newRequest(t, 'U0APIREQ', 'We are renewing')).ts;
    id = String((await requestOf(t, rootTs))?._id);
  });
  afterAll(() => t.stop());

  it('stores the values, records who by the token’s name and redraws the card in place', async () => {
    const before = await requestOf(t, rootTs);
    const res = await t.api('POST', path(id), {
      custom_attributes: { plan: 'enterprise', seats: 250, renewal: '2026-12-01' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      custom_attributes: { plan: 'Enterprise', seats: 250, renewal: '2026-12-01' },
    });
    const stored = await requestOf(t, rootTs);
    expect(stored?.customFields).toEqual([
      { key: 'plan', value: 'Enterprise' },
      { key: 'seats', value: 250 },
      { key: 'renewal', value: '2026-12-01' },
    ]);
    const by = 'api:U0ADMIN'; // the token is named after its creator
    expect(stored?.history.slice(-3)).toEqual([
      expect.objectContaining({
        type: 'custom_field',
        field: 'plan',
        from: null,
        to: 'Enterprise',
        by,
      }),
      expect.objectContaining({ type: 'custom_field', field: 'seats', from: null, to: '250', by }),
      expect.objectContaining({
        type: 'custom_field',
        field: 'renewal',
        from: null,
        to: '2026-12-01',
        by,
      }),
    ]);
    await eventually(async () =>
      (await cardText(t, rootTs)).includes('Plan: Enterprise · Seats: 250 · Renewal: 1 Dec 2026'),
    );
    expect(stored?.triage.ts).toBe(before?.triage.ts);
    expect(t.sim.messages(TRIAGE).filter((m) => m.ts === before?.triage.ts)).toHaveLength(1);

    // A partial write changes only what it names; null clears; the answer lists every value.
    const cleared = await t.api('POST', path(id), {
      custom_attributes: { plan: null, seats: '300' },
    });
    expect(cleared.body).toEqual({ custom_attributes: { seats: 300, renewal: '2026-12-01' } });
    await eventually(async () => {
      const text = await cardText(t, rootTs);
      return text.includes('Seats: 300 · Renewal: 1 Dec 2026') && !text.includes('Plan:');
    });
  });

  it.each<[string, unknown, (string | number)[], string]>([
    [
      'an unknown key',
      { custom_attributes: { region: 'EU', seats: 1 } },
      ['body', 'custom_attributes', 'region'],
      'no field "region" applies to this request\'s channel',
    ],
    [
      'a field the request’s channel does not apply',
      { custom_attributes: { internal_code: 'X1' } },
      ['body', 'custom_attributes', 'internal_code'],
      'no field "internal_code" applies to this request\'s channel',
    ],
    [
      'a contact’s attribute the channel picks',
      { custom_attributes: { account_tier: 'Gold' } },
      ['body', 'custom_attributes', 'account_tier'],
      'no field "account_tier" applies to this request\'s channel',
    ],
    [
      'a bad number',
      { custom_attributes: { seats: 'many' } },
      ['body', 'custom_attributes', 'seats'],
      'Seats takes a number',
    ],
    [
      'an option the list does not offer',
      { custom_attributes: { plan: 'Gold' } },
      ['body', 'custom_attributes', 'plan'],
      'Plan is one of: Enterprise, Team',
    ],
    [
      'a date that does not exist',
      { custom_attributes: { renewal: '2026-02-30' } },
      ['body', 'custom_attributes', 'renewal'],
      'Renewal takes a date as YYYY-MM-DD',
    ],
    [
      'a value of no accepted type',
      { custom_attributes: { seats: true } },
      ['body', 'custom_attributes', 'seats'],
      expect.any(String) as unknown as string,
    ],
    [
      'no custom_attributes',
      { attributes: {} },
      ['body', 'custom_attributes'],
      expect.any(String) as unknown as string,
    ],
  ])('refuses %s with a 422 naming the key, writing nothing', async (_case, body, loc, msg) => {
    const before = await requestOf(t, rootTs);
    const res = await t.api('POST', path(id), body);
    expect(res.status).toBe(422);
    expect(res.body.detail).toContainEqual(expect.objectContaining({ loc, msg }));
    expect(await requestOf(t, rootTs)).toEqual(before);
  });

  it('answers 404 for an unknown or malformed id, and for another workspace’s request', async () => {
    const otherToken = await createApiToken(t.bot.deps.models, 'T0OTHER', 'U0OTHERADMIN');
    const before = await requestOf(t, rootTs);
    const attempts: [string, string | undefined][] = [
      ['0123456789abcdef01234567', undefined],
      ['not-an-id', undefined],
      [id, otherToken],
    ];
    for (const [target, token] of attempts) {
      const res = await t.api('POST', path(target), { custom_attributes: { seats: 1 } }, token);
      expect([target, res.status, res.body.error]).toEqual([target, 404, 'not_found']);
    }
    expect(await requestOf(t, rootTs)).toEqual(before);
  });

  it('answers 401 without a token', async () => {
    const res = await t.api('POST', path(id), { custom_attributes: { seats: 1 } }, null);
    expect(res.status).toBe(401);
  });

  it('is in the OpenAPI document', async () => {
    const doc = await t.api('GET', '/api/v1/openapi.json');
    expect(Object.keys(doc.body.paths['/api/v1/conversations/{id}/custom_attributes'])).toEqual([
      'post',
    ]);
  });
});
