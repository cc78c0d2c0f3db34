import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { revealSecret } from '../../../src/settings/secrets.js';
import { startTestBot, type TestBot } from '../../support/bot.js';
import { ADMIN, seedWorkspace, triage } from '../commands/support.js';

const KEY = randomBytes(32);
const PASSWORD = 'hunter2-smtp-Pa55word';
const DOMAINS = 'emailToSlack.domains';
const domain = { name: 'mail.acme.com', smtp_login: 'postmaster@acme.com' };

describe('an admin stores an SMTP password', () => {
  let t: TestBot;
  let accountId: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    const logger = pino({ level: 'trace' }, { write: (line: string) => logLines.push(line) });
    t = await startTestBot({ env: { SETTINGS_ENCRYPTION_KEY: KEY.toString('base64') }, logger });
    seedWorkspace(t);
    const created = await t.api('POST', '/api/v1/accounts', { name: 'Acme', channels: ['C0ACME'] });
    accountId = created.body.id;
  });
  afterAll(() => t.stop());

  /** The workspace's stored override of the domains, read straight from the database. */
  async function storedDomains() {
    const doc = await t.db.collection('workspaces').findOne({ _id: t.teamId as never });
    const overrides = (doc?.settings?.overrides ?? []) as { key: string; value: unknown }[];
    return { doc, value: overrides.find((o) => o.key === DOMAINS)?.value as any[] | undefined }; // eslint-disable-line @typescript-eslint/no-explicit-any -- stored JSON
  }

  it('never shows it again: every answer says {"set": true}, the database holds it encrypted', async () => {
    const written = await t.api('PATCH', '/api/v1/workspace/settings?explain=true', {
      update: { emailToSlack: { domains: [{ ...domain, smtp_password: PASSWORD }] } },
    });
    expect(written.status).toBe(200);
    expect(written.body.data.features.emailToSlack.domains[0].smtp_password).toEqual({ set: true });

    const { doc, value } = await storedDomains();
    const stored = value?.[0]?.smtp_password;
    expect(stored.enc).toMatch(/^v1:/);
    expect(JSON.stringify(doc)).not.toContain(PASSWORD);
    expect(revealSecret(stored, KEY)).toBe(PASSWORD);

    const reads = [
      written,
      await t.api('GET', '/api/v1/workspace/settings'),
      await t.api('GET', '/api/v1/workspace/settings?explain=true'),
      await t.api('GET', `/api/v1/accounts/${accountId}/settings`),
      await t.api('GET', `/api/v1/accounts/${accountId}/settings?explain=true`),
      await t.api('GET', '/api/v1/channels/C0ACME/settings'),
      await t.api('GET', '/api/v1/channels/C0ACME/settings?explain=true'),
      await t.api('GET', '/api/v1/openapi.json'),
    ];
    for (const read of reads) {
      expect(read.status).toBe(200);
      expect(read.text).not.toContain(PASSWORD);
      expect(read.text).not.toContain(stored.enc);
    }
    const explained = reads[6]?.body.data[0].provenance[DOMAINS];
    expect(explained.value[0].smtp_password).toEqual({ set: true });
    expect(explained.setAt.level).toBe('workspace');

    const config = await triage(t, ADMIN, 'C0ACME', `config ${DOMAINS}`);
    expect(config.text).toContain('`emailToSlack.domains` = ');
    expect(JSON.stringify(config.ephemeral)).not.toContain(PASSWORD);
    expect(JSON.stringify(config.ephemeral)).not.toContain(stored.enc);

    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('')).not.toContain(PASSWORD);
  });

  it('keeps the stored password when a client writes back what it read', async () => {
    const before = (await storedDomains()).value?.[0]?.smtp_password;
    const read = await t.api('GET', '/api/v1/workspace/settings');
    const res = await t.api('PATCH', '/api/v1/workspace/settings', {
      update: { emailToSlack: read.body.data.features.emailToSlack },
    });
    expect(res.status).toBe(200);
    expect((await storedDomains()).value?.[0]?.smtp_password).toEqual(before);
  });

  it('sets it from /triage config too, without echoing it', async () => {
    const typed = JSON.stringify([{ ...domain, smtp_password: `${PASSWORD}-2` }]);
    const reply = await triage(t, ADMIN, 'C0ACME', `config set ${DOMAINS} ${typed}`);
    expect(reply.text).toContain('Saved');
    expect(reply.text).not.toContain(PASSWORD);
    const channel = await t.db.collection('channels').findOne({ channelId: 'C0ACME' });
    expect(JSON.stringify(channel)).not.toContain(PASSWORD);
    const stored = channel?.settings.overrides.find((o: { key: string }) => o.key === DOMAINS);
    expect(revealSecret(stored.value[0].smtp_password, KEY)).toBe(`${PASSWORD}-2`);
    expect(logLines.join('')).not.toContain(PASSWORD);
  });

  it('removes it with a reset', async () => {
    const res = await t.api('PATCH', '/api/v1/workspace/settings', { reset: [DOMAINS] });
    expect(res.status).toBe(200);
    expect(res.body.data.features.emailToSlack.domains).toEqual([]);
    expect((await storedDomains()).value).toBeUndefined();
  });
});
