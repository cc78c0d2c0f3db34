import { keysUnder } from '../../../src/settings/catalog.js';
import type { Level, LevelKind, LevelSettings } from '../../../src/settings/levels.js';
import { planWrite } from '../../../src/settings/write.js';
import {
  BOTS,
  HOURS_ENABLED,
  RESPONSE_SLA,
  SEND_FEEDBACK,
  SLA,
  TIMEZONE,
  WINDOW,
  account,
  catalog,
  rejection,
  settings,
  workspace,
} from './fixtures.js';

const SUGGESTED_CHANNEL = 'requests.config.send_suggestedrequest_message_channel';

/** What a level stores before each write. */
const stored = (): LevelSettings =>
  settings({ [WINDOW]: 10, [TIMEZONE]: 'Europe/Berlin', [SLA]: 30, [BOTS]: ['B0AAA1111'] });

function plan(
  body: unknown,
  level: LevelKind = 'account',
  current: LevelSettings = stored(),
  above: Level[] = [],
) {
  return planWrite(catalog, { level, current, above }, body);
}

const config = (values: object) => ({ update: { requests: { config: values } } });
const hours = (values: object) => ({
  update: { requests: { support: { response_sla: { workingHoursConfig: values } } } },
});

describe('planWrite updates and resets', () => {
  it.each<[string, unknown, Record<string, unknown>, string[]]>([
    [
      'deep-merges an update into the existing overrides',
      config({ send_feedback: true }),
      {
        [WINDOW]: 10,
        [TIMEZONE]: 'Europe/Berlin',
        [SLA]: 30,
        [BOTS]: ['B0AAA1111'],
        [SEND_FEEDBACK]: true,
      },
      [SEND_FEEDBACK],
    ],
    [
      // Setting a sibling inside workingHoursConfig keeps the stored timezone.
      'keeps siblings of an updated key inside the same group',
      hours({ isEnabled: true }),
      {
        [WINDOW]: 10,
        [TIMEZONE]: 'Europe/Berlin',
        [SLA]: 30,
        [BOTS]: ['B0AAA1111'],
        [HOURS_ENABLED]: true,
      },
      [HOURS_ENABLED],
    ],
    [
      'replaces an existing override',
      config({ conversation_grouping_window: 0 }),
      { [WINDOW]: 0, [TIMEZONE]: 'Europe/Berlin', [SLA]: 30, [BOTS]: ['B0AAA1111'] },
      [WINDOW],
    ],
    [
      // ['B0AAA1111'] + ['B0BBB2222'] is ['B0BBB2222'], not a concatenation.
      'replaces arrays instead of merging them',
      config({ white_listed_bots: ['B0BBB2222'] }),
      { [WINDOW]: 10, [TIMEZONE]: 'Europe/Berlin', [SLA]: 30, [BOTS]: ['B0BBB2222'] },
      [BOTS],
    ],
    [
      'removes an override on reset',
      { reset: [WINDOW] },
      { [TIMEZONE]: 'Europe/Berlin', [SLA]: 30, [BOTS]: ['B0AAA1111'] },
      [WINDOW],
    ],
    [
      'accepts the features. prefix in reset',
      { reset: [`features.${WINDOW}`] },
      { [TIMEZONE]: 'Europe/Berlin', [SLA]: 30, [BOTS]: ['B0AAA1111'] },
      [WINDOW],
    ],
    [
      'sets the value of a seed-001 { value } wrapper',
      config({ conversation_grouping_window: { value: 15 } }),
      { [WINDOW]: 15, [TIMEZONE]: 'Europe/Berlin', [SLA]: 30, [BOTS]: ['B0AAA1111'] },
      [WINDOW],
    ],
    [
      'resets on a seed-001 { value: null }',
      config({ conversation_grouping_window: { value: null } }),
      { [TIMEZONE]: 'Europe/Berlin', [SLA]: 30, [BOTS]: ['B0AAA1111'] },
      [WINDOW],
    ],
    [
      // A bare null is a value for a nullable key; only the wrapped null means reset.
      'stores a bare null for a nullable key',
      config({ send_suggestedrequest_message_channel: null }),
      { ...stored().overrides, [SUGGESTED_CHANNEL]: null },
      [SUGGESTED_CHANNEL],
    ],
    [
      'accepts an update wrapped in features',
      { update: { features: { requests: { config: { send_feedback: true } } } } },
      { ...stored().overrides, [SEND_FEEDBACK]: true },
      [SEND_FEEDBACK],
    ],
    [
      'lists every touched key once, sorted',
      { ...config({ send_feedback: true, conversation_grouping_window: 10 }), reset: [BOTS] },
      { [WINDOW]: 10, [TIMEZONE]: 'Europe/Berlin', [SLA]: 30, [SEND_FEEDBACK]: true },
      [WINDOW, SEND_FEEDBACK, BOTS],
    ],
    ['changes nothing for an empty update', { update: {} }, stored().overrides, []],
  ])('%s', (_name, body, overrides, changed) => {
    const result = plan(body);
    expect(result.next.overrides).toEqual(overrides);
    expect(result.changed).toEqual(changed);
  });

  it('resets every leaf below a group', () => {
    const result = plan({ reset: [RESPONSE_SLA] });
    // SLA and TIMEZONE are below requests.support.response_sla; WINDOW and BOTS are not.
    expect(result.next.overrides).toEqual({ [WINDOW]: 10, [BOTS]: ['B0AAA1111'] });
    expect(result.changed).toEqual(keysUnder(catalog, RESPONSE_SLA).sort());
    expect(result.changed).toEqual(expect.arrayContaining([SLA, TIMEZONE, HOURS_ENABLED]));
  });

  // { value: 'deal_value' } is a valid record for this leaf, so it is not a seed-001 wrapper.
  it('stores a CRM field mapping whose CRM field is named value', () => {
    const result = plan({ update: { crm: { field_mappings: { value: 'deal_value' } } } });
    expect(result.next.overrides['crm.field_mappings']).toEqual({ value: 'deal_value' });
  });

  it('resets a record leaf on a seed-001 { value: null }', () => {
    const current = settings({ 'crm.field_mappings': { Amount: 'deal_value' } });
    const result = plan(
      { update: { crm: { field_mappings: { value: null } } } },
      'account',
      current,
    );
    expect(result.next.overrides).toEqual({});
  });

  it('does not mutate the current settings when it succeeds', () => {
    const current = stored();
    plan(
      { ...config({ send_feedback: true }), reset: [SLA], lock: [WINDOW] },
      'workspace',
      current,
    );
    expect(current).toEqual(stored());
  });
});

