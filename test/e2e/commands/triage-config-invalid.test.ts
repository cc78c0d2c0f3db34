import { startTestBot, type TestBot } from '../../support/bot.js';
import { ADMIN, seedWorkspace, slackEscaped, stored, triage } from './support.js';

const GROUPING = 'requests.config.conversation_grouping_window';

describe('/triage config with bad input', () => {
  let t: TestBot;

  beforeAll(async () => {
    t = await startTestBot();
    seedWorkspace(t);
    await triage(t, ADMIN, 'C0ACME', 'setup customer <#C0TRIAGE|support-triage>');
  });
  afterAll(() => t.stop());

  describe('refuses invalid keys and values with the HTTP API’s messages, writing nothing', () => {
    const channelApi = '/api/v1/channels/C0ACME/settings';
    const config = (fields: Record<string, unknown>) => ({
      update: { requests: { config: fields } },
    });
    const cases: [string, string, string, unknown][] = [
      [
        'an unknown key',
        'config set requests.config.bogus true',
        channelApi,
        config({ bogus: true }),
      ],
      [
        'a wrong type',
        'config set requests.config.send_feedback yes',
        channelApi,
        config({ send_feedback: 'yes' }),
      ],
      [
        'negative minutes',
        'config set requests.config.auto_close_duration_in_minutes -5',
        channelApi,
        config({ auto_close_duration_in_minutes: -5 }),
      ],
      [
        'too many minutes (the message has a <)',
        'config set requests.config.auto_close_duration_in_minutes 999999999',
        channelApi,
        config({ auto_close_duration_in_minutes: 999999999 }),
      ],
      [
        'a bad bot id in a list',
        'config set requests.config.white_listed_bots ["not-a-bot"]',
        channelApi,
        config({ white_listed_bots: ['not-a-bot'] }),
      ],
      [
        'a group given a scalar',
        'config set requests.config 3',
        channelApi,
        { update: { requests: { config: 3 } } },
      ],
      ['a bad reset key', 'config reset requests.nope', channelApi, { reset: ['requests.nope'] }],
      [
        'a bad lock key',
        'config lock requests.nope',
        '/api/v1/workspace/settings',
        { lock: ['requests.nope'] },
      ],
    ];

    it.each(cases)('%s', async (_name, text, path, body) => {
      const before = await stored(t);
      const reply = await triage(t, ADMIN, 'C0ACME', text);
      expect(await stored(t)).toEqual(before);
      const api = await t.api('PATCH', path, body);
      expect(api.status).toBe(422);
      expect(reply.text).toContain(':warning: Nothing was changed:');
      for (const { loc, msg } of api.body.detail as { loc: string[]; msg: string }[]) {
        expect(reply.text).toContain(`• \`${loc.join('.')}\`: ${slackEscaped(msg)}`);
      }
      expect(await stored(t)).toEqual(before);
    });

    it('suggests quotes when text was given as a number', async () => {
      const reply = await triage(
        t,
        ADMIN,
        'C0ACME',
        'config set requests.config.welcome_message 2024',
      );
      expect(reply.text).toContain('expected string, received number');
      expect(reply.text).toContain('quote it: `"2024"`');
    });
  });

  it('refuses bad quoting and huge input before anything is written', async () => {
    const before = await stored(t);
    let reply = await triage(
      t,
      ADMIN,
      'C0ACME',
      'config set requests.config.welcome_message "Hello',
    );
    expect(reply.text).toContain('not valid JSON');
    expect(reply.text).toContain('Usage: `/triage config set &lt;key&gt; &lt;value&gt;`');
    reply = await triage(
      t,
      ADMIN,
      'C0ACME',
      `config set requests.config.welcome_message ${'x'.repeat(2000)}`,
    );
    expect(reply.text).toContain('/triage takes at most 2000');
    expect(await stored(t)).toEqual(before);
  });

  it('asks for setup first in a channel it does not know', async () => {
    t.sim.addChannel({ id: 'C0OTHER', name: 'random', members: [t.sim.botUserId, ADMIN] });
    const before = await stored(t);
    for (const text of ['config', `config set ${GROUPING} 10`, `config reset ${GROUPING}`]) {
      const reply = await triage(t, ADMIN, 'C0OTHER', text);
      expect(reply.text).toContain(
        "This channel isn't set up for triage yet: run `/triage setup customer`",
      );
    }
    expect(await stored(t)).toEqual(before);
  });
});
