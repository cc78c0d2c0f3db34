import type { RequestStatus } from '../../../src/requests/request.js';
import { hashToken } from '../../../src/db/repositories/api-tokens.js';
import { startTestBot, type TestBot } from '../../support/bot.js';
import {
  ADMIN,
  AGENT,
  CUSTOMER,
  MEMBER,
  channelOverrides,
  seedWorkspace,
  triage,
} from './support.js';

const HOUR = 3_600_000;

describe('/triage requests and token', () => {
  let t: TestBot;

  beforeAll(async () => {
    t = await startTestBot();
    seedWorkspace(t);
    await triage(t, ADMIN, 'C0ACME', 'setup customer <#C0TRIAGE|support-triage>');
  });
  afterAll(() => t.stop());

  /** A request document as the request listeners would store it. */
  const request = (
    rootTs: string,
    status: RequestStatus,
    hoursAgo: number,
    extra: Record<string, unknown> = {},
  ) => {
    const createdAt = new Date(Date.now() - hoursAgo * HOUR - 5 * 60_000);
    return t.bot.deps.models.requests.create({
      teamId: t.teamId,
      channelId: 'C0ACME',
      rootTs,
      requesterId: CUSTOMER,
      text: 'help',
      status,
      createdAt,
      lastCustomerActivityAt: createdAt,
      ...extra,
    });
  };

  it('lists the open requests of the channel, newest first, with links', async () => {
    const old = t.sim.postAsUser('C0ACME', CUSTOMER, 'Our export is broken');
    const recent = t.sim.postAsUser('C0ACME', CUSTOMER, 'Cannot log in');
    await request(old.ts, 'open', 50);
    await request(recent.ts, 'in_progress', 3, { assigneeId: AGENT });
    await request('1700000000.000100', 'on_hold', 1); // its message is gone: the archive URL stands in
    await request('1700000000.000200', 'closed', 2);
    await request('1700000000.000300', 'open', 2, { channelId: 'C0OTHER' });

    const reply = await triage(t, MEMBER, 'C0ACME', 'requests');
    const lines = reply.text.split('\n');
    expect(lines[0]).toBe('*3 open requests in <#C0ACME>*, newest first:');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(
        /^:double_vertical_bar: \*on hold\* · from <@U0CUST> · unassigned · 1h old · <https:\/\/slack\.com\/archives\/C0ACME\/p1700000000000100\|view>$/,
      ),
      `:large_blue_circle: *in progress* · from <@U0CUST> · assigned to <@${AGENT}> · 3h old · <https://sim-workspace.slack.com/archives/C0ACME/p${recent.ts.replace('.', '')}|view>`,
      `:large_yellow_circle: *open* · from <@U0CUST> · unassigned · 2d old · <https://sim-workspace.slack.com/archives/C0ACME/p${old.ts.replace('.', '')}|view>`,
    ]);
  });

  it('shows severity and tags, filters by them in any case, and names a value the channel lacks', async () => {
    const res = await t.api('PATCH', '/api/v1/channels/C0ACME/settings', {
      update: {
        requests: {
          support: {
            severity: [
              { name: 'High', value: 'high' },
              { name: 'Low', value: 'low' },
            ],
            tags: [
              { name: 'Billing', value: 'billing' },
              { name: 'SSO', value: 'sso' },
            ],
          },
        },
      },
    });
    expect(res.status).toBe(200);
    await t.bot.deps.models.requests.deleteMany({ channelId: 'C0ACME' });
    await request('1700000001.000100', 'open', 1, { severity: 'high', tags: ['billing', 'sso'] });
    await request('1700000001.000200', 'open', 2, { severity: 'high', tags: ['sso'] });
    await request('1700000001.000300', 'open', 3, { severity: 'low', tags: ['billing'] });

    const all = (await triage(t, MEMBER, 'C0ACME', 'requests')).text.split('\n');
    expect(all[1]).toContain(' · unassigned · severity *High* · tags Billing, SSO · 1h old · ');
    expect(all).toHaveLength(4);

    const filtered = await triage(t, MEMBER, 'C0ACME', 'requests severity:HIGH tag:billing');
    const lines = filtered.text.split('\n');
    expect(lines[0]).toBe(
      '*1 open request in <#C0ACME>* matching severity High, tag Billing, newest first:',
    );
    expect(lines.slice(1)).toEqual([
      expect.stringContaining('severity *High* · tags Billing, SSO'),
    ]);
    expect((await triage(t, MEMBER, 'C0ACME', 'requests tag:SSO severity:low')).text).toBe(
      'No open requests in <#C0ACME> matching severity Low, tag SSO. :tada:',
    );

    expect((await triage(t, MEMBER, 'C0ACME', 'requests severity:urgent')).text).toBe(
      ':warning: Unknown severity "urgent" (one of: High, Low).',
    );
    expect((await triage(t, MEMBER, 'C0ACME', 'requests tag:refunds')).text).toBe(
      ':warning: Unknown tag "refunds" (one of: Billing, SSO).',
    );
  });

  it('creates an API token shown once, in an ephemeral, stored only as a hash', async () => {
    const reply = await triage(t, ADMIN, 'C0ACME', 'token');
    const token = /```(tbt_[\w-]+)```/.exec(reply.text)?.[1] as string;
    expect(token).toBeDefined();
    expect(reply.text).toContain(`curl -H "Authorization: Bearer ${token}"`);
    expect(reply.ephemeral.user).toBe(ADMIN);
    expect(t.sim.responses().at(-1)?.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(t.sim.messages('C0ACME'))).not.toContain(token);

    const docs = await t.db.collection('api_tokens').find({ createdBy: ADMIN }).toArray();
    const mine = docs.find((doc) => doc.hash === hashToken(token));
    expect(mine).toMatchObject({ teamId: t.teamId, revokedAt: null });
    expect(JSON.stringify(docs)).not.toContain(token);

    const res = await t.api('GET', '/api/v1/workspace/settings', undefined, token);
    expect(res.status).toBe(200);
    expect(res.body.data.team_id).toBe(t.teamId);
  });

  it("gives an agent an agent's token: it works requests' fields, not workspace configuration", async () => {
    const reply = await triage(t, MEMBER, 'C0ACME', 'token');
    const token = /```(tbt_[\w-]+)```/.exec(reply.text)?.[1] as string;
    expect(token).toBeDefined();
    expect(reply.text).toContain("It is an *agent's* token");
    const doc = await t.db.collection('api_tokens').findOne({ hash: hashToken(token) });
    expect(doc).toMatchObject({ role: 'agent', createdBy: MEMBER, name: 'max' });

    for (const path of ['/api/v1/workspace/settings', '/api/v1/channels', '/api/v1/accounts']) {
      const res = await t.api('GET', path, undefined, token);
      expect([path, res.status, res.body.error]).toEqual([path, 403, 'forbidden']);
    }
    const before = await channelOverrides(t, 'C0ACME');
    const write = await t.api(
      'PATCH',
      '/api/v1/channels/C0ACME/settings',
      { update: { requests: { config: { send_feedback: true } } } },
      token,
    );
    expect(write.status).toBe(403);
    expect(await channelOverrides(t, 'C0ACME')).toEqual(before);
    // Custom field definitions: an agent reads them, an admin defines them.
    expect(
      (await t.api('GET', '/api/v1/custom_attribute_definitions', undefined, token)).status,
    ).toBe(200);
    const define = await t.api(
      'POST',
      '/api/v1/custom_attribute_definitions',
      { attribute_display_name: 'Plan', attribute_display_type: 'text' },
      token,
    );
    expect(define.status).toBe(403);
    expect(await t.db.collection('custom_fields').countDocuments()).toBe(0);
  });

  it('gives no token to someone of a customer organisation, creating nothing', async () => {
    const before = await t.db.collection('api_tokens').countDocuments();
    const reply = await triage(t, CUSTOMER, 'C0ACME', 'token');
    expect(reply.text).toContain('API tokens are for the support team');
    expect(reply.text).not.toContain('tbt_');
    expect(await t.db.collection('api_tokens').countDocuments()).toBe(before);
  });
});
