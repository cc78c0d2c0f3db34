import { cardText, eventually, newRequest } from '../requests/world.js';
import { ACME_ACCOUNT, caseOf, salesforceWorld, type SalesforceWorld } from './salesforce-world.js';

const GLOBEX = '001xx000003DGb3AAG';
const OREILLY = '001xx000003DGb9AAG';

/** The bot's customer accounts linked to Salesforce Accounts, and Cases written on them. */
describe('Salesforce Accounts linked to the bot’s accounts', () => {
  let w: SalesforceWorld;
  let accountId: string;
  const link = (crm: unknown) => w.t.api('PATCH', `/api/v1/accounts/${accountId}`, { crm });
  const storedCrm = async () =>
    (await w.t.db.collection('accounts').findOne({ name: 'Acme' }))?.crm;

  beforeAll(async () => {
    w = await salesforceWorld();
    w.salesforce.accounts.push({ Id: OREILLY, Name: "O'Reilly \\ Media", Industry: 'Media' });
    const [acme] = (await w.t.api('GET', '/api/v1/accounts')).body as { id: string }[];
    accountId = acme?.id as string;
  });
  afterAll(() => w.stop());
  beforeEach(() => {
    w.salesforce.calls.length = 0;
  });

  it('links by exact name (quotes and backslashes escaped in the SOQL) and shows the link in the account’s read', async () => {
    const res = await link({ salesforce_account_name: "O'Reilly \\ Media" });
    expect(res.status).toBe(200);
    const crm = { salesforce_account_id: OREILLY, salesforce_account_name: "O'Reilly \\ Media" };
    expect(res.body).toMatchObject({ id: accountId, name: 'Acme', crm });
    expect(await storedCrm()).toEqual({
      salesforceAccountId: OREILLY,
      salesforceAccountName: "O'Reilly \\ Media",
    });
    const query = w.salesforce.calls.find((c) => c.path.includes('/query'));
    expect(decodeURIComponent(query?.path ?? '')).toContain(
      "FROM Account WHERE Name = 'O\\'Reilly \\\\ Media'",
    );
    expect((await w.t.api('GET', `/api/v1/accounts/${accountId}`)).body.crm).toEqual(crm);
    expect((await w.t.api('GET', '/api/v1/accounts')).body[0].crm).toEqual(crm);
  });

  it.each([
    [
      'a name no Account has',
      { salesforce_account_name: 'Initech' },
      'salesforce_account_name',
      'Salesforce has no Account with the name "Initech"',
    ],
    [
      'a name two Accounts share, listing them',
      { salesforce_account_name: 'Globex' },
      'salesforce_account_name',
      `2 Salesforce Accounts have this name: ${GLOBEX} (Globex), 001xx000003DGb4AAG (Globex); give salesforce_account_id instead`,
    ],
    [
      'an Id no Account has',
      { salesforce_account_id: '001xx000003DGzzAAG' },
      'salesforce_account_id',
      'Salesforce has no Account with the Id 001xx000003DGzzAAG',
    ],
  ])('refuses %s with a 422 naming the field, and keeps the link', async (_n, crm, field, msg) => {
    w.salesforce.accounts.push({ Id: '001xx000003DGb4AAG', Name: 'Globex', Industry: 'Energy' });
    try {
      const before = await storedCrm();
      const res = await link(crm);
      expect(res.status).toBe(422);
      expect(res.body.detail).toEqual([
        expect.objectContaining({ loc: ['body', 'crm', field], msg }),
      ]);
      expect(await storedCrm()).toEqual(before);
    } finally {
      w.salesforce.accounts.pop();
    }
  });

  it('refuses with a 422 when Salesforce does not answer the lookup, and writes nothing', async () => {
    const before = await storedCrm();
    w.salesforce.faults.push({ method: 'GET', path: /\/query/, status: 503, times: 3 });
    const res = await link({ salesforce_account_name: 'Globex' });
    expect(res.status).toBe(422);
    expect(res.body.detail[0]).toMatchObject({
      loc: ['body', 'crm', 'salesforce_account_name'],
      type: 'vendor_unreachable',
    });
    expect(await storedCrm()).toEqual(before);
  });

  it('writes the Case on the linked Account rather than the channel’s sink, named on the card', async () => {
    const res = await link({ salesforce_account_id: GLOBEX });
    expect(res.body.crm).toEqual({
      salesforce_account_id: GLOBEX,
      salesforce_account_name: 'Globex',
    });
    const message = await newRequest(w.t, 'U0SFA1', 'Invoices show the wrong currency');
    const crmCase = await caseOf(w.t, message.ts);
    expect(w.salesforce.caseById(crmCase.id as string)).toMatchObject({ AccountId: GLOBEX });
    expect(crmCase).toMatchObject({ accountId: GLOBEX, accountName: 'Globex' });
    await eventually(async () => (await cardText(w.t, message.ts)).includes(crmCase.url as string));
    expect(await cardText(w.t, message.ts)).toContain(
      `:briefcase: Salesforce Case <${crmCase.url}|${crmCase.id}> on *Globex*`,
    );
  });

  it('falls back to requests.sink.salesforce once the account is unlinked', async () => {
    const res = await link(null);
    expect(res.status).toBe(200);
    expect(res.body.crm).toBeNull();
    expect(await storedCrm()).toBeNull();
    const message = await newRequest(w.t, 'U0SFA2', 'Back on the sink Account');
    const crmCase = await caseOf(w.t, message.ts);
    expect(w.salesforce.caseById(crmCase.id as string)).toMatchObject({ AccountId: ACME_ACCOUNT });
    expect(crmCase).toMatchObject({ accountId: ACME_ACCOUNT, accountName: 'Acme Corp' });
  });
});
