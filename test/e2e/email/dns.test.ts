import type { TestBot } from '../../support/bot.js';
import { DnsServer } from '../../support/dns-server.js';
import { EMAIL_DNS_CHECK } from '../../../jobs/email-dns.js';
import { CHANNEL, customerWorld, eventually } from '../requests/world.js';

const RECORDS = {
  receiving_dns_records: [{ record_type: 'MX', value: 'mx.triage.example', priority: '10' }],
  sending_dns_records: [
    { record_type: 'TXT', name: 'DOMAIN', value: 'v=spf1 include:triage.example -all' },
    { record_type: 'CNAME', name: 'track.DOMAIN', value: 'track.triage.example' },
  ],
};
/** The records to publish for `domain`, as a client sends them. */
const domainBody = (domain: string) => ({
  name: domain,
  ...RECORDS,
  sending_dns_records: RECORDS.sending_dns_records.map((r) => ({
    ...r,
    name: r.name.replace('DOMAIN', domain),
  })),
});

describe('DNS checks of e-mail domains against a local authoritative server', () => {
  let t: TestBot;
  let dns: DnsServer;

  beforeAll(async () => {
    dns = await DnsServer.start({
      MX: {
        'valid.test': [{ priority: 10, exchange: 'mx.triage.example' }],
        'wrong.test': [{ priority: 10, exchange: 'mx.other.example' }],
      },
      TXT: {
        'valid.test': ['v=spf1 include:triage.example -all'],
        'wrong.test': ['v=spf1 -all'],
      },
      CNAME: {
        'track.valid.test': 'track.triage.example',
        'track.wrong.test': 'elsewhere.example',
      },
    });
    t = await customerWorld(undefined, { env: { DNS_SERVER: dns.address } });
  });
  afterAll(async () => {
    await t.stop();
    await dns.close();
  });

  it('marks a domain whose records are all published active, each record valid with what DNS holds', async () => {
    const res = await t.api('POST', '/api/v1/email/domains', domainBody('valid.test'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      state: 'active',
      receiving_dns_records: [{ valid: true, cached: ['10 mx.triage.example'] }],
      sending_dns_records: [
        { valid: true, cached: ['v=spf1 include:triage.example -all'] },
        { valid: true, cached: ['track.triage.example'] },
      ],
    });
  });

  it('leaves a domain with missing records unverified, nothing cached', async () => {
    const res = await t.api('POST', '/api/v1/email/domains', domainBody('missing.test'));
    expect(res.body.state).toBe('unverified');
    const records = [...res.body.receiving_dns_records, ...res.body.sending_dns_records];
    expect(records.map((r: { valid: boolean; cached: string[] }) => [r.valid, r.cached])).toEqual([
      [false, []],
      [false, []],
      [false, []],
    ]);
  });

  it('shows what DNS holds instead of a wrong record, and keeps the domain unverified', async () => {
    const res = await t.api('POST', '/api/v1/email/domains', domainBody('wrong.test'));
    expect(res.body).toMatchObject({
      state: 'unverified',
      receiving_dns_records: [{ valid: false, cached: ['10 mx.other.example'] }],
      sending_dns_records: [
        { valid: false, cached: ['v=spf1 -all'] },
        { valid: false, cached: ['elsewhere.example'] },
      ],
    });
  });

  it('marks a mapping on a verified domain dnsVerified, and the daily job follows DNS changes', async () => {
    const mapped = await t.api('POST', '/api/v1/email/mappings', {
      email: 'help@wrong.test',
      channelId: CHANNEL,
      name: 'Help',
    });
    expect(mapped.body.dnsVerified).toBe(false);
    // The customer fixes the records; the daily check (run through Agenda) picks that up.
    dns.zone.MX!['wrong.test'] = [{ priority: 10, exchange: 'mx.triage.example.' }];
    dns.zone.TXT!['wrong.test'] = ['v=spf1 include:triage.example -all'];
    dns.zone.CNAME!['track.wrong.test'] = 'track.triage.example';
    // ...and removes the valid domain's MX record.
    delete dns.zone.MX!['valid.test'];
    await t.bot.agenda.now(EMAIL_DNS_CHECK, { key: EMAIL_DNS_CHECK });
    const fixed = await eventually(async () => {
      const res = await t.api('GET', '/api/v1/email/domains/wrong.test');
      return res.body.state === 'active' && res.body;
    });
    expect(fixed.receiving_dns_records[0]).toMatchObject({ valid: true });
    const broken = await t.api('GET', '/api/v1/email/domains/valid.test');
    expect(broken.body).toMatchObject({
      state: 'unverified',
      receiving_dns_records: [{ valid: false, cached: [] }],
    });
    const mapping = await t.api('GET', '/api/v1/email/mappings/help@wrong.test');
    expect(mapping.body.dnsVerified).toBe(true);
  });

  it('checks one domain on demand', async () => {
    dns.zone.MX!['valid.test'] = [{ priority: 10, exchange: 'mx.triage.example' }];
    const res = await t.api('POST', '/api/v1/email/domains/valid.test/verify', {});
    expect([res.status, res.body.state]).toEqual([200, 'active']);
    expect((await t.api('POST', '/api/v1/email/domains/nope.test/verify', {})).status).toBe(404);
  });
});
