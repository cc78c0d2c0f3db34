import { z } from 'zod';
import { ChannelSettingsWrite, SettingsWrite } from '../../../src/settings/write.js';
import { startTestBot, type TestBot } from '../../support/bot.js';

const SEND_FEEDBACK = 'requests.config.send_feedback';
const LONG_KEY = 'x'.repeat(301);

/**
 * The settings write body has one schema: the one `planWrite` parses with is the one
 * `/api/v1/openapi.json` publishes. Each body goes to the running API and is checked against
 * the published JSON Schema (read back into a validator with `z.fromJSONSchema`): both refuse
 * it or both take it.
 */
describe('the published settings write schema', () => {
  let t: TestBot;
  let doc: {
    paths: Record<string, Record<string, { requestBody?: unknown }>>;
    components: { schemas: Record<string, { properties: object }> };
  };

  beforeAll(async () => {
    t = await startTestBot();
    t.sim.addChannel({ id: 'C0WRITE', name: 'ext-write', members: [t.sim.botUserId] });
    expect(
      (await t.api('POST', '/api/v1/accounts', { name: 'Writes', channels: ['C0WRITE'] })).status,
    ).toBe(201);
    doc = (await t.api('GET', '/api/v1/openapi.json', undefined, null)).body;
  });
  afterAll(() => t.stop());

  const published = (id: string) => z.fromJSONSchema(doc.components.schemas[id] as never);
  const bodyRef = (path: string) =>
    (doc.paths[path]?.patch?.requestBody as { content: Record<string, { schema: object }> })
      .content['application/json']?.schema;

  it('refers every settings PATCH to the validating schema and lists the same keys', () => {
    expect(bodyRef('/api/v1/workspace/settings')).toEqual({
      $ref: '#/components/schemas/SettingsWrite',
    });
    expect(bodyRef('/api/v1/accounts/{accountId}/settings')).toEqual({
      $ref: '#/components/schemas/SettingsWrite',
    });
    expect(bodyRef('/api/v1/channels/{channelId}/settings')).toEqual({
      $ref: '#/components/schemas/ChannelSettingsWrite',
    });
    expect(Object.keys(doc.components.schemas.SettingsWrite?.properties ?? {})).toEqual(
      Object.keys(SettingsWrite.shape),
    );
    expect(Object.keys(SettingsWrite.shape)).toEqual(['update', 'reset', 'lock', 'unlock']);
    expect(Object.keys(doc.components.schemas.ChannelSettingsWrite?.properties ?? {})).toEqual(
      Object.keys(ChannelSettingsWrite.shape),
    );
    expect(Object.keys(ChannelSettingsWrite.shape)).toEqual(['update', 'reset']);
  });

  it.each<[string, 'workspace' | 'channel', unknown]>([
    ['an empty body', 'workspace', {}],
    ['update: null', 'workspace', { update: null }],
    ['update as an array', 'workspace', { update: [] }],
    ['reset as a string', 'workspace', { reset: SEND_FEEDBACK }],
    ['an empty key', 'workspace', { reset: [''] }],
    ['a key over 300 characters', 'workspace', { reset: [LONG_KEY] }],
    ['more than 500 keys', 'workspace', { lock: Array.from({ length: 501 }, () => SEND_FEEDBACK) }],
    ['an unknown field', 'workspace', { reset: [SEND_FEEDBACK], replace: {} }],
    ['a lock', 'channel', { lock: [SEND_FEEDBACK] }],
    ['an empty body', 'channel', {}],
  ])('refuses %s at the %s level, as the published schema does', async (_name, level, body) => {
    const path =
      level === 'workspace' ? '/api/v1/workspace/settings' : '/api/v1/channels/C0WRITE/settings';
    const res = await t.api('PATCH', path, body);
    expect([res.status, res.body.error]).toEqual([422, 'validation_failed']);
    const id = level === 'workspace' ? 'SettingsWrite' : 'ChannelSettingsWrite';
    expect(published(id).safeParse(body).success).toBe(false);
  });

  it.each<[string, 'workspace' | 'channel', unknown]>([
    ['an update', 'workspace', { update: { requests: { config: { send_feedback: true } } } }],
    ['a reset', 'channel', { reset: [SEND_FEEDBACK] }],
    ['a lock and an unlock', 'workspace', { lock: [SEND_FEEDBACK], unlock: [] }],
    ['an unlock', 'workspace', { unlock: [SEND_FEEDBACK] }],
  ])('takes %s at the %s level, as the published schema does', async (_name, level, body) => {
    const path =
      level === 'workspace' ? '/api/v1/workspace/settings' : '/api/v1/channels/C0WRITE/settings';
    const res = await t.api('PATCH', path, body);
    expect([res.status, res.body.ok]).toEqual([200, true]);
    const id = level === 'workspace' ? 'SettingsWrite' : 'ChannelSettingsWrite';
    expect(published(id).safeParse(body).success).toBe(true);
  });
});
