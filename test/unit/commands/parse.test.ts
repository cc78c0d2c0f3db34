import { MAX_COMMAND_LENGTH, parseCommand } from '../../../src/commands/parse.js';

const ok = (text: string) => {
  const result = parseCommand(text);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to parse: ${result.error}`);
  return result.command;
};
const fails = (text: string) => {
  const result = parseCommand(text);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to fail`);
  return result;
};

describe('parseCommand', () => {
  it.each([
    ['', { name: 'help' }],
    ['help', { name: 'help' }],
    ['  HELP  me please', { name: 'help' }],
    ['frobnicate now', { name: 'help', unknown: 'frobnicate' }],
    ['config', { name: 'config' }],
    ['config requests.config', { name: 'config', prefix: 'requests.config' }],
    ['config features.requests.config', { name: 'config', prefix: 'requests.config' }],
    ['config features', { name: 'config' }],
    [
      'Config RESET requests.config.send_feedback',
      { name: 'config reset', key: 'requests.config.send_feedback' },
    ],
    [
      'config lock features.requests.support.response_sla.sla',
      { name: 'config lock', key: 'requests.support.response_sla.sla' },
    ],
    ['config unlock requests.support', { name: 'config unlock', key: 'requests.support' }],
    ['setup customer', { name: 'setup customer' }],
    [
      'setup customer <#C0TRIAGE|support-triage>',
      { name: 'setup customer', triageChannel: { id: 'C0TRIAGE' } },
    ],
    ['setup customer <#G0PRIV|>', { name: 'setup customer', triageChannel: { id: 'G0PRIV' } }],
    [
      'setup customer #Support-Triage',
      { name: 'setup customer', triageChannel: { name: 'support-triage' } },
    ],
    ['setup customer C0TRIAGE', { name: 'setup customer', triageChannel: { id: 'C0TRIAGE' } }],
    ['setup triage', { name: 'setup triage' }],
    ['requests', { name: 'requests', tags: [] }],
    [
      'requests Severity:HIGH tag:billing TAG:sso',
      { name: 'requests', severity: 'HIGH', tags: ['billing', 'sso'] },
    ],
    ['token', { name: 'token' }],
    ['dashboard', { name: 'dashboard' }],
    ['Dashboard', { name: 'dashboard' }],
  ])('%j parses', (text, command) => {
    expect(ok(text)).toEqual(command);
  });

  describe('config set values: JSON when it parses, else the rest of the line as text', () => {
    it.each<[string, unknown]>([
      ['true', true],
      ['15', 15],
      ['"text"', 'text'],
      ['"15"', '15'],
      ['["B123", "B456"]', ['B123', 'B456']],
      ['{"condition":"starts_with","value":"ext-"}', { condition: 'starts_with', value: 'ext-' }],
      ['null', null],
      ['Hello there', 'Hello there'],
      ['Hello   there,\nsecond line', 'Hello   there,\nsecond line'],
      ["It's 9am", "It's 9am"],
      ['Q&amp;A &lt;3', 'Q&A <3'],
      // Phones and macOS turn straight quotes into curly ones.
      ['“Hello there”', 'Hello there'],
      ['[“B123”]', ['B123']],
    ])('%j', (value, expected) => {
      expect(ok(`config set requests.config.welcome_message ${value}`)).toEqual({
        name: 'config set',
        key: 'requests.config.welcome_message',
        value: expected,
      });
    });

    it('drops the features. prefix of the key', () => {
      expect(ok('config set features.requests.config.send_feedback true')).toMatchObject({
        key: 'requests.config.send_feedback',
      });
    });
  });

  describe('refuses with what is wrong and the usage line', () => {
    it.each([
      ['config set', /Give a setting key/, '/triage config set <key> <value>'],
      [
        'config set requests.config.send_feedback',
        /Give a value/,
        '/triage config set <key> <value>',
      ],
      [
        'config set requests.config.welcome_message "Hello',
        /not valid JSON/,
        '/triage config set <key> <value>',
      ],
      [
        'config set requests.config.white_listed_bots ["B1",',
        /not valid JSON/,
        '/triage config set <key> <value>',
      ],
      [
        "config set requests.config.welcome_message 'Hello'",
        /Single quotes/,
        '/triage config set <key> <value>',
      ],
      ['config set "requests.config.x" 1', /without quotes/, '/triage config set <key> <value>'],
      ['config set requests..x 1', /dotted words/, '/triage config set <key> <value>'],
      ['config reset', /Give a setting key/, '/triage config reset <key>'],
      ['config reset requests.config.x now', /Unexpected "now"/, '/triage config reset <key>'],
      ['config lock a-b', /dotted words/, '/triage config lock <key>'],
      ['config requests extra', /Unexpected "extra"/, '/triage config [key-prefix]'],
      [
        'setup customer support-triage',
        /not a channel/,
        '/triage setup customer [#triage-channel]',
      ],
      ['setup customer #a #b', /Unexpected "#b"/, '/triage setup customer [#triage-channel]'],
      ['setup triage #support', /Unexpected "#support"/, '/triage setup triage'],
      ['requests all', /Unexpected "all"/, '/triage requests [severity:<level>] [tag:<tag>]…'],
      ['dashboard now', /Unexpected "now"/, '/triage dashboard'],
      [
        'requests severity:high severity:low',
        /Give one severity/,
        '/triage requests [severity:<level>] [tag:<tag>]…',
      ],
      ['requests tag:', /Unexpected "tag:"/, '/triage requests [severity:<level>] [tag:<tag>]…'],
      ['token please', /Unexpected "please"/, '/triage token'],
    ])('%j', (text, error, usage) => {
      const result = fails(text);
      expect(result.error).toMatch(error);
      expect(result.usage).toBe(usage);
    });

    it('names both kinds when setup is missing one', () => {
      for (const text of ['setup', 'setup vendor']) {
        const result = fails(text);
        expect(result.error).toMatch(/customer or triage/);
        expect(result.usage).toContain('/triage setup customer [#triage-channel]');
        expect(result.usage).toContain('/triage setup triage');
      }
    });

    it(`refuses text over ${MAX_COMMAND_LENGTH} characters before parsing it`, () => {
      const text = `config set requests.config.welcome_message ${'x'.repeat(MAX_COMMAND_LENGTH)}`;
      const result = fails(text);
      expect(result.error).toContain(`at most ${MAX_COMMAND_LENGTH}`);
      expect(result.usage).toBe('/triage config set <key> <value>');
    });
  });
});

