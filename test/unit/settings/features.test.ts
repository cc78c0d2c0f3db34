import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ADDITIONS } from '../../../src/settings/additions.js';
import { Features } from '../../../src/settings/features.js';
import { keyPaths, leafSchemas } from '../../../src/settings/key-paths.js';

const fixtureKeys = readFileSync(
  new URL('../../fixtures/seed-000-keys.txt', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line !== '');

const isUnder = (path: string, key: string) => path.startsWith(`${key}.`);

function valueAt(root: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], root);
}

function issueOf(input: unknown) {
  const result = Features.safeParse(input);
  if (result.success) throw new Error('expected the input to be rejected');
  return result.error.issues;
}

describe('Features covers seed 000', () => {
  const paths = keyPaths(Features, { throughArrays: true });
  const additions = ADDITIONS.map((addition) => addition.key);

  it('reads the whole fixture', () => {
    expect(fixtureKeys).toHaveLength(181);
    expect(new Set(fixtureKeys).size).toBe(fixtureKeys.length);
  });

  // Rule: a fixture key is a schema path, or the prefix of one (an object the schema models with
  // children, e.g. dailyConfigurations → dailyConfigurations.day).
  it('knows every fixture key', () => {
    const unknown = fixtureKeys.filter(
      (key) => !paths.includes(key) && !paths.some((path) => isUnder(path, key)),
    );
    expect(unknown).toEqual([]);
  });

  // Rule: a schema path is a fixture key, below one, or a listed addition.
  it('has no key beyond the fixture except the listed additions', () => {
    const extra = paths.filter(
      (path) =>
        !fixtureKeys.includes(path) &&
        !fixtureKeys.some((key) => isUnder(path, key)) &&
        !additions.includes(path),
    );
    expect(extra).toEqual([]);
  });

  it('lists only additions that exist and are not in the seed', () => {
    for (const key of additions) {
      expect(paths).toContain(key);
      expect(fixtureKeys).not.toContain(key);
    }
  });
});

describe('Features defaults', () => {
  const defaults = Features.parse({});

  it('fills in the complete default configuration', () => {
    const { config, support, automations } = defaults.requests;
    const hours = support.response_sla.workingHoursConfig;
    expect(config.add_emojis_on_request_thread).toBe(true);
    expect(config.send_status_updates_on_request_thread).toBe(true);
    expect(config.reopen_closed_requests).toBe(true);
    expect(config.conversation_grouping_window).toBe(5);
    expect(config.auto_close_duration_in_minutes).toBe(0);
    expect(config.send_feedback).toBe(false);
    expect(config.feedback_rating).toBe('2_POINTS');
    expect(config.feedback_message).toBe('How did we do on this request?');
    expect(config.send_suggestedrequest_message_channel).toBeNull();
    expect(support.response_sla.sla).toBe(60);
    expect(support.request_closure_sla.sla).toBe(1440);
    expect(hours).toMatchObject({
      isEnabled: false,
      timezone: 'UTC',
      workingDays: [1, 2, 3, 4, 5],
    });
    expect(hours.dailyConfigurations[0]).toEqual({ day: 1, start: '09:00', end: '17:00' });
    expect(hours.holidayDates).toEqual([]);
    expect(automations.notifyOnChannelJoin.conditions).toEqual([
      { condition: 'starts_with', value: 'ext-' },
    ]);
    expect(defaults.tickets.config.feedback_rating).toBe('2_POINTS');
    expect(defaults.internal_ticket.ticket_type_channels.Product).toBeNull();
    expect(defaults.crm.type).toBeNull();
    expect(defaults.emailToSlack).toEqual({ domains: [], mappings: [] });
  });

  it('parses its own defaults unchanged', () => {
    expect(Features.parse(defaults)).toEqual(defaults);
  });

  it('gives every settable leaf a default equal to the one in Features.parse({})', () => {
    for (const [path, schema] of leafSchemas(Features)) {
      expect([path, schema.parse(undefined)]).toEqual([path, valueAt(defaults, path)]);
    }
  });
});

