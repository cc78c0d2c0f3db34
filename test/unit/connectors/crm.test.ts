import {
  CASE_STATUS,
  caseFields,
  caseSubject,
  caseValue,
  requestFieldValue,
  soqlString,
  unknownCaseFields,
  type CaseSource,
} from '../../../src/connectors/crm.js';
import { VendorError } from '../../../src/connectors/connector.js';
import { advance, caseTicketStatus, soqlDateTime } from '../../../src/connectors/crm-sync.js';
import { vendorError } from '../../../src/services/connectors/salesforce-errors.js';

const source: CaseSource = {
  id: '6740c0ffee0123456789abcd',
  text: '\n  Checkout fails  \nSince this morning.',
  status: 'in_progress',
  priority: 'urgent',
  severity: 'P1',
  category: null,
  tags: ['billing', 'web'],
  requesterId: 'U0CUST',
  assigneeId: null,
  channelId: 'C0EXT',
  createdAt: new Date('2026-11-30T10:00:00Z'),
  categories: [{ name: 'Product', value: 'Payments' }],
  customFields: [
    { key: 'plan', value: 'Enterprise' },
    { key: 'seats', value: 40 },
  ],
};

describe('a request as a Salesforce Case', () => {
  it('fills the standard fields, then the mapped ones over them', () => {
    expect(caseFields(source, {}, '001xx000003DGb2AAG')).toEqual({
      Subject: 'Checkout fails',
      Description: source.text,
      Origin: 'Slack',
      Status: 'Working',
      Priority: 'High',
      AccountId: '001xx000003DGb2AAG',
    });
    const mapped = caseFields(
      source,
      {
        Subject: 'severity',
        Plan__c: 'plan',
        Seats__c: 'seats',
        Product__c: 'Product',
        Owner__c: 'assigneeId',
      },
      null,
    );
    expect(mapped).toMatchObject({
      Subject: 'P1',
      Plan__c: 'Enterprise',
      Seats__c: 40,
      Product__c: 'Payments',
    });
    expect(mapped).not.toHaveProperty('AccountId');
    expect(mapped).not.toHaveProperty('Owner__c');
  });

  it.each([
    ['id', '6740c0ffee0123456789abcd'],
    ['tags', 'billing;web'],
    ['createdAt', '2026-11-30T10:00:00.000Z'],
    ['status', 'in_progress'],
    ['category', undefined],
    ['nothing', undefined],
    ['constructor', undefined],
  ])('reads request field %s as %j', (name, value) => {
    expect(requestFieldValue(source, name)).toBe(value);
  });

  it('maps every request status to a default Case status', () => {
    expect(CASE_STATUS).toEqual({
      open: 'New',
      in_progress: 'Working',
      on_hold: 'Working',
      closed: 'Closed',
      discarded: 'Closed',
    });
  });

  it('keeps a subject within 250 characters and finds unknown Case fields whatever their case', () => {
    expect(caseSubject('x'.repeat(400))).toHaveLength(250);
    expect(caseSubject('')).toBe('Request from Slack');
    expect(unknownCaseFields({ subject: 'text', Nope__c: 'id' }, ['Subject', 'Status'])).toEqual([
      'Nope__c',
    ]);
  });

  it.each([
    [['CaseNumber', 'product__c'], ['Product__c', 'CaseNumber'], []],
    [['CaseNumber', 'Nope__c', 'Other__c'], ['CaseNumber'], ['Nope__c', 'Other__c']],
    [[], [], []],
  ])('finds unknown additional fields %j among %j: %j', (names, known, unknown) => {
    expect(unknownCaseFields(names, known)).toEqual(unknown);
  });

  it.each([
    ['text', 'text'],
    [12.5, 12.5],
    [false, false],
    [null, null],
    [undefined, null],
    [{ city: 'Paris' }, '{"city":"Paris"}'],
  ])('keeps the CRM value %j as %j', (value, kept) => {
    expect(caseValue(value)).toEqual(kept);
  });

  it('quotes SOQL strings', () => {
    expect(soqlString("O'Brien \\ Co")).toBe("'O\\'Brien \\\\ Co'");
  });
});

describe('Salesforce failures as vendor errors', () => {
  const named = (name: string, message = 'm') => Object.assign(new Error(message), { name });
  const coded = (errorCode: string) =>
    Object.assign(new Error('m'), { name: errorCode, errorCode });
  it.each([
    [coded('INVALID_SESSION_ID'), 'unauthorized', false],
    [named('invalid_client'), 'unauthorized', false],
    [coded('NOT_FOUND'), 'not_found', false],
    [coded('REQUEST_LIMIT_EXCEEDED'), 'rate_limited', false],
    [coded('SERVER_UNAVAILABLE'), 'unavailable', true],
    [coded('ERROR_HTTP_502'), 'unavailable', true],
    [coded('ERROR_HTTP_429'), 'rate_limited', false],
    [coded('INVALID_FIELD'), 'refused', false],
    [named('FetchError', 'request failed, reason: connect ECONNREFUSED'), 'unavailable', true],
  ])('%s is %s (ambiguous for a write: %s)', (error, kind, ambiguous) => {
    const failure = vendorError(error, 'PATCH /sobjects/Case', true);
    expect(failure).toBeInstanceOf(VendorError);
    expect([failure.kind, failure.ambiguous]).toEqual([kind, ambiguous]);
  });
});

describe('Case changes polled back from Salesforce', () => {
  it.each([
    ['Closed', true, 'closed'],
    ['Resolved', true, 'closed'],
    ['New', false, 'new'],
    ['Working', false, 'open'],
    ['Escalated', false, 'open'],
  ])('reads Status %s (IsClosed %s) as the ticket status %s', (status, isClosed, ticket) => {
    expect(caseTicketStatus(status, isClosed)).toBe(ticket);
  });

  it('writes a cursor as a SOQL date-time in whole seconds, and moves it only forward', () => {
    expect(soqlDateTime(new Date('2026-11-30T14:25:18.987Z'))).toBe('2026-11-30T14:25:18Z');
    const since = new Date('2026-11-30T14:00:00Z');
    expect(advance(since, [])).toBe(since);
    expect(
      advance(since, [new Date('2026-11-30T13:00:00Z'), new Date('2026-11-30T14:05:00Z')]),
    ).toEqual(new Date('2026-11-30T14:05:00Z'));
  });
});
