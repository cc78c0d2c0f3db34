import { startTestBot, type TestBot } from '../../support/bot.js';
import { ADMIN, MEMBER, seedWorkspace, triage } from './support.js';

describe('/triage fields: custom field definitions from Slack', () => {
  let t: TestBot;

  beforeAll(async () => {
    t = await startTestBot();
    seedWorkspace(t);
  });
  afterAll(() => t.stop());

  const stored = async () =>
    (await t.db.collection('custom_fields').find({}).sort({ key: 1 }).toArray()).map((f) => [
      f.teamId,
      f.key,
      f.name,
      f.type,
      f.values,
    ]);

  it('adds, lists and removes fields, the same ones the API shows', async () => {
    expect((await triage(t, ADMIN, 'C0ACME', 'fields')).text).toContain(
      'This workspace has no custom fields yet',
    );
    // Phones type curly quotes; `select` is another word for a list.
    const tier = await triage(t, ADMIN, 'C0ACME', 'fields add “Contract tier” select Gold, Silver');
    expect(tier.text).toBe(
      ':white_check_mark: Added the custom field *Contract tier* `contract_tier` (list).',
    );
    await triage(t, ADMIN, 'C0ACME', 'fields add Renewal date');
    expect(await stored()).toEqual([
      ['T0SIM', 'contract_tier', 'Contract tier', 'list', ['Gold', 'Silver']],
      ['T0SIM', 'renewal', 'Renewal', 'date', []],
    ]);

    const list = await triage(t, MEMBER, 'C0ACME', 'fields'); // reading is for everyone
    expect(list.text).toBe(
      'Custom fields of this workspace:\n' +
        '• *Contract tier* `contract_tier` (list: Gold, Silver)\n' +
        '• *Renewal* `renewal` (date)',
    );
    const api = await t.api('GET', '/api/v1/custom_attribute_definitions');
    expect(api.body.map((f: { attribute_key: string }) => f.attribute_key)).toEqual([
      'contract_tier',
      'renewal',
    ]);

    const removed = await triage(t, ADMIN, 'C0ACME', 'fields remove renewal');
    expect(removed.text).toBe(':wastebasket: Deleted the custom field *Renewal* `renewal`.');
    expect((await stored()).map((f) => f[1])).toEqual(['contract_tier']);
  });

  it.each([
    ['fields add "Region" list', "The field's options: a list field needs at least one option"],
    ['fields add Seats checkbox', '"checkbox" is not a field type: text, number, list or date'],
    ['fields add Seats', 'Give a type: text, number, list or date'],
    ['fields add "Seats" number 1, 2', "The field's options: only a list field has options"],
    ['fields add "Contract tier" text', 'the key contract_tier is used by another custom field'],
    ['fields remove nope', 'This workspace has no custom field `nope`'],
    ['fields remove', 'Say which field'],
  ])(
    '`/triage %s` is refused, naming what is wrong, and changes nothing',
    async (command, says) => {
      const before = await stored();
      const reply = await triage(t, ADMIN, 'C0ACME', command);
      expect(reply.text).toContain(says);
      expect(await stored()).toEqual(before);
    },
  );

  it('lets only workspace admins add or remove fields', async () => {
    const before = await stored();
    for (const command of ['fields add Notes text', 'fields remove contract_tier']) {
      const reply = await triage(t, MEMBER, 'C0ACME', command);
      expect(reply.text).toContain('Only workspace admins can');
    }
    expect(await stored()).toEqual(before);
  });
});
