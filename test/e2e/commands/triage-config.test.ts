import { SUBCOMMANDS } from '../../../src/commands/usage.js';
import { startTestBot, type TestBot } from '../../support/bot.js';
import { ADMIN, channelOverrides, seedWorkspace, slackEscaped, stored, triage } from './support.js';

const SLA = 'requests.support.response_sla.sla';
const GROUPING = 'requests.config.conversation_grouping_window';

describe('/triage help and config', () => {
  let t: TestBot;

  beforeAll(async () => {
    t = await startTestBot();
    seedWorkspace(t);
    await triage(t, ADMIN, 'C0ACME', 'setup customer <#C0TRIAGE|support-triage>');
    const account = await t.api('POST', '/api/v1/accounts', { name: 'Acme', channels: ['C0ACME'] });
    expect(account.status).toBe(201);
    const patched = await t.api('PATCH', `/api/v1/accounts/${account.body.id}/settings`, {
      update: { requests: { config: { send_feedback: true } } },
    });
    expect(patched.status).toBe(200);
    const workspace = await t.api('PATCH', '/api/v1/workspace/settings', {
      update: { requests: { support: { response_sla: { sla: 240 } } } },
      lock: [SLA],
    });
    expect(workspace.status).toBe(200);
  });
  afterAll(() => t.stop());

  it('lists every subcommand with a description and an example', async () => {
    for (const text of ['', 'help']) {
      const reply = await triage(t, ADMIN, 'C0ACME', text);
      for (const sub of Object.values(SUBCOMMANDS)) {
        expect(reply.text).toContain(slackEscaped(sub.usage));
        expect(reply.text).toContain(slackEscaped(sub.description));
        expect(reply.text).toContain(slackEscaped(sub.example));
      }
    }
  });

  it('answers an unknown subcommand with the help', async () => {
    const reply = await triage(t, ADMIN, 'C0ACME', 'frobnicate');
    expect(reply.text).toContain('`frobnicate` is not a /triage command');
    expect(reply.text).toContain('/triage config set &lt;key&gt; &lt;value&gt;');
  });

  it('shows the settings that differ from the defaults, with where each comes from', async () => {
    await triage(t, ADMIN, 'C0ACME', `config set ${GROUPING} 15`);
    await triage(t, ADMIN, 'C0ACME', 'config set hidePrivateChannelMetadata false');

    const { text, ephemeral } = await triage(t, ADMIN, 'C0ACME', 'config');
    expect(text).toContain(
      '*Settings of <#C0ACME>* (customer channel · requests go to <#C0TRIAGE>)',
    );
    const lines = [
      `\`${SLA}\` = \`240\` (set at workspace Simulated Inc, 🔒 locked at workspace Simulated Inc)`,
      '`requests.config.send_feedback` = `true` (set at account Acme)',
      `\`${GROUPING}\` = \`15\` (set at channel #ext-acme)`,
      '`hidePrivateChannelMetadata` = `false` (set at channel #ext-acme)',
    ];
    for (const line of lines) expect(text).toContain(line);
    // requests.* first, then the rest.
    expect(text.indexOf(lines[3] as string)).toBeGreaterThan(text.indexOf(lines[2] as string));
    expect(text).toContain('134 of 138 settings are at their defaults');
    expect(text).toContain('`/triage config requests.config`');
    expect(text).not.toContain('requests.config.feedback_rating');
    expect(ephemeral.via).toBe('response_url');
  });

  it('filters by prefix, defaults included, within Slack’s limits', async () => {
    let reply = await triage(t, ADMIN, 'C0ACME', 'config features.requests.config.feedback');
    expect(reply.text).toContain('`requests.config.feedback_rating` = `"2_POINTS"` (default)');
    expect(reply.text).toContain('2 settings under `requests.config.feedback`');
    expect(reply.text).not.toContain('send_feedback');

    reply = await triage(t, ADMIN, 'C0ACME', 'config requests');
    expect(reply.text).toContain('91 settings under `requests`');
    const blocks = reply.ephemeral.blocks ?? [];
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const block of blocks) {
      expect(JSON.stringify(block).length).toBeLessThan(3200);
    }

    reply = await triage(t, ADMIN, 'C0ACME', 'config nope.nothing');
    expect(reply.text).toContain('No setting starts with `nope.nothing`');
  });

  it('sets booleans, numbers, text with spaces and JSON at channel level', async () => {
    const cases: [string, string, unknown][] = [
      ['requests.config.send_feedback_as_ephemeral', 'true', true],
      ['requests.config.close_nudge_duration_in_minutes', '90', 90],
      [
        'requests.config.welcome_message',
        'Hello there,   welcome to Acme & co support!',
        'Hello there,   welcome to Acme & co support!',
      ],
      ['requests.config.white_listed_bots', '["B0ZAPIER", "B0JIRA"]', ['B0ZAPIER', 'B0JIRA']],
      [
        'requests.automations.makeThenaBotAutoJoinChannels.conditions',
        '[{"condition":"starts_with","value":"ext-"}]',
        [{ condition: 'starts_with', value: 'ext-' }],
      ],
    ];
    for (const [key, typed, value] of cases) {
      // Slack escapes &, < and > in command text.
      const reply = await triage(t, ADMIN, 'C0ACME', `config set ${key} ${slackEscaped(typed)}`);
      expect(reply.text).toContain(':white_check_mark: Saved for <#C0ACME>:');
      expect(reply.text).toContain(`\`${key}\` = \``);
      expect(reply.text).toContain('(set at channel #ext-acme)');
      expect((await channelOverrides(t, 'C0ACME'))[key]).toEqual(value);
    }
    const res = await t.api('GET', '/api/v1/channels/C0ACME/settings');
    expect(res.body.data[0].features.requests.config.welcome_message).toBe(cases[2]?.[2]);
  });

  it('resets a channel value so the inherited one shows through', async () => {
    await triage(t, ADMIN, 'C0ACME', `config set ${GROUPING} 30`);
    let reply = await triage(t, ADMIN, 'C0ACME', `config reset features.${GROUPING}`);
    expect(reply.text).toContain(`\`${GROUPING}\` = \`5\` (default)`);
    expect(await channelOverrides(t, 'C0ACME')).not.toHaveProperty(GROUPING);

    await triage(t, ADMIN, 'C0ACME', 'config set requests.config.send_feedback false');
    reply = await triage(t, ADMIN, 'C0ACME', 'config reset requests.config.send_feedback');
    expect(reply.text).toContain('`requests.config.send_feedback` = `true` (set at account Acme)');
  });

  it('locks a key for the workspace; a channel value is then refused with the API’s message', async () => {
    const key = 'requests.config.feedback_message';
    let reply = await triage(t, ADMIN, 'C0ACME', `config lock ${key}`);
    expect(reply.text).toContain(':lock: Locked for the whole workspace');
    let workspace = await t.db.collection('workspaces').findOne({ _id: t.teamId as never });
    expect(workspace?.settings.locks).toContain(key);

    const before = await stored(t);
    reply = await triage(t, ADMIN, 'C0ACME', `config set ${key} Rate us!`);
    expect(await stored(t)).toEqual(before);
    const api = await t.api('PATCH', '/api/v1/channels/C0ACME/settings', {
      update: { requests: { config: { feedback_message: 'Rate us!' } } },
    });
    expect(api.status).toBe(403);
    expect(api.body.message).toBe(`"${key}" is locked at workspace Simulated Inc`);
    expect(reply.text).toBe(`:lock: Nothing was changed: ${slackEscaped(api.body.message)}.`);

    reply = await triage(t, ADMIN, 'C0ACME', `config unlock ${key}`);
    expect(reply.text).toContain(':unlock: Unlocked');
    workspace = await t.db.collection('workspaces').findOne({ _id: t.teamId as never });
    expect(workspace?.settings.locks).not.toContain(key);
    reply = await triage(t, ADMIN, 'C0ACME', `config set ${key} Rate us!`);
    expect(reply.text).toContain(':white_check_mark: Saved');
    expect((await channelOverrides(t, 'C0ACME'))[key]).toBe('Rate us!');
  });
});
