import { startTestBot, type TestBot } from '../../support/bot.js';

const DOMAINS = 'emailToSlack.domains';

describe('settings API without SETTINGS_ENCRYPTION_KEY', () => {
  let t: TestBot;

  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.stop());

  it('refuses to store a secret with a 422 naming the variable, and writes nothing', async () => {
    const res = await t.api('PATCH', '/api/v1/workspace/settings', {
      update: {
        requests: { config: { send_feedback: true } },
        emailToSlack: { domains: [{ name: 'mail.acme.com', smtp_password: 'hunter2' }] },
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual([
      {
        loc: ['body', 'update', 'emailToSlack', 'domains', 0, 'smtp_password'],
        msg: expect.stringContaining('SETTINGS_ENCRYPTION_KEY'),
        type: 'encryption_key_missing',
      },
    ]);
    expect(res.text).not.toContain('hunter2');
    const doc = await t.db.collection('workspaces').findOne({ _id: t.teamId as never });
    expect(doc?.settings?.overrides ?? []).toEqual([]);
  });

  it('still takes settings that hold no secret text', async () => {
    const res = await t.api('PATCH', '/api/v1/workspace/settings', {
      update: { emailToSlack: { domains: [{ name: 'mail.acme.com', smtp_password: null }] } },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.features.emailToSlack.domains[0].smtp_password).toBeNull();
  });

  it('refuses {"set": true} when no secret is stored', async () => {
    const res = await t.api('PATCH', '/api/v1/workspace/settings', {
      update: {
        emailToSlack: { domains: [{ name: 'mail.acme.com', smtp_password: { set: true } }] },
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.detail[0].type).toBe('secret_not_set');
    const doc = await t.db.collection('workspaces').findOne({ _id: t.teamId as never });
    const stored = doc?.settings.overrides.find((o: { key: string }) => o.key === DOMAINS);
    expect(stored.value[0].smtp_password).toBeNull();
  });
});
