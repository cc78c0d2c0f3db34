import { cardText, eventually, newRequest } from '../requests/world.js';
import { hubspotWorld, ticketOf, type HubspotWorld } from './hubspot-world.js';

/** The bot's customer accounts linked to HubSpot companies, and tickets written on them. */
describe('HubSpot companies linked to the bot’s accounts', () => {
  let w: HubspotWorld;
  const link = (crm: unknown) => w.t.api('PATCH', `/api/v1/accounts/${w.accountId}`, { crm });
  const storedCrm = async () =>
    (await w.t.db.collection('accounts').findOne({ name: 'Acme' }))?.crm;

  beforeAll(async () => {
    w = await hubspotWorld({}, false);
  });
  afterAll(() => w.stop());
  beforeEach(() => {
    w.hubspot.calls.length = 0;
  });

  it('links by exact name through the companies search and shows the link in the account’s read', async () => {
    const globex = w.hubspot.companyNamed('Globex');
    const res = await link({ hubspot_company_name: 'Globex' });
    expect(res.status).toBe(200);
    const crm = { hubspot_company_id: globex.id, hubspot_company_name: 'Globex' };
    expect(res.body).toMatchObject({ id: w.accountId, name: 'Acme', crm });
    expect(await storedCrm()).toEqual({
      hubspotCompanyId: globex.id,
      hubspotCompanyName: 'Globex',
    });
    const search = w.hubspot.calls.find((c) => c.path === '/crm/v3/objects/companies/search');
    expect(search?.body).toMatchObject({
      filterGroups: [{ filters: [{ propertyName: 'name', operator: 'EQ', value: 'Globex' }] }],
    });
    expect((await w.t.api('GET', `/api/v1/accounts/${w.accountId}`)).body.crm).toEqual(crm);
    expect((await w.t.api('GET', '/api/v1/accounts')).body[0].crm).toEqual(crm);
  });

  it.each([
    [
      'a name no company has',
      { hubspot_company_name: 'Umbrella' },
      'hubspot_company_name',
      () => 'HubSpot has no company with the name "Umbrella"',
    ],
    [
      'a name two companies share, listing them',
      { hubspot_company_name: 'Initech' },
      'hubspot_company_name',
      (): string => {
        const [a, b] = w.hubspot.companies.filter((c) => c.properties.name === 'Initech');
        return `2 HubSpot companies have this name: ${a?.id} (Initech), ${b?.id} (Initech); give hubspot_company_id instead`;
      },
    ],
    [
      'an id no company has',
      { hubspot_company_id: '123456' },
      'hubspot_company_id',
      (): string => 'HubSpot has no company with the id 123456',
    ],
  ])('refuses %s with a 422 naming the field, and keeps the link', async (_n, crm, field, msg) => {
    const before = await storedCrm();
    const res = await link(crm);
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual([
      expect.objectContaining({ loc: ['body', 'crm', field], msg: msg() }),
    ]);
    expect(await storedCrm()).toEqual(before);
  });

  it('refuses a Salesforce link when the workspace has no Salesforce connector', async () => {
    const res = await link({ salesforce_account_name: 'Acme Corp' });
    expect(res.status).toBe(422);
    expect(res.body.detail[0]).toMatchObject({
      loc: ['body', 'crm', 'salesforce_account_name'],
      type: 'value_error.no_crm_connector',
    });
  });

  it('writes the ticket on the company linked by id, named on the card; none once unlinked', async () => {
    const acme = w.hubspot.companyNamed('Acme Corp');
    expect((await link({ hubspot_company_id: acme.id })).body.crm).toEqual({
      hubspot_company_id: acme.id,
      hubspot_company_name: 'Acme Corp',
    });
    const message = await newRequest(w.t, 'U0HSA1', 'Invoices show the wrong currency');
    const ticket = await ticketOf(w.t, message.ts);
    expect(w.hubspot.ticketById(ticket.id as string)?.companyIds).toEqual([acme.id]);
    expect(ticket).toMatchObject({ accountId: acme.id, accountName: 'Acme Corp' });
    await eventually(async () => (await cardText(w.t, message.ts)).includes(ticket.url as string));
    expect(await cardText(w.t, message.ts)).toContain(
      `:briefcase: HubSpot ticket <${ticket.url}|${ticket.id}> on *Acme Corp*`,
    );

    expect((await link(null)).body.crm).toBeNull();
    const unlinked = await newRequest(w.t, 'U0HSA2', 'No company for this one');
    const alone = await ticketOf(w.t, unlinked.ts);
    expect(alone).toMatchObject({ state: 'made', accountId: null, accountName: null });
    expect(w.hubspot.ticketById(alone.id as string)?.companyIds).toEqual([]);
  });
});
