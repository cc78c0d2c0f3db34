import { CHANNEL, cardText, eventually, newRequest, requestOf } from '../requests/world.js';
import { caseOf, salesforceWorld, type SalesforceWorld } from './salesforce-world.js';

const settingsOf = async (w: SalesforceWorld) =>
  (await w.t.db.collection('channels').findOne({ channelId: CHANNEL }))?.settings;

/** What Salesforce has of a Case coming back: `crm.additional_fields`, then its changes. */
describe('Salesforce Cases read back', () => {
  let w: SalesforceWorld;
  beforeAll(async () => {
    w = await salesforceWorld({ crm: { additional_fields: ['CaseNumber', 'Product__c'] } });
  });
  afterAll(() => w.stop());

  it('refuses crm.additional_fields naming a field the Case does not have, and keeps the setting', async () => {
    const before = await settingsOf(w);
    const res = await w.t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { crm: { additional_fields: ['CaseNumber', 'Nope__c'] } },
    });
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual([
      expect.objectContaining({
        loc: ['body', 'update', 'crm.additional_fields'],
        msg: "Salesforce's Case has no field Nope__c these credentials may read",
      }),
    ]);
    expect(await settingsOf(w)).toEqual(before);
  });

  it('reads the additional fields back once the Case is made: on the card and in the API', async () => {
    const { t, salesforce } = w;
    const message = await newRequest(t, 'U0SFF1', 'Widget export fails');
    const crmCase = await caseOf(t, message.ts);
    const made = salesforce.caseById(crmCase.id as string);
    expect(crmCase.fields).toEqual({ CaseNumber: made?.CaseNumber, Product__c: null });
    const read = salesforce.calls.find((c) => c.method === 'GET' && c.path.includes('fields='));
    expect(decodeURIComponent(read?.path ?? '')).toContain(
      'fields=Id,Status,CaseNumber,Product__c',
    );
    await eventually(async () => (await cardText(t, message.ts)).includes(crmCase.url as string));
    expect(await cardText(t, message.ts)).toContain(
      `on *Acme Corp* · CaseNumber: ${String(made?.CaseNumber)}`,
    );
    const requestId = String((await requestOf(t, message.ts))?._id);
    const api = await t.api('GET', `/api/v1/conversations/${requestId}`);
    expect(api.body.crm_case).toEqual({
      id: crmCase.id,
      url: crmCase.url,
      status: 'New',
      account_id: '001xx000003DGb2AAG',
      account_name: 'Acme Corp',
      fields: { CaseNumber: made?.CaseNumber, Product__c: null },
    });
  });
});
