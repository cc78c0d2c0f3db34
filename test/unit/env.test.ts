import { Env, EnvError, parseEnv } from '../../src/env.js';

const base = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'a-signing-secret' };

describe('environment', () => {
  it('applies defaults and normalises the Slack API URL', () => {
    const env = parseEnv({ ...base, SLACK_API_URL: 'http://127.0.0.1:4000/api' }, Env);
    expect(env).toMatchObject({
      PORT: 3000,
      LOG_LEVEL: 'info',
      DATA_DIR: '.data',
      MESSAGE_RETENTION_DAYS: 90,
      SLACK_API_URL: 'http://127.0.0.1:4000/api/',
    });
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ ...base, MONGODB_URI: '', PORT: '' }, Env).PORT).toBe(3000);
  });

  it.each([
    ['SLACK_BOT_TOKEN', { SLACK_SIGNING_SECRET: 'a-signing-secret' }],
    ['SLACK_SIGNING_SECRET', { SLACK_BOT_TOKEN: 'xoxb-1' }],
    ['SLACK_BOT_TOKEN must be a bot token', { ...base, SLACK_BOT_TOKEN: 'xoxp-user-token' }],
    ['PORT', { ...base, PORT: 'eighty' }],
    ['PORT', { ...base, PORT: '70000' }],
    ['MONGODB_URI must be a mongodb://', { ...base, MONGODB_URI: 'postgres://x' }],
    ['SLACK_API_URL', { ...base, SLACK_API_URL: 'not a url' }],
    ['LOG_LEVEL', { ...base, LOG_LEVEL: 'loud' }],
    ['TRUST_PROXY must be a hop count', { ...base, TRUST_PROXY: 'proxy;rm' }],
    [
      'MESSAGE_RETENTION_DAYS must be a number of days',
      { ...base, MESSAGE_RETENTION_DAYS: 'ever' },
    ],
    ['MESSAGE_RETENTION_DAYS', { ...base, MESSAGE_RETENTION_DAYS: '0' }],
    ['MESSAGE_RETENTION_DAYS must be a whole number', { ...base, MESSAGE_RETENTION_DAYS: '1.5' }],
    ['SETTINGS_ENCRYPTION_KEY must be 32 bytes', { ...base, SETTINGS_ENCRYPTION_KEY: 'short' }],
    ['SETTINGS_ENCRYPTION_KEY', { ...base, SETTINGS_ENCRYPTION_KEY: 'ab'.repeat(31) }],
    ['SETTINGS_ENCRYPTION_KEY', { ...base, SETTINGS_ENCRYPTION_KEY: 'A'.repeat(44) }],
    [
      'SLACK_STATE_SECRET',
      { SLACK_SIGNING_SECRET: 'a-signing-secret', SLACK_CLIENT_ID: '1', SLACK_CLIENT_SECRET: 's' },
    ],
  ])('stops with one line naming %s', (name, source) => {
    let error: unknown;
    try {
      parseEnv(source, Env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    expect((error as Error).message).toContain(name);
    expect((error as Error).message).not.toContain('\n');
  });

  it.each([
    ['1', 1],
    ['true', true],
    ['loopback', 'loopback'],
    ['10.0.0.0/8, 192.168.0.1', '10.0.0.0/8, 192.168.0.1'],
  ])('reads TRUST_PROXY %s as Express takes it', (value, expected) => {
    expect(parseEnv({ ...base, TRUST_PROXY: value }, Env).TRUST_PROXY).toEqual(expected);
  });

  it('accepts Socket Mode without a signing secret', () => {
    expect(
      parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A1-2-abc' }, Env)
        .SLACK_APP_TOKEN,
    ).toBe('xapp-1-A1-2-abc');
  });

  it.each([
    ['hex', 'ab'.repeat(32)],
    ['base64', Buffer.alloc(32, 7).toString('base64')],
    ['base64url without padding', Buffer.alloc(32, 255).toString('base64url')],
  ])('reads SETTINGS_ENCRYPTION_KEY as %s into 32 bytes', (_, text) => {
    const key = parseEnv({ ...base, SETTINGS_ENCRYPTION_KEY: text }, Env).SETTINGS_ENCRYPTION_KEY;
    expect(key?.length).toBe(32);
    expect(parseEnv(base, Env).SETTINGS_ENCRYPTION_KEY).toBeUndefined();
  });
});
