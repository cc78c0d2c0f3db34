import {
  customerName,
  internalChannelName,
  slackNamePart,
} from '../../../src/accounts/internal-channel.js';

describe('internalChannelName', () => {
  it.each([
    // pattern, account name, channel name
    ['int-{customer}', 'Acme', 'int-acme'],
    ['int-{customer}', 'Acme Corp', 'int-acme-corp'],
    ['int-{customer}', 'ACME  Corp', 'int-acme-corp'], // runs of spaces are one "-"
    ['int-{customer}', 'Acme & Co.', 'int-acme-co'], // "&" and "." are not allowed
    ['int-{customer}', 'Café Zürich', 'int-cafe-zurich'], // accents dropped, not the letter
    ['int-{customer}', 'acme_labs', 'int-acme_labs'], // "_" is allowed
    ['int-{customer}', '  Acme  ', 'int-acme'], // no leading or trailing "-"
    ['{customer}-support', 'Acme', 'acme-support'],
    ['Team {customer}', 'Acme', 'team-acme'], // the pattern follows the same rules
    ['int-{customer}-{customer}', 'Acme', 'int-acme-acme'],
    ['internal', 'Acme', 'internal'], // no placeholder: one name for every account
    ['int-{customer}', '株式会社', undefined], // nothing Slack allows is left of the name
    ['int-{customer}', '!!!', undefined],
    ['---', 'Acme', undefined], // punctuation only: Slack's invalid_name_punctuation
  ])('%s with "%s" is %s', (pattern, name, expected) => {
    expect(internalChannelName(pattern, name)).toBe(expected);
  });

  it('keeps to 80 characters, cutting at the end without a trailing "-"', () => {
    // "int-" (4) + 75 "a" + "-" (the 80th) + "b…": cut at 80, then the trailing "-" goes
    const name = internalChannelName('int-{customer}', `${'a'.repeat(75)} ${'b'.repeat(20)}`);
    expect(name).toBe(`int-${'a'.repeat(75)}`);
    expect(internalChannelName('int-{customer}', 'x'.repeat(200))).toHaveLength(80);
  });
});

describe('slackNamePart', () => {
  it('lower-cases and keeps only [a-z0-9-_]', () => {
    expect(slackNamePart('Big-Co_2 (EU)')).toBe('big-co_2-eu');
  });
});

describe('customerName', () => {
  it.each([
    [{ name: 'acme', crm: null }, 'acme'],
    [{ name: 'acme', crm: { salesforceAccountName: 'Acme Corporation' } }, 'Acme Corporation'],
    [{ name: 'acme', crm: { salesforceAccountName: '' } }, 'acme'],
    [
      { name: 'acme', crm: { hubspotCompanyId: '9001', hubspotCompanyName: 'Acme Inc.' } },
      'Acme Inc.',
    ],
    [{ name: 'acme' }, 'acme'],
  ])('%j → %s', (account, expected) => {
    expect(customerName(account)).toBe(expected);
  });
});
