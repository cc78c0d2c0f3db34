import { randomBytes } from 'node:crypto';
import { createApiToken } from '../../../src/db/repositories/api-tokens.js';
import type { TestBot } from '../../support/bot.js';
import { AGENT, CHANNEL, customerWorld } from '../requests/world.js';
import { mailer } from './world.js';

const DOMAIN = {
  name: 'Mail.Acme.test',
  require_tls: true,
  smtp_login: 'postmaster@mail.acme.test',
  smtp_password: 's3cret-pass',
  receiving_dns_records: [{ record_type: 'MX', value: 'mx.mail.acme.test', priority: '10' }],
  sending_dns_records: [{ record_type: 'TXT', name: 'mail.acme.test', value: 'v=spf1 -all' }],
};
const MAPPING = { email: 'Help@mail.acme.test', channelId: CHANNEL, name: 'Help desk' };

describe('the e-mail domains and mappings API', () => {
  let t: TestBot;
  let agentToken: string;
  const workspaceOverrides = async () =>
    (await t.db.collection('workspaces').findOne({ _id: t.teamId as never }))?.settings
      ?.overrides ?? [];
  const stored = async (key: string) =>
    (await workspaceOverrides()).find((o: { key: string }) => o.key === key)?.value;

  beforeAll(async () => {
    t = await customerWorld(undefined, {
      env: { SETTINGS_ENCRYPTION_KEY: randomBytes(32).toString('base64'), SMTP_PORT: '0' },
    });
    agentToken = await createApiToken(t.bot.deps.models, t.teamId, AGENT, { role: 'agent' });
  });
  afterAll(() => t.stop());

  it('refuses a request without a token (401) and an agent’s token (403), writing nothing', async () => {
    expect((await t.api('GET', '/api/v1/email/domains', undefined, null)).status).toBe(401);
    expect((await t.api('GET', '/api/v1/email/mappings', undefined, 'bogus')).status).toBe(401);
    const agent = await t.api('POST', '/api/v1/email/domains', DOMAIN, agentToken);
    expect(agent.status).toBe(403);
    expect(await stored('emailToSlack.domains')).toBeUndefined();
  });

  it('publishes every e-mail operation in the OpenAPI document', async () => {
    const doc = (await t.api('GET', '/api/v1/openapi.json', undefined, null)).body;
    const operations = Object.entries(doc.paths as Record<string, object>)
      .filter(([path]) => path.startsWith('/api/v1/email/'))
      .map(([path, methods]) => `${Object.keys(methods).join(',')} ${path}`);
    expect(operations).toEqual([
      'post /api/v1/email/domains/{name}/verify',
      'get,post /api/v1/email/domains',
      'get,patch,delete /api/v1/email/domains/{name}',
      'get,post /api/v1/email/mappings',
      'get,patch,delete /api/v1/email/mappings/{email}',
    ]);
    const verify = await t.api('POST', '/api/v1/email/domains/x.test/verify', {}, agentToken);
    expect(verify.status).toBe(403);
  });

  it('adds a domain unverified, its password sealed and shown only as set', async () => {
    const res = await t.api('POST', '/api/v1/email/domains', DOMAIN);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'mail.acme.test',
      state: 'unverified',
      require_tls: true,
      smtp_password: { set: true },
      receiving_dns_records: [{ record_type: 'MX', value: 'mx.mail.acme.test', valid: false }],
    });
    expect(Date.parse(res.body.created_at)).not.toBeNaN();
    const [domain] = await stored('emailToSlack.domains');
    expect(domain.smtp_password.enc).toMatch(/^v1:/);
    expect(JSON.stringify(domain)).not.toContain('s3cret-pass');
  });

  it('refuses computed keys and a second domain of the same name with 422 naming the key', async () => {
    const before = await stored('emailToSlack.domains');
    const cases: [unknown, (string | number)[]][] = [
      [{ ...DOMAIN, name: 'other.test', state: 'active' }, ['body', 'state']],
      [
        {
          ...DOMAIN,
          name: 'other.test',
          receiving_dns_records: [{ record_type: 'MX', value: 'mx', valid: true }],
        },
        ['body', 'receiving_dns_records', 0, 'valid'],
      ],
      [DOMAIN, ['body', 'name']],
      [{ ...DOMAIN, name: 'not a host' }, ['body', 'name']],
    ];
    for (const [body, loc] of cases) {
      const res = await t.api('POST', '/api/v1/email/domains', body);
      expect([res.status, res.body.detail[0].loc]).toEqual([422, loc]);
    }
    const patched = await t.api('PATCH', '/api/v1/email/domains/mail.acme.test', {
      is_active: true,
    });
    expect([patched.status, patched.body.detail[0].loc]).toEqual([422, ['body', 'is_active']]);
    expect(await stored('emailToSlack.domains')).toEqual(before);
  });

  it('reads, changes (keeping the password) and removes a domain; an unknown one is 404', async () => {
    expect((await t.api('GET', '/api/v1/email/domains/nope.test')).status).toBe(404);
    expect((await t.api('DELETE', '/api/v1/email/domains/nope.test')).status).toBe(404);
    const before = (await stored('emailToSlack.domains'))[0].smtp_password;
    const changed = await t.api('PATCH', '/api/v1/email/domains/mail.acme.test', {
      require_tls: false,
      spam_action: 'tag',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      require_tls: false,
      spam_action: 'tag',
      smtp_password: { set: true },
    });
    expect((await stored('emailToSlack.domains'))[0].smtp_password).toEqual(before);
    const listed = await t.api('GET', '/api/v1/email/domains');
    expect(listed.body.payload.map((d: { name: string }) => d.name)).toEqual(['mail.acme.test']);
    expect((await t.api('DELETE', '/api/v1/email/domains/mail.acme.test')).status).toBe(204);
    expect((await t.api('GET', '/api/v1/email/domains/mail.acme.test')).status).toBe(404);
    expect(await stored('emailToSlack.domains')).toEqual([]);
  });

  it('maps an address to a channel, after which mail to it is taken', async () => {
    const refusedBefore = await mailer(t, { plain: true })
      .sendMail({ from: 'x@y.test', to: 'help@mail.acme.test', subject: 'Before', text: 'x' })
      .catch((error: { responseCode?: number }) => error.responseCode);
    expect(refusedBefore).toBe(550);
    const res = await t.api('POST', '/api/v1/email/mappings', MAPPING);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: 'help@mail.acme.test',
      channelId: CHANNEL,
      dnsVerified: false,
    });
    const info = await mailer(t, { plain: true }).sendMail({
      from: 'x@y.test',
      to: 'help@mail.acme.test',
      subject: 'After mapping',
      text: 'Hello',
    });
    expect(info.accepted).toEqual(['help@mail.acme.test']);
    expect(t.sim.messages(CHANNEL).some((m) => m.text.includes('After mapping'))).toBe(true);
  });

  it('marks the mapping receiving-verified when mail to it arrives, and forwarding-verified when forwarded mail does', async () => {
    const read = async () =>
      (await t.api('GET', '/api/v1/email/mappings/help@mail.acme.test')).body;
    // The mail of the test before arrived: receiving is verified, forwarding not yet.
    expect(await read()).toMatchObject({
      emailReceivingVerified: true,
      emailForwardingVerified: false,
    });
    await mailer(t, { plain: true }).sendMail({
      from: 'x@y.test',
      to: 'help@mail.acme.test',
      subject: 'Forwarded to you',
      text: 'Hello',
      headers: { 'X-Forwarded-To': 'other@mail.acme.test' }, // another address: no proof
    });
    expect(await read()).toMatchObject({ emailForwardingVerified: false });
    await mailer(t, { plain: true }).sendMail({
      from: 'x@y.test',
      to: 'help@mail.acme.test',
      subject: 'Forwarded by Gmail',
      text: 'Hello',
      headers: {
        'X-Forwarded-To': 'Help@mail.acme.test',
        'X-Forwarded-For': 'x@y.test help@mail.acme.test',
      },
    });
    expect(await read()).toMatchObject({
      emailReceivingVerified: true,
      emailForwardingVerified: true,
    });
  });

  it('refuses a computed key, an unknown channel and a taken address with 422; 404 for an unknown one', async () => {
    const before = await stored('emailToSlack.mappings');
    const cases: [unknown, (string | number)[]][] = [
      [{ ...MAPPING, email: 'a@b.test', dnsVerified: true }, ['body', 'dnsVerified']],
      [
        { ...MAPPING, email: 'a@b.test', failureWebhookCreatedAt: 'x' },
        ['body', 'failureWebhookCreatedAt'],
      ],
      [{ ...MAPPING, email: 'a@b.test', channelId: 'C0UNKNOWN' }, ['body', 'channelId']],
      [MAPPING, ['body', 'email']],
      [{ ...MAPPING, email: 'not-an-address' }, ['body', 'email']],
    ];
    for (const [body, loc] of cases) {
      const res = await t.api('POST', '/api/v1/email/mappings', body);
      expect([res.status, res.body.detail[0].loc]).toEqual([422, loc]);
    }
    expect(await stored('emailToSlack.mappings')).toEqual(before);
    expect((await t.api('GET', '/api/v1/email/mappings/nobody@x.test')).status).toBe(404);
    expect(
      (await t.api('PATCH', '/api/v1/email/mappings/nobody@x.test', { name: 'x' })).status,
    ).toBe(404);
  });

  it('changes and removes a mapping, after which mail to it is refused', async () => {
    const changed = await t.api('PATCH', '/api/v1/email/mappings/HELP@mail.acme.test', {
      description: 'Front desk',
    });
    expect([changed.status, changed.body.description]).toEqual([200, 'Front desk']);
    const listed = await t.api('GET', '/api/v1/email/mappings');
    expect(listed.body.payload).toHaveLength(1);
    expect((await t.api('DELETE', '/api/v1/email/mappings/help@mail.acme.test')).status).toBe(204);
    expect(await stored('emailToSlack.mappings')).toEqual([]);
    const refused = await mailer(t, { plain: true })
      .sendMail({ from: 'x@y.test', to: 'help@mail.acme.test', subject: 'Gone', text: 'x' })
      .catch((error: { responseCode?: number }) => error.responseCode);
    expect(refused).toBe(550);
  });
  it('keeps every one of several writes made at the same moment (none overwrites another)', async () => {
    const emails = ['one', 'two', 'three', 'four', 'five', 'six'].map((n) => `${n}@race.acme.test`);
    const domains = ['a.race.test', 'b.race.test', 'c.race.test'];
    const answers = await Promise.all([
      ...emails.map((email) =>
        t.api('POST', '/api/v1/email/mappings', { email, channelId: CHANNEL, name: email }),
      ),
      ...domains.map((name) => t.api('POST', '/api/v1/email/domains', { name })),
    ]);
    expect(answers.map((a) => a.status)).toEqual([
      ...emails.map(() => 201),
      ...domains.map(() => 201),
    ]);
    const mapped = ((await stored('emailToSlack.mappings')) as { email: string }[]).map(
      (m) => m.email,
    );
    expect(mapped).toEqual(expect.arrayContaining(emails));
    const named = ((await stored('emailToSlack.domains')) as { name: string }[]).map((d) => d.name);
    expect(named).toEqual(expect.arrayContaining(domains));
    // The same address twice at once: one is taken, the other refused as taken.
    const twice = await Promise.all(
      [1, 2].map(() =>
        t.api('POST', '/api/v1/email/mappings', {
          email: 'same@race.acme.test',
          channelId: CHANNEL,
          name: 'Same',
        }),
      ),
    );
    expect(twice.map((a) => a.status).sort()).toEqual([201, 422]);
    expect(twice.find((a) => a.status === 422)?.body).toMatchObject({
      detail: [{ loc: ['body', 'email'], msg: 'same@race.acme.test is mapped already' }],
    });
    const same = ((await stored('emailToSlack.mappings')) as { email: string }[]).filter(
      (m) => m.email === 'same@race.acme.test',
    );
    expect(same).toHaveLength(1);
    // Removals at once leave the others.
    const removed = await Promise.all(
      emails.slice(0, 3).map((email) => t.api('DELETE', `/api/v1/email/mappings/${email}`)),
    );
    expect(removed.map((a) => a.status)).toEqual([204, 204, 204]);
    const left = ((await stored('emailToSlack.mappings')) as { email: string }[]).map(
      (m) => m.email,
    );
    expect(left).toEqual(expect.arrayContaining(emails.slice(3)));
    expect(left.filter((email) => emails.slice(0, 3).includes(email))).toEqual([]);
  });
});
