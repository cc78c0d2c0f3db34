import type { ErrorDetail } from '../../../src/errors.js';
import { SEND_FEEDBACK, SLA, WINDOW, failure } from './fixtures.js';

/** The 422s of planWrite: every invalid part is reported and nothing is planned. */

const CONFIG = ['body', 'update', 'requests', 'config'];
const HOURS = ['body', 'update', 'requests', 'support', 'response_sla', 'workingHoursConfig'];
const config = (values: object) => ({ update: { requests: { config: values } } });
const hours = (values: object) => ({
  update: { requests: { support: { response_sla: { workingHoursConfig: values } } } },
});

describe('planWrite rejects an invalid update', () => {
  it.each<[string, unknown, ErrorDetail]>([
    [
      'an unknown key, naming it',
      config({ send_feedbak: true }),
      {
        loc: [...CONFIG, 'send_feedbak'],
        msg: 'unknown setting "requests.config.send_feedbak"',
        type: 'unrecognized_keys',
      },
    ],
    [
      'an unknown top-level key',
      { update: { nope: 1 } },
      { loc: ['body', 'update', 'nope'], msg: 'unknown setting "nope"', type: 'unrecognized_keys' },
    ],
    [
      'a key below a leaf',
      hours({ timezone: { name: 'UTC', offset: 0 } }),
      {
        loc: [...HOURS, 'timezone'],
        msg: 'Invalid input: expected string, received object',
        type: 'invalid_type',
      },
    ],
    [
      'a scalar where a group is expected',
      { update: { requests: { support: { response_sla: 60 } } } },
      {
        loc: ['body', 'update', 'requests', 'support', 'response_sla'],
        msg: '"requests.support.response_sla" is a group of settings: give an object',
        type: 'object_expected',
      },
    ],
    [
      'a wrong type',
      config({ send_feedback: 'yes' }),
      {
        loc: [...CONFIG, 'send_feedback'],
        msg: 'Invalid input: expected boolean, received string',
        type: 'invalid_type',
      },
    ],
    [
      'negative minutes',
      config({ conversation_grouping_window: -1 }),
      {
        loc: [...CONFIG, 'conversation_grouping_window'],
        msg: 'Too small: expected number to be >=0',
        type: 'too_small',
      },
    ],
    [
      'non-integer minutes',
      config({ conversation_grouping_window: 1.5 }),
      {
        loc: [...CONFIG, 'conversation_grouping_window'],
        msg: 'Invalid input: expected int, received number',
        type: 'invalid_type',
      },
    ],
    [
      'an unknown enum value',
      config({ feedback_rating: '3_POINTS' }),
      {
        loc: [...CONFIG, 'feedback_rating'],
        msg: 'Invalid option: expected one of "2_POINTS"|"5_POINTS"',
        type: 'invalid_value',
      },
    ],
    [
      'an unknown time zone',
      hours({ timezone: 'Mars/Olympus_Mons' }),
      {
        loc: [...HOURS, 'timezone'],
        msg: 'Expected an IANA time zone such as Europe/Berlin or UTC',
        type: 'custom',
      },
    ],
    [
      // A user id (U…) is not a bot id (B…); the loc points at the array element.
      'a malformed bot id in a list',
      config({ white_listed_bots: ['B0AAA1111', 'U0AAA1111'] }),
      {
        loc: [...CONFIG, 'white_listed_bots', 1],
        msg: 'Expected a Slack bot id such as B0123ABCD',
        type: 'invalid_format',
      },
    ],
    [
      'a wrong type inside a seed-001 { value } wrapper',
      config({ send_feedback: { value: 'yes' } }),
      {
        loc: [...CONFIG, 'send_feedback'],
        msg: 'Invalid input: expected boolean, received string',
        type: 'invalid_type',
      },
    ],
  ])('%s', (_name, body, detail) => {
    expect(failure(body)).toEqual([detail]);
  });

  // The loc points into the body as sent, so it keeps the `features` wrapper segment.
  it('locates problems inside the features wrapper', () => {
    const body = {
      update: { features: { requests: { config: { send_feedbak: true, send_feedback: 1 } } } },
    };
    expect(failure(body).map((d) => d.loc)).toEqual([
      ['body', 'update', 'features', 'requests', 'config', 'send_feedbak'],
      ['body', 'update', 'features', 'requests', 'config', 'send_feedback'],
    ]);
  });
});

describe('planWrite rejects invalid reset, lock and unlock lists', () => {
  it.each<[string, unknown, ErrorDetail[]]>([
    [
      'an unknown reset path, by its index',
      { reset: [SLA, 'requests.config.nope'] },
      [
        {
          loc: ['body', 'reset', 1],
          msg: 'unknown setting "requests.config.nope"',
          type: 'unknown_setting',
        },
      ],
    ],
    [
      // `requests.sup` is a prefix of `requests.support` but not a group.
      'a partial group name',
      { reset: ['requests.sup'] },
      [
        {
          loc: ['body', 'reset', 0],
          msg: 'unknown setting "requests.sup"',
          type: 'unknown_setting',
        },
      ],
    ],
    [
      'an unknown lock path',
      { lock: ['features.nope'] },
      [
        {
          loc: ['body', 'lock', 0],
          msg: 'unknown setting "features.nope"',
          type: 'unknown_setting',
        },
      ],
    ],
    [
      'a key both updated and reset',
      {
        update: { requests: { support: { response_sla: { sla: 45 } } } },
        reset: ['requests.support.response_sla'],
      },
      [{ loc: ['body', 'reset'], msg: `"${SLA}" is both updated and reset`, type: 'conflict' }],
    ],
    [
      'a key both locked and unlocked',
      { lock: [SEND_FEEDBACK], unlock: [`features.${SEND_FEEDBACK}`] },
      [
        {
          loc: ['body', 'lock'],
          msg: `"${SEND_FEEDBACK}" is both locked and unlocked`,
          type: 'conflict',
        },
      ],
    ],
    [
      'every problem at once, not only the first',
      {
        update: { nope: 1, requests: { config: { send_feedback: 'yes' } } },
        reset: [WINDOW, 'x.y'],
      },
      [
        {
          loc: ['body', 'update', 'nope'],
          msg: 'unknown setting "nope"',
          type: 'unrecognized_keys',
        },
        {
          loc: [...CONFIG, 'send_feedback'],
          msg: 'Invalid input: expected boolean, received string',
          type: 'invalid_type',
        },
        { loc: ['body', 'reset', 1], msg: 'unknown setting "x.y"', type: 'unknown_setting' },
      ],
    ],
  ])('%s', (_name, body, detail) => {
    expect(failure(body)).toEqual(detail);
  });
});
