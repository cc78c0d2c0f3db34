import type { ApiResponse, TestBot } from '../support/bot.js';
import { shownText } from '../e2e/commands/support.js';
import { dashboardClient, linkToken } from '../support/dashboard.js';
import { leaks, ownedBy, twoWorkspaces, type Tenant } from './tenancy-world.js';

describe('tenancy: a workspace sees and changes only its own data', () => {
  let t: TestBot;
  let tenants: Record<'alpha' | 'bravo', Tenant>;
  const probes = { api: 0, commands: 0 };

  beforeAll(async () => {
    ({ t, tenants } = await twoWorkspaces());
  });
  afterAll(async () => {
    await t.stop();
    // Figures for the README's reliability section.
    console.log(
      `tenancy: ${probes.api} API calls and ${probes.commands} slash commands across workspaces`,
    );
  });

  it('control: each workspace does see its own data, so the leak checks can fail', async () => {
    for (const own of Object.values(tenants)) {
      const res = await t.api(
        'GET',
        `/api/v1/channels/${own.channel}/settings?explain=true`,
        undefined,
        own.token,
      );
      expect(leaks(own, res.text)).toEqual(
        expect.arrayContaining([
          `${own.label.toUpperCase()}-SECRET-CHANNEL`,
          `${own.label} account`,
        ]),
      );
      const before = t.sim.ephemerals(own.channel, own.admin).length;
      await own.driver.command({
        text: 'config requests.config',
        user_id: own.admin,
        channel_id: own.channel,
      });
      const reply = await t.sim.waitFor(() => t.sim.ephemerals(own.channel, own.admin)[before]);
      expect(leaks(own, shownText(reply))).toContain(`${own.label.toUpperCase()}-SECRET-CHANNEL`);
    }
  });

  const pairs = [
    ['alpha', 'bravo'],
    ['bravo', 'alpha'],
  ] as const;

  describe.each(pairs)('%s’s token against %s’s resources', (attackerLabel, victimLabel) => {
    const attacker = () => tenants[attackerLabel];
    const victim = () => tenants[victimLabel];
    const call = async (method: string, path: string, body?: unknown): Promise<ApiResponse> => {
      probes.api += 1;
      return t.api(method, path, body, attacker().token);
    };
    /** Each attempt answers 404 `not_found`, as for an unknown id, showing nothing but `asked`. */
    const allNotFound = async (
      v: Tenant,
      attempts: [string, string, unknown?][],
      asked: string,
    ) => {
      for (const [method, target, body] of attempts) {
        const res = await call(method, target, body);
        expect([method, target, res.status, res.body?.error]).toEqual([
          method,
          target,
          404,
          'not_found',
        ]);
        expect([method, leaks(v, res.text, [asked])]).toEqual([method, []]);
      }
    };

    it('is refused with 403 on every id of the other workspace, and nothing of it changes', async () => {
      const v = victim();
      const before = await ownedBy(t, v.teamId);
      const feedback = { update: { requests: { config: { send_feedback: true } } } };
      const attempts: [string, string, unknown?][] = [
        ['GET', `/api/v1/accounts/${v.accountId}`],
        ['PATCH', `/api/v1/accounts/${v.accountId}`, { crm: null }],
        ['GET', `/api/v1/accounts/${v.accountId}/settings`],
        ['GET', `/api/v1/accounts/${v.accountId}/settings?explain=true`],
        ['PATCH', `/api/v1/accounts/${v.accountId}/settings`, feedback],
        ['PATCH', `/api/v1/accounts/${v.accountId}/settings`, { lock: ['requests.config'] }],
        [
          'PATCH',
          `/api/v1/accounts/${v.accountId}/settings`,
          { reset: ['requests.config.message_for_auto_respond_to_requests'] },
        ],
        ['GET', `/api/v1/channels/${v.channel}`],
        ['GET', `/api/v1/channels/${v.triage}`],
        ['GET', `/api/v1/channels/${v.channel}/settings`],
        ['GET', `/api/v1/channels/${v.channel}/settings?explain=true`],
        ['PATCH', `/api/v1/channels/${v.channel}/settings`, feedback],
        [
          'PATCH',
          `/api/v1/channels/${v.channel}/settings`,
          { reset: ['requests.config.welcome_message'] },
        ],
        ['PATCH', `/api/v1/channels/${v.triage}/settings`, feedback],
        ['PUT', `/api/v1/channels/${v.channel}`, { assignment_mode: 'csm' }],
        ['PUT', `/api/v1/channels/${v.channel}`, { channel_type: 'internal' }],
        ['PUT', `/api/v1/channels/${v.channel}`, { triage_channel_id: attacker().triage }],
        ['PUT', `/api/v1/channels/${v.channel}`, { csm_user_id: attacker().admin }],
        ['PUT', `/api/v1/channels/${v.channel}`, { business_hours: null }],
        ['PUT', `/api/v1/channels/${v.triage}`, { channel_type: 'customer' }],
        ['POST', '/api/v1/accounts', { name: 'Takeover', channels: [v.channel] }],
        ['GET', `/api/v1/custom_attribute_definitions/${v.fieldId}`],
        [
          'PATCH',
          `/api/v1/custom_attribute_definitions/${v.fieldId}`,
          { attribute_display_name: 'Taken over' },
        ],
        ['DELETE', `/api/v1/custom_attribute_definitions/${v.fieldId}`],
      ];
      for (const [method, path, body] of attempts) {
        const res = await call(method, path, body);
        const asked = [v.accountId, v.channel, v.triage, v.fieldId].filter(
          (id) => path.includes(id) || JSON.stringify(body ?? '').includes(id),
        );
        expect([method, path, res.status, res.body?.error]).toEqual([
          method,
          path,
          403,
          'forbidden',
        ]);
        expect([method, path, leaks(v, res.text, asked)]).toEqual([method, path, []]);
      }
      expect(await ownedBy(t, v.teamId)).toEqual(before);
    });

    it('is answered 404 on the other workspace’s conversations, as if they did not exist, and nothing changes', async () => {
      const v = victim();
      const before = await ownedBy(t, v.teamId);
      const writes: unknown[] = [
        { custom_attributes: { [v.fieldKey]: `${v.label.toUpperCase()}-SECRET-OPTION` } },
        { custom_attributes: { [v.fieldKey]: null } },
        { custom_attributes: { [attacker().fieldKey]: `${attacker().label}-option` } },
      ];
      for (const body of writes) {
        const path = `/api/v1/conversations/${v.requestId}/custom_attributes`;
        const res = await call('POST', path, body);
        expect([path, res.status, res.body?.error]).toEqual([path, 404, 'not_found']);
        expect([path, leaks(v, res.text, [v.requestId])]).toEqual([path, []]);
      }
      const conversation = `/api/v1/conversations/${v.requestId}`;
      const others: [string, string, unknown?][] = [
        ['GET', conversation],
        ['GET', `${conversation}/labels`],
        ['POST', `${conversation}/labels`, { labels: [] }],
        ['POST', `${conversation}/toggle_status`, { status: 'resolved' }],
        ['POST', `${conversation}/toggle_priority`, { priority: 'urgent' }],
        ['POST', `${conversation}/assignments`, { assignee_id: 'U0ATTACKER' }],
      ];
      for (const [method, path, body] of others) {
        const res = await call(method, path, body);
        expect([method, path, res.status]).toEqual([method, path, 404]);
        expect([path, leaks(v, res.text, [v.requestId])]).toEqual([path, []]);
      }
      const a = attacker();
      const reads: [string, string, unknown?][] = [
        ['GET', conversation],
        ['GET', `${conversation}/messages`],
        ['GET', `${conversation}/messages?before=${v.messageId}`],
        ['POST', `${conversation}/messages`, { content: 'Taken over' }],
        ['POST', `${conversation}/messages`, { content: 'Taken over', private: true }],
        // Its own conversation, paged from the other's message.
        ['GET', `/api/v1/conversations/${a.requestId}/messages?before=${v.messageId}`],
      ];
      for (const [method, path, body] of reads) {
        const res = await call(method, path, body);
        expect([path, res.status, res.body?.error]).toEqual([path, 404, 'not_found']);
        const asked = [v.requestId, v.messageId].filter((id) => path.includes(id));
        expect([path, leaks(v, res.text, asked)]).toEqual([path, []]);
      }
      // A search for the other's words finds none of its conversations.
      for (const q of [`${v.label}-SECRET-REPLY`, 'zebras', `${v.label}-SECRET-QUESTION`]) {
        const res = await call('GET', `/api/v1/conversations?status=all&q=${q}`);
        expect(res.status).toBe(200);
        expect(leaks(v, res.text)).toEqual([]);
      }
      expect(await ownedBy(t, v.teamId)).toEqual(before);
      // Control: the same write on its own conversation is taken.
      const own = await call('POST', `/api/v1/conversations/${a.requestId}/custom_attributes`, {
        custom_attributes: { [a.fieldKey]: `${a.label.toUpperCase()}-SECRET-OPTION` },
      });
      expect(own.status).toBe(200);
      const ownMessages = await call('GET', `/api/v1/conversations/${a.requestId}/messages`);
      expect(ownMessages.body.payload.map((m: { id: string }) => m.id)).toEqual([
        a.requestId,
        a.messageId,
      ]);
      const found = await call('GET', '/api/v1/conversations?status=all&q=zebras');
      expect(found.body.data.payload.map((c: { id: string }) => c.id)).toEqual([a.requestId]);
    });

    it('gets 404 for every contact id of the other workspace (as for an unknown id), finds none of its contacts, and nothing of it changes', async () => {
      const v = victim();
      const a = attacker();
      const before = await ownedBy(t, v.teamId);
      const path = `/api/v1/contacts/${v.contactId}`;
      const attempts: [string, string, unknown?][] = [
        ['GET', path],
        ['PUT', path, { name: 'Taken over' }],
        ['PATCH', path, { email: 'taken@over.example' }],
        ['GET', `${path}/conversations`],
      ];
      await allNotFound(v, attempts, v.contactId);
      for (const q of [`${v.label}-customer`, v.customer]) {
        const res = await call('GET', `/api/v1/contacts/search?q=${q}`);
        expect([q, res.status, res.body.payload]).toEqual([q, 200, []]);
      }
      expect(await ownedBy(t, v.teamId)).toEqual(before);
      // Control: its own customer is found the same way.
      const own = await call('GET', `/api/v1/contacts/search?q=${a.customer}`);
      expect(own.body.payload.map((c: { id: string }) => c.id)).toEqual([a.contactId]);
    });

    it('gets 404 for every canned response id of the other workspace (as for an unknown id), and nothing of it changes', async () => {
      const v = victim();
      const before = await ownedBy(t, v.teamId);
      const path = `/api/v1/canned_responses/${v.cannedId}`;
      const attempts: [string, unknown?][] = [
        ['PATCH', { content: 'Taken over' }],
        ['PUT', { short_code: 'taken-over' }],
        ['DELETE'],
      ];
      for (const [method, body] of attempts) {
        const res = await call(method, path, body);
        expect([method, res.status, res.body?.error]).toEqual([method, 404, 'not_found']);
        expect([method, leaks(v, res.text, [v.cannedId])]).toEqual([method, []]);
      }
      // Its own short code may be the same as the other workspace's: codes are per workspace.
      const same = await call('POST', '/api/v1/canned_responses', {
        short_code: `${victimLabel}-secret`,
        content: 'Mine',
      });
      expect(same.status).toBe(201);
      expect(await ownedBy(t, v.teamId)).toEqual(before);
      expect((await call('DELETE', `/api/v1/canned_responses/${same.body.id}`)).status).toBe(204);
    });

    it('gets 404 for every portal and article id of the other workspace, and nothing of it changes', async () => {
      const v = victim();
      const a = attacker();
      const before = await ownedBy(t, v.teamId);
      const portal = `/api/v1/portals/${v.portalId}`;
      const article = `${portal}/articles/${v.articleId}`;
      const attempts: [string, string, unknown?][] = [
        ['GET', portal],
        ['PATCH', portal, { name: 'Taken over' }],
        ['PUT', portal, { archived: true }],
        ['DELETE', portal],
        ['POST', `${portal}/crawl`, {}],
        ['GET', `${portal}/articles`],
        ['POST', `${portal}/articles`, { title: 'Planted', content: 'Planted' }],
        ['GET', article],
        ['PATCH', article, { content: 'Taken over' }],
        ['PUT', article, { status: 'draft' }],
        ['DELETE', article],
        // Its own portal with the other's article id.
        ['GET', `/api/v1/portals/${a.portalId}/articles/${v.articleId}`],
        ['DELETE', `/api/v1/portals/${a.portalId}/articles/${v.articleId}`],
      ];
      for (const [method, path, body] of attempts) {
        const res = await call(method, path, body);
        expect([method, path, res.status, res.body?.error]).toEqual([
          method,
          path,
          404,
          'not_found',
        ]);
        expect([method, leaks(v, res.text, [v.portalId, v.articleId])]).toEqual([method, []]);
      }
      expect(await ownedBy(t, v.teamId)).toEqual(before);
    });

    it('gets 404 for every team id of the other workspace and for its agents, and nothing of it changes', async () => {
      const v = victim();
      const before = await ownedBy(t, v.teamId);
      const one = `/api/v1/teams/${v.deskTeamId}`;
      const members = `${one}/team_members`;
      const attempts: [string, string, unknown?][] = [
        ['GET', one],
        ['PATCH', one, { name: 'Taken over' }],
        ['PUT', one, { allow_auto_assign: false }],
        ['DELETE', one],
        ['GET', members],
        ['POST', members, { user_ids: [attacker().admin] }],
        ['PATCH', members, { user_ids: [attacker().admin] }],
        ['DELETE', members, { user_ids: [v.admin] }],
        ['PATCH', `/api/v1/agents/${v.admin}`, { availability: 'offline' }],
      ];
      for (const [method, path, body] of attempts) {
        const res = await call(method, path, body);
        expect([method, path, res.status, res.body?.error]).toEqual([
          method,
          path,
          404,
          'not_found',
        ]);
        expect([method, leaks(v, res.text, [v.deskTeamId, v.admin])]).toEqual([method, []]);
      }
      // Routing its own channel to the other workspace's team is refused as an unknown team.
      const routed = await call('PUT', `/api/v1/channels/${attacker().channel}`, {
        assignment_mode: 'round_robin',
        team_id: v.deskTeamId,
      });
      expect([routed.status, routed.body.detail?.[0]?.loc]).toEqual([422, ['body', 'team_id']]);
      expect(await ownedBy(t, v.teamId)).toEqual(before);
    });

    it('gets 404 for reports on the other workspace’s channel, account, team and agent, and its own reports count only its requests', async () => {
      const v = victim();
      const before = await ownedBy(t, v.teamId);
      const now = Math.floor(Date.now() / 1000);
      const range = `since=${now - 86_400}&until=${now + 86_400}`;
      const subjects = [
        ['inbox', v.channel],
        ['channel', v.channel],
        ['account', v.accountId],
        ['team', v.deskTeamId],
        ['agent', v.admin],
      ];
      const attempts: [string, string][] = subjects.flatMap(([type, id]) => [
        ['GET', `/api/v1/reports?metric=conversations_count&type=${type}&id=${id}&${range}`],
        ['GET', `/api/v1/reports/summary?type=${type}&id=${id}&${range}`],
        ['GET', `/api/v1/reports/export.csv?type=${type}&id=${id}&${range}`],
      ]);
      attempts.push(['GET', `/api/v1/reports/conversations?type=agent&user_id=${v.admin}`]);
      await allNotFound(v, attempts, v.channel);
      const own = await call('GET', `/api/v1/reports/summary?${range}`);
      expect([own.status, own.body.conversations_count]).toEqual([200, 1]);
      const backlog = await call('GET', '/api/v1/reports/conversations?type=account');
      expect(backlog.body.open).toBe(1);
      const agents = await call('GET', '/api/v1/reports/conversations?type=agent');
      expect(agents.body.map((x: { id: string }) => x.id)).toEqual([attacker().admin]);
      expect([leaks(v, own.text), leaks(v, agents.text)]).toEqual([[], []]);
      expect(await ownedBy(t, v.teamId)).toEqual(before);
    });

    it('gets 404 for every webhook id of the other workspace (as for an unknown id), and nothing of it changes', async () => {
      const v = victim();
      const before = await ownedBy(t, v.teamId);
      const path = `/api/v1/webhooks/${v.webhookId}`;
      const attempts: [string, string, unknown?][] = [
        ['GET', path],
        ['PATCH', path, { url: 'http://127.0.0.1:9/taken-over' }],
        ['PUT', path, { subscriptions: ['conversation_created'] }],
        ['DELETE', path],
        ['GET', `${path}/deliveries`],
        ['POST', `${path}/deliveries/${v.webhookId}/redeliver`, {}],
      ];
      await allNotFound(v, attempts, v.webhookId);
      expect(await ownedBy(t, v.teamId)).toEqual(before);
    });

    it('gets 404 for every connector id of the other workspace (as for an unknown id), and nothing of it changes', async () => {
      const v = victim();
      const before = await ownedBy(t, v.teamId);
      const path = `/api/v1/connectors/${v.connectorId}`;
      const attempts: [string, string, unknown?][] = [
        ['GET', path],
        ['PATCH', path, { options: { agent_replies_public: true } }],
        ['PUT', path, { base_url: 'http://127.0.0.1:9/taken-over' }],
        ['DELETE', path],
      ];
      await allNotFound(v, attempts, v.connectorId);
      expect(await ownedBy(t, v.teamId)).toEqual(before);
    });

    it('gets 404 for every automation rule id of the other workspace, and nothing of it changes', async () => {
      const v = victim();
      const before = await ownedBy(t, v.teamId);
      const path = `/api/v1/automation_rules/${v.ruleId}`;
      const attempts: [string, string, unknown?][] = [
        ['GET', path],
        ['PATCH', path, { active: true }],
        ['PUT', path, { name: 'taken over' }],
        ['DELETE', path],
        ['GET', `${path}/runs`],
      ];
      await allNotFound(v, attempts, v.ruleId);
      expect(await ownedBy(t, v.teamId)).toEqual(before);
    });

    it('gets 404 for every saved filter id of the other workspace, and its filters run on its own requests only', async () => {
      const a = attacker();
      const v = victim();
      const before = await ownedBy(t, v.teamId);
      const path = `/api/v1/custom_filters/${v.filterId}`;
      const attempts: [string, string, unknown?][] = [
        ['GET', path],
        ['PATCH', path, { name: 'taken over' }],
        ['PUT', path, { name: 'taken over' }],
        ['DELETE', path],
      ];
      await allNotFound(v, attempts, v.filterId);
      // Both workspaces' questions are about invoices: only the caller's own one comes back.
      const invoices = {
        attribute_key: 'content',
        filter_operator: 'contains',
        values: ['invoices'],
      };
      const found = await call('POST', '/api/v1/conversations/filter', { payload: [invoices] });
      expect(found.body.data.payload.map((c: { id: string }) => c.id)).toEqual([a.requestId]);
      expect(leaks(v, found.text)).toEqual([]);
      const theirAccount = {
        ...invoices,
        attribute_key: 'account_id',
        filter_operator: 'equal_to',
        values: [v.accountId],
      };
      const none = await call('POST', '/api/v1/conversations/filter', { payload: [theirAccount] });
      expect(none.body.data.payload).toEqual([]);
      expect(leaks(v, none.text, [v.accountId])).toEqual([]);
      expect(await ownedBy(t, v.teamId)).toEqual(before);
    });

    it('gets 404 for the other workspace’s e-mail domain and mapping, cannot map its address or point at its channel, and nothing of it changes', async () => {
      const a = attacker();
      const v = victim();
      const before = await ownedBy(t, v.teamId);
      const domain = `/api/v1/email/domains/${v.emailDomain}`;
      const mapping = `/api/v1/email/mappings/${v.emailMapping}`;
      await allNotFound(
        v,
        [
          ['GET', domain],
          ['PATCH', domain, { require_tls: true }],
          ['DELETE', domain],
        ],
        v.emailDomain,
      );
      // The address asked for names the domain too: both may be echoed.
      for (const [method, body] of [['GET'], ['PATCH', { channelId: a.channel }], ['DELETE']]) {
        const res = await call(method as string, mapping, body);
        expect([method, res.status, res.body?.error]).toEqual([method, 404, 'not_found']);
        expect(leaks(v, res.text, [v.emailMapping, v.emailDomain])).toEqual([]);
      }
      const taken = await call('POST', '/api/v1/email/mappings', {
        email: v.emailMapping,
        channelId: a.channel,
        name: 'hijack',
      });
      expect([taken.status, taken.body.detail?.[0]?.loc]).toEqual([422, ['body', 'email']]);
      const theirChannel = await call('POST', '/api/v1/email/mappings', {
        email: `new@${a.emailDomain}`,
        channelId: v.channel,
        name: 'hijack',
      });
      expect([theirChannel.status, theirChannel.body.detail?.[0]?.loc]).toEqual([
        422,
        ['body', 'channelId'],
      ]);
      const asked = [v.emailMapping, v.emailDomain, v.channel];
      expect(leaks(v, taken.text + theirChannel.text, asked)).toEqual([]);
      expect(await ownedBy(t, v.teamId)).toEqual(before);
    });

    it('lists and reads only its own workspace', async () => {
      const a = attacker();
      const v = victim();
      const reads = [
        '/api/v1/accounts',
        '/api/v1/channels',
        '/api/v1/workspace/settings',
        '/api/v1/workspace/settings?explain=true',
        `/api/v1/accounts/${a.accountId}`,
        `/api/v1/accounts/${a.accountId}/settings?explain=true`,
        `/api/v1/channels/${a.channel}`,
        `/api/v1/channels/${a.channel}/settings?explain=true`,
        '/api/v1/custom_attribute_definitions',
        `/api/v1/custom_attribute_definitions/${a.fieldId}`,
        '/api/v1/canned_responses',
        '/api/v1/canned_responses?search=secret',
        '/api/v1/portals',
        `/api/v1/portals/${a.portalId}`,
        `/api/v1/portals/${a.portalId}/articles`,
        `/api/v1/portals/${a.portalId}/articles/${a.articleId}`,
        '/api/v1/conversations?status=all',
        `/api/v1/conversations?status=all&channel_id=${v.channel}`,
        `/api/v1/conversations/${a.requestId}`,
        '/api/v1/contacts',
        '/api/v1/contacts/search?q=customer',
        `/api/v1/contacts/${a.contactId}`,
        `/api/v1/contacts/${a.contactId}/conversations`,
        '/api/v1/teams',
        `/api/v1/teams/${a.deskTeamId}`,
        `/api/v1/teams/${a.deskTeamId}/team_members`,
        '/api/v1/agents',
        '/api/v1/webhooks',
        `/api/v1/webhooks/${a.webhookId}`,
        `/api/v1/webhooks/${a.webhookId}/deliveries`,
        '/api/v1/connectors',
        `/api/v1/connectors/${a.connectorId}`,
        '/api/v1/automation_rules',
        `/api/v1/automation_rules/${a.ruleId}`,
        `/api/v1/automation_rules/${a.ruleId}/runs`,
        '/api/v1/custom_filters',
        `/api/v1/custom_filters/${a.filterId}`,
        '/api/v1/email/domains',
        '/api/v1/email/mappings',
        `/api/v1/email/domains/${a.emailDomain}`,
        `/api/v1/email/mappings/${a.emailMapping}`,
      ];
      for (const path of reads) {
        const res = await call('GET', path);
        expect([path, res.status]).toEqual([path, 200]);
        expect([path, leaks(v, res.text)]).toEqual([path, []]);
      }
      const accounts = await call('GET', '/api/v1/accounts');
      expect(accounts.body.map((acc: { id: string }) => acc.id)).toEqual([a.accountId]);
      const channels = await call('GET', '/api/v1/channels');
      expect(channels.body.map((ch: { id: string }) => ch.id).sort()).toEqual(
        [a.channel, a.triage].sort(),
      );
      const fields = await call('GET', '/api/v1/custom_attribute_definitions');
      expect(fields.body.map((f: { id: string }) => f.id)).toEqual([a.fieldId]);
      const canned = await call('GET', '/api/v1/canned_responses?search=SECRET');
      expect(canned.body.map((c: { id: string }) => c.id)).toEqual([a.cannedId]);
      const portals = await call('GET', '/api/v1/portals');
      expect(portals.body.map((p: { id: string }) => p.id)).toEqual([a.portalId]);
      const conversations = await call('GET', '/api/v1/conversations?status=all');
      expect(conversations.body.data.payload.map((c: { id: string }) => c.id)).toEqual([
        a.requestId,
      ]);
      const contacts = await call('GET', '/api/v1/contacts');
      expect(contacts.body.payload.map((c: { id: string }) => c.id)).toEqual([a.contactId]);
      const teams = await call('GET', '/api/v1/teams');
      expect(teams.body.map((x: { id: string }) => x.id)).toEqual([a.deskTeamId]);
      const agents = await call('GET', '/api/v1/agents');
      expect(agents.body.map((x: { id: string }) => x.id)).toEqual([a.admin]);
      const webhooks = await call('GET', '/api/v1/webhooks');
      expect(webhooks.body.map((w: { id: string }) => w.id)).toEqual([a.webhookId]);
      const connectors = await call('GET', '/api/v1/connectors');
      expect(connectors.body.map((c: { id: string }) => c.id)).toEqual([a.connectorId]);
      const rules = await call('GET', '/api/v1/automation_rules');
      expect(rules.body.map((r: { id: string }) => r.id)).toEqual([a.ruleId]);
      const filters = await call('GET', '/api/v1/custom_filters');
      expect(filters.body.map((f: { id: string }) => f.id)).toEqual([a.filterId]);
      const workspace = await call('GET', '/api/v1/workspace/settings');
      expect(workspace.body.data.team_id).toBe(a.teamId);
      const domains = await call('GET', '/api/v1/email/domains');
      expect(domains.body.payload.map((d: { name: string }) => d.name)).toEqual([a.emailDomain]);
      const mappings = await call('GET', '/api/v1/email/mappings');
      expect(mappings.body.payload.map((m: { email: string }) => m.email)).toEqual([
        a.emailMapping,
      ]);
    });

    it('changes only its own workspace when it writes its workspace settings', async () => {
      const v = victim();
      const before = await ownedBy(t, v.teamId);
      const res = await call('PATCH', '/api/v1/workspace/settings', {
        update: { requests: { config: { send_feedback: true } } },
        lock: ['requests.config.send_feedback'],
      });
      expect(res.status).toBe(200);
      expect(leaks(v, res.text)).toEqual([]);
      expect(await ownedBy(t, v.teamId)).toEqual(before);
      const undo = await call('PATCH', '/api/v1/workspace/settings', {
        reset: ['requests.config.send_feedback'],
        unlock: ['requests.config.send_feedback'],
      });
      expect(undo.status).toBe(200);
    });
  });

  describe.each(pairs)(
    '%s’s admin running /triage in %s’s channel',
    (attackerLabel, victimLabel) => {
      const attacker = () => tenants[attackerLabel];
      const victim = () => tenants[victimLabel];

      /** Runs `/triage <text>` as the attacker's admin in `channel`; the ephemeral it answered with. */
      async function run(channel: string, text: string): Promise<string> {
        probes.commands += 1;
        const a = attacker();
        const before = t.sim.ephemerals(channel, a.admin).length;
        const res = await a.driver.command({ text, user_id: a.admin, channel_id: channel });
        expect(res.status).toBe(200);
        const ephemeral = await t.sim.waitFor(() => t.sim.ephemerals(channel, a.admin)[before], {
          what: `the reply to /triage ${text}`,
        });
        return shownText(ephemeral);
      }

      it.each([
        ['config'],
        ['config requests.config'],
        ['requests'],
        ['config set requests.config.welcome_message "taken over"'],
        ['config set requests.config.send_feedback true'],
        ['config reset requests.config.welcome_message'],
        ['config reset requests'],
        ['config lock requests.config.welcome_message'],
        ['config unlock requests.config.welcome_message'],
        ['fields'],
        ['fields add "Takeover" text'],
        ['fields remove alpha_secret_field'],
        ['fields remove bravo_secret_field'],
        ['reply'],
        ['reply alpha-secret 0123456789abcdef01234567'],
        ['reply bravo-secret 0123456789abcdef01234567'],
      ])('`/triage %s` neither shows nor changes anything of the other workspace', async (text) => {
        const v = victim();
        for (const channel of [v.channel, v.triage]) {
          const before = await ownedBy(t, v.teamId);
          const reply = await run(channel, text);
          expect([text, channel, leaks(v, reply, [channel])]).toEqual([text, channel, []]);
          expect(await ownedBy(t, v.teamId)).toEqual(before);
        }
      });

      it('`/triage token` in the other workspace’s channel makes a token of its own workspace only', async () => {
        const v = victim();
        const before = await ownedBy(t, v.teamId);
        const reply = await run(v.channel, 'token');
        const token = /```(tbt_[\w-]+)```/.exec(reply)?.[1] as string;
        expect(token).toBeDefined();
        expect(await ownedBy(t, v.teamId)).toEqual(before);
        const res = await t.api('GET', `/api/v1/channels/${v.channel}/settings`, undefined, token);
        expect(res.status).toBe(403);
        const mine = await t.api('GET', '/api/v1/workspace/settings', undefined, token);
        expect(mine.body.data.team_id).toBe(attacker().teamId);
      });

      it('`/triage dashboard` in the other workspace’s channel signs in to its own workspace only', async () => {
        const a = attacker();
        const v = victim();
        const before = await ownedBy(t, v.teamId);
        const session = await dashboardClient(
          t.bot.url,
          linkToken(await run(v.channel, 'dashboard')),
        );
        const reads = [
          '/app/api/conversations?status=all',
          `/app/api/conversations?status=all&channel_id=${v.channel}`,
          `/app/api/conversations/${a.requestId}`,
          '/app/api/settings',
          '/app/api/overview',
          '/app',
          '/app/requests?status=all',
          '/app/settings',
        ];
        for (const path of reads) {
          const res = await session.get(path);
          expect([path, res.status, leaks(v, res.text)]).toEqual([path, 200, []]);
        }
        const list = await session.get('/app/api/conversations?status=all');
        expect(list.body.data.payload.map((c: { id: string }) => c.id)).toEqual([a.requestId]);
        expect((await session.get('/app/api/settings')).body.team_id).toBe(a.teamId);
        const other = await session.get(`/app/api/conversations/${v.requestId}`);
        expect([other.status, other.body.error, leaks(v, other.text, [v.requestId])]).toEqual([
          404,
          'not_found',
          [],
        ]);
        // The other workspace's channel: refused as in the API (403 or 404), its settings unseen.
        for (const attempt of [
          session.get(`/app/api/settings?channel_id=${v.channel}`),
          session.post(`/app/api/settings?channel_id=${v.channel}`, { reset: ['requests'] }),
        ]) {
          const res = await attempt;
          expect([403, 404]).toContain(res.status);
          expect(leaks(v, res.text, [v.channel])).toEqual([]);
        }
        const write = await session.post('/app/api/settings', {
          update: { requests: { config: { send_feedback: true } } },
        });
        expect(write.status).toBe(200);
        expect(await ownedBy(t, v.teamId)).toEqual(before);
        await session.post('/app/api/settings', { reset: ['requests.config.send_feedback'] });
      });

      it('`/triage setup customer` in the other workspace’s channel (a shared channel) leaves that workspace’s channel as it was', async () => {
        const v = victim();
        const before = await ownedBy(t, v.teamId);
        await run(v.channel, `setup customer <#${attacker().triage}|${attacker().label}-triage>`);
        expect(await ownedBy(t, v.teamId)).toEqual(before);
        // The attacker's own view of that channel: its own defaults, none of the victim's values.
        for (const text of ['config requests.config', 'requests']) {
          const reply = await run(v.channel, text);
          expect([text, leaks(v, reply, [v.channel, v.customer])]).toEqual([text, []]);
        }
        // Undo: the attacker's own document of the shared channel, which later tests do not expect.
        await t.db
          .collection('channels')
          .deleteOne({ teamId: attacker().teamId, channelId: v.channel });
      });
    },
  );
});