describe('planWrite locks', () => {
  it.each<[string, LevelKind, unknown, LevelSettings, string[]]>([
    [
      'locks a key at workspace level',
      'workspace',
      { lock: [SEND_FEEDBACK] },
      settings(),
      [SEND_FEEDBACK],
    ],
    ['locks a key at account level', 'account', { lock: [`features.${SLA}`] }, settings(), [SLA]],
    [
      'locks every leaf below a group',
      'workspace',
      { lock: ['requests.support.response_sla.workingHoursConfig'] },
      settings(),
      keysUnder(catalog, 'requests.support.response_sla.workingHoursConfig').sort(),
    ],
    [
      'unlocks at workspace level',
      'workspace',
      { unlock: [SEND_FEEDBACK] },
      settings({}, [SEND_FEEDBACK, SLA]),
      [SLA],
    ],
    ['unlocks at account level', 'account', { unlock: [SLA] }, settings({}, [SLA]), []],
    [
      'keeps the lock list sorted and without duplicates',
      'workspace',
      { lock: [WINDOW, SEND_FEEDBACK, SLA] },
      settings({}, [SLA]),
      [WINDOW, SEND_FEEDBACK, SLA],
    ],
  ])('%s', (_name, level, body, current, locks) => {
    expect(plan(body, level, current).next.locks).toEqual(locks);
  });

  it('lets the locking level change its own locked key', () => {
    const result = plan(
      config({ send_feedback: true }),
      'workspace',
      settings({}, [SEND_FEEDBACK]),
    );
    expect(result.next).toEqual({ overrides: { [SEND_FEEDBACK]: true }, locks: [SEND_FEEDBACK] });
  });

  it('lets an account change a key it locks itself below an unlocking workspace', () => {
    const above = [workspace(settings({ [SLA]: 30 }))];
    const result = plan(
      { update: { requests: { support: { response_sla: { sla: 45 } } } } },
      'account',
      settings({}, [SLA]),
      above,
    );
    expect(result.next).toEqual({ overrides: { [SLA]: 45 }, locks: [SLA] });
  });

  it.each<[string, LevelKind, unknown, Level[], string]>([
    [
      'refuses an account update of a key the workspace locks',
      'account',
      config({ send_feedback: true }),
      [workspace(settings({}, [SEND_FEEDBACK]))],
      `"${SEND_FEEDBACK}" is locked at workspace Acme`,
    ],
    [
      'refuses a channel update of a key the account locks',
      'channel',
      config({ conversation_grouping_window: 1 }),
      [workspace(), account(settings({}, [WINDOW]))],
      `"${WINDOW}" is locked at account Globex`,
    ],
    [
      'names the locking level by id when it has no name',
      'channel',
      config({ conversation_grouping_window: 1 }),
      [{ level: 'account', id: 'acc_initech', settings: settings({}, [WINDOW]) }],
      `"${WINDOW}" is locked at account acc_initech`,
    ],
    [
      'refuses a reset of a locked key',
      'channel',
      { reset: [`features.${SLA}`] },
      [workspace(settings({}, [SLA])), account()],
      `"${SLA}" is locked at workspace Acme`,
    ],
    [
      'refuses a group reset when one leaf below it is locked',
      'channel',
      { reset: [RESPONSE_SLA] },
      [workspace(), account(settings({}, [TIMEZONE]))],
      `"${TIMEZONE}" is locked at account Globex`,
    ],
    [
      'refuses unlocking from below a lock',
      'account',
      { unlock: [SEND_FEEDBACK] },
      [workspace(settings({}, [SEND_FEEDBACK]))],
      `"${SEND_FEEDBACK}" is locked at workspace Acme`,
    ],
    [
      'refuses locking again from below a lock',
      'account',
      { lock: [SEND_FEEDBACK] },
      [workspace(settings({}, [SEND_FEEDBACK]))],
      `"${SEND_FEEDBACK}" is locked at workspace Acme`,
    ],
    [
      'names every locked key at once',
      'channel',
      { ...config({ send_feedback: true }), reset: [SLA] },
      [workspace(settings({}, [SEND_FEEDBACK])), account(settings({}, [SLA]))],
      `"${SEND_FEEDBACK}" is locked at workspace Acme; "${SLA}" is locked at account Globex`,
    ],
  ])('%s', (_name, level, body, above, message) => {
    const current = settings({ [SEND_FEEDBACK]: false, [SLA]: 30 });
    const error = rejection(() => plan(body, level, current, above));
    expect([error.code, error.status, error.message]).toEqual(['setting_locked', 403, message]);
    expect(error.detail.map((d) => [d.msg, d.type])).toEqual(
      message.split('; ').map((msg) => [msg, 'setting_locked']),
    );
    expect(current).toEqual(settings({ [SEND_FEEDBACK]: false, [SLA]: 30 }));
  });
});
