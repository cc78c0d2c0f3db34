import { checkedDomain, dnsQueries, queryKey, verifiedMappings } from '../../../src/email/dns.js';
import { EmailDomain, EmailMapping } from '../../../src/settings/features/email-to-slack.js';

const domain = (extra: Record<string, unknown> = {}) =>
  EmailDomain.parse({
    name: 'acme.test',
    receiving_dns_records: [{ record_type: 'MX', value: 'MX.Triage.Example.', priority: '10' }],
    sending_dns_records: [{ record_type: 'TXT', name: 'acme.test', value: 'v=spf1 -all' }],
    ...extra,
  });
const answers = (mx: string[], txt: string[]) =>
  new Map([
    [queryKey({ type: 'MX', name: 'acme.test' }), mx],
    [queryKey({ type: 'TXT', name: 'acme.test' }), txt],
  ]);

describe('checkedDomain', () => {
  it.each([
    ['all published', ['10 mx.triage.example'], ['v=spf1 -all'], [true, true], 'active'],
    [
      'MX of another priority',
      ['20 mx.triage.example'],
      ['v=spf1 -all'],
      [false, true],
      'unverified',
    ],
    ['nothing published', [], [], [false, false], 'unverified'],
  ])('%s', (_name, mx, txt, valid, state) => {
    const checked = checkedDomain(domain(), answers(mx, txt));
    const records = [...checked.receiving_dns_records, ...checked.sending_dns_records];
    expect(records.map((r) => r.valid)).toEqual(valid);
    expect(records.map((r) => r.cached)).toEqual([mx, txt]);
    expect(checked.state).toBe(state);
  });

  it('keeps a disabled domain disabled, and activates one that skips verification', () => {
    expect(checkedDomain(domain({ state: 'disabled' }), answers([], [])).state).toBe('disabled');
    expect(checkedDomain(domain({ skip_verification: true }), answers([], [])).state).toBe(
      'active',
    );
  });

  it('asks each name and type once', () => {
    const twice = domain({
      sending_dns_records: [
        { record_type: 'TXT', name: 'acme.test', value: 'a' },
        { record_type: 'TXT', name: 'ACME.test', value: 'b' },
      ],
    });
    expect(dnsQueries(twice)).toEqual([
      { type: 'MX', name: 'acme.test' },
      { type: 'TXT', name: 'acme.test' },
    ]);
  });
});

describe('verifiedMappings', () => {
  it('marks a mapping dnsVerified when its domain is active', () => {
    const mappings = ['a@acme.test', 'b@other.test'].map((email) =>
      EmailMapping.parse({ email, channelId: 'C0X', name: email }),
    );
    const active = domain({ state: 'active' });
    expect(verifiedMappings(mappings, [active]).map((m) => m.dnsVerified)).toEqual([true, false]);
  });
});