describe('escalate: which request, and why', () => {
  const LINK = 'https://acme.slack.com/archives/C0EXTACME/p1767605400000100';
  it.each<[string, unknown]>([
    [`escalate ${LINK}`, { request: { channelId: 'C0EXTACME', ts: '1767605400.000100' } }],
    // Slack may send a pasted link formatted, with or without a label
    [`escalate <${LINK}>`, { request: { channelId: 'C0EXTACME', ts: '1767605400.000100' } }],
    [`escalate <${LINK}|link>`, { request: { channelId: 'C0EXTACME', ts: '1767605400.000100' } }],
    // a reply's link names its thread: the request is the thread's
    [
      `escalate ${LINK.replace('000100', '000900')}?thread_ts=1767605400.000100&cid=C0EXTACME`,
      { request: { channelId: 'C0EXTACME', ts: '1767605400.000100' } },
    ],
    [
      `escalate ${LINK} Customer is blocked  on payroll`,
      {
        request: { channelId: 'C0EXTACME', ts: '1767605400.000100' },
        reason: 'Customer is blocked  on payroll',
      },
    ],
    ['escalate 65A1B2C3D4E5F60718293A4B', { request: { id: '65a1b2c3d4e5f60718293a4b' } }],
    [
      'ESCALATE 65a1b2c3d4e5f60718293a4b &lt;urgent&gt;',
      {
        request: { id: '65a1b2c3d4e5f60718293a4b' },
        reason: '<urgent>',
      },
    ],
  ])('%j parses', (text, fields) => {
    expect(ok(text)).toEqual({ name: 'escalate', ...(fields as object) });
  });

  it.each<[string, string]>([
    ['escalate', 'Say which request'],
    ['escalate the-big-one', '"the-big-one" is not a request'],
    ['escalate https://example.com/archives/C0EXTACME', 'is not a request'],
    ['escalate https://acme.slack.com/archives/C0EXTACME/p123', 'is not a request'],
    [`escalate ${LINK} ${'x'.repeat(501)}`, 'Keep the reason under 500 characters'],
  ])('%j is refused: %s', (text, error) => {
    const result = fails(text);
    expect(result.error).toContain(error);
    expect(result.usage).toBe('/triage escalate <message link or request id> [reason]');
  });
});

describe('parseCommand: availability and teams', () => {
  it.each([
    ['away', { name: 'away' }],
    ['BACK', { name: 'back' }],
    ['team', { name: 'team' }],
    ['team create  Billing EU ', { name: 'team create', team: 'Billing EU' }],
    // the mentions at the end are the people; the words before them the team's name
    [
      'team add Billing EU <@U0ANN|ann> <@U0BOB>',
      { name: 'team add', team: 'Billing EU', users: ['U0ANN', 'U0BOB'] },
    ],
    ['team remove sales <@W0CAT|cat>', { name: 'team remove', team: 'sales', users: ['W0CAT'] }],
  ])('%j', (text, command) => {
    expect(ok(text)).toEqual(command);
  });

  it.each([
    ['away now', 'Unexpected "now".', '/triage away'],
    ['team list', 'Unexpected "list".', '/triage team'],
    [
      'team create',
      'Say which team: its name, as /triage team lists it',
      '/triage team create <name>',
    ],
    [
      'team add Billing',
      'Name the people: mention each one (@ann @bob) after the team name',
      '/triage team add <name> @person…',
    ],
    [
      'team add <@U0ANN>',
      'Say which team: its name, as /triage team lists it',
      '/triage team add <name> @person…',
    ],
  ])('%j', (text, error, usage) => {
    const result = fails(text);
    expect([result.error, result.usage]).toEqual([error, usage]);
  });
});