describe('Features rejects', () => {
  const hours = (workingHoursConfig: object) => ({
    requests: { support: { response_sla: { workingHoursConfig } } },
  });
  const config = (values: object) => ({ requests: { config: values } });
  const HOURS = ['requests', 'support', 'response_sla', 'workingHoursConfig'];

  it.each([
    ['an unknown top-level key', { nope: 1 }, [], 'unrecognized_keys', 'Unrecognized key: "nope"'],
    [
      'an unknown nested key',
      config({ send_feedbak: true }),
      ['requests', 'config'],
      'unrecognized_keys',
      'Unrecognized key: "send_feedbak"',
    ],
    [
      'a wrong type',
      config({ send_feedback: 'yes' }),
      ['requests', 'config', 'send_feedback'],
      'invalid_type',
      'Invalid input: expected boolean, received string',
    ],
    [
      'negative minutes',
      config({ auto_close_duration_in_minutes: -1 }),
      ['requests', 'config', 'auto_close_duration_in_minutes'],
      'too_small',
      'Too small: expected number to be >=0',
    ],
    [
      'non-integer minutes',
      config({ close_nudge_duration_in_minutes: 1.5 }),
      ['requests', 'config', 'close_nudge_duration_in_minutes'],
      'invalid_type',
      'Invalid input: expected int, received number',
    ],
    [
      'an unknown feedback rating',
      config({ feedback_rating: '3_POINTS' }),
      ['requests', 'config', 'feedback_rating'],
      'invalid_value',
      'Invalid option: expected one of "2_POINTS"|"5_POINTS"',
    ],
    [
      'a malformed channel id',
      config({ send_suggestedrequest_message_channel: 'general' }),
      ['requests', 'config', 'send_suggestedrequest_message_channel'],
      'invalid_format',
      'Expected a Slack channel id such as C0123ABCD',
    ],
    [
      'an unknown time zone',
      hours({ timezone: 'Mars/Olympus_Mons' }),
      [...HOURS, 'timezone'],
      'custom',
      'Expected an IANA time zone such as Europe/Berlin or UTC',
    ],
    [
      'a holiday that does not exist',
      hours({ holidayDates: ['2026-02-30'] }),
      [...HOURS, 'holidayDates', 0],
      'invalid_format',
      'Expected a real calendar date as YYYY-MM-DD',
    ],
    [
      'weekday 0',
      hours({ workingDays: [0] }),
      [...HOURS, 'workingDays', 0],
      'too_small',
      'Too small: expected number to be >=1',
    ],
    [
      'an hour of 25',
      hours({ dailyConfigurations: [{ day: 1, start: '25:00', end: '26:00' }] }),
      [...HOURS, 'dailyConfigurations', 0, 'start'],
      'invalid_format',
      'Expected a time as HH:mm between 00:00 and 23:59',
    ],
    [
      'a select category without values',
      { requests: { categories: [{ category_name: 'Area', type: 'select' }] } },
      ['requests', 'categories', 0, 'available_values'],
      'custom',
      'A select category needs at least one available value',
    ],
    [
      'a channel condition with a broken regex',
      {
        requests: {
          automations: {
            notifyOnChannelJoin: { conditions: [{ condition: 'regex', value: '(' }] },
          },
        },
      },
      ['requests', 'automations', 'notifyOnChannelJoin', 'conditions', 0, 'value'],
      'custom',
      'Invalid regular expression',
    ],
  ])('%s', (_name, input, path, code, message) => {
    expect(issueOf(input)[0]).toMatchObject({ path, code, message });
  });

  it('rejects an interval that starts where it ends and repeated working days', () => {
    const issues = issueOf(
      hours({
        workingDays: [1, 1],
        dailyConfigurations: [{ day: 1, start: '09:00', end: '09:00' }],
      }),
    );
    expect(issues.map((issue) => [issue.path, issue.message])).toEqual([
      [[...HOURS, 'workingDays'], 'Working days must not repeat'],
      [[...HOURS, 'dailyConfigurations', 0, 'end'], 'start and end must differ'],
    ]);
  });

  it('accepts overnight and until-midnight intervals and legacy zone aliases', () => {
    const parsed = Features.parse(
      hours({
        timezone: 'US/Eastern',
        dailyConfigurations: [
          { day: 5, start: '22:00', end: '06:00' }, // Fri 22:00 → Sat 06:00
          { day: 6, start: '18:00', end: '24:00' },
        ],
      }),
    );
    expect(parsed.requests.support.response_sla.workingHoursConfig.timezone).toBe('US/Eastern');
  });
});

describe('keyPaths and leafSchemas', () => {
  const Small = z.strictObject({
    flag: z.boolean().default(false),
    nested: z
      .strictObject({
        minutes: z.number().default(5),
        channel: z.string().nullable().default(null),
      })
      .prefault({}),
    items: z.array(z.strictObject({ name: z.string(), tags: z.array(z.string()) })).default([]),
    piped: z.preprocess((value) => value, z.strictObject({ a: z.string().optional() })),
    record: z.record(z.string(), z.number()),
  });

  it.each([
    [
      true,
      ['flag', 'nested.minutes', 'nested.channel', 'items.name', 'items.tags', 'piped.a', 'record'],
    ],
    [false, ['flag', 'nested.minutes', 'nested.channel', 'items', 'piped.a', 'record']],
  ])('lists the leaves with throughArrays: %s', (throughArrays, expected) => {
    expect(keyPaths(Small, { throughArrays })).toEqual(expected);
  });

  it.each([
    ['flag', undefined, false],
    ['nested.minutes', undefined, 5],
    ['nested.channel', undefined, null],
    ['items', undefined, []],
    ['items', [{ name: 'a', tags: [] }], [{ name: 'a', tags: [] }]],
  ])('validates %s on its own: %j → %j', (path, input, expected) => {
    expect(leafSchemas(Small).get(path)?.parse(input)).toEqual(expected);
  });

  it('keeps the declared schema, so a leaf rejects what the whole schema rejects', () => {
    const minutes = leafSchemas(Features).get('requests.config.auto_close_duration_in_minutes');
    expect(minutes?.safeParse(-1).success).toBe(false);
    expect(leafSchemas(Features).has('requests.support.severity')).toBe(true);
    expect(leafSchemas(Features).has('requests.support.severity.name')).toBe(false);
  });
});
