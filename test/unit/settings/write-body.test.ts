import type { ErrorDetail } from '../../../src/errors.js';
import type { LevelKind } from '../../../src/settings/levels.js';
import { SEND_FEEDBACK, SLA, failure } from './fixtures.js';

/** The 422s of planWrite for a body that is not a write at all, checked before any key. */

describe('planWrite rejects a malformed body', () => {
  it.each<[string, LevelKind, unknown, ErrorDetail['loc'], string, string]>([
    [
      'an empty body',
      'account',
      {},
      ['body'],
      'custom',
      'nothing to do: give update, reset, lock or unlock',
    ],
    [
      'an empty channel body',
      'channel',
      {},
      ['body'],
      'custom',
      'nothing to do: give update or reset',
    ],
    [
      'a null body',
      'account',
      null,
      ['body'],
      'invalid_type',
      'Invalid input: expected object, received null',
    ],
    [
      'an array body',
      'workspace',
      [],
      ['body'],
      'invalid_type',
      'Invalid input: expected object, received array',
    ],
    [
      'a string body',
      'account',
      'reset',
      ['body'],
      'invalid_type',
      'Invalid input: expected object, received string',
    ],
    [
      'an update that is an array',
      'account',
      { update: [] },
      ['body', 'update'],
      'custom',
      'Expected an object of settings',
    ],
    [
      'a reset that is not a list',
      'account',
      { reset: SLA },
      ['body', 'reset'],
      'invalid_type',
      'Invalid input: expected array, received string',
    ],
    [
      'an unknown body key',
      'account',
      { update: {}, settings: {} },
      ['body'],
      'unrecognized_keys',
      'Unrecognized key: "settings"',
    ],
    [
      // Channels are the lowest level: nobody below them to lock anything for.
      'lock at channel level',
      'channel',
      { update: {}, lock: [SEND_FEEDBACK] },
      ['body'],
      'unrecognized_keys',
      'Unrecognized key: "lock"',
    ],
    [
      'unlock at channel level',
      'channel',
      { reset: [SLA], unlock: [SEND_FEEDBACK] },
      ['body'],
      'unrecognized_keys',
      'Unrecognized key: "unlock"',
    ],
  ])('%s', (_name, level, body, loc, type, msg) => {
    expect(failure(body, level)).toEqual([{ loc, msg, type }]);
  });
});
