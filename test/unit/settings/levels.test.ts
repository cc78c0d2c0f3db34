import { Features } from '../../../src/settings/features.js';
import {
  effectiveFeatures,
  lockAbove,
  resolve,
  type Level,
  type Provenance,
} from '../../../src/settings/levels.js';
import {
  BOTS,
  SEND_FEEDBACK,
  SLA,
  TIMEZONE,
  WINDOW,
  account,
  catalog,
  channel,
  settings,
  workspace,
} from './fixtures.js';

const WS = { level: 'workspace', id: 'T0ACME', name: 'Acme' } as const;
const ACC = { level: 'account', id: 'acc_globex', name: 'Globex' } as const;
const CHAN = { level: 'channel', id: 'C0GLOBEX' } as const;
const DEFAULT = { level: 'default' } as const;
const SUGGESTED_CHANNEL = 'requests.config.send_suggestedrequest_message_channel';

describe('resolve', () => {
  it.each<[string, Level[], string, Provenance]>([
    [
      'uses the built-in default when no level sets the key',
      [workspace(), account(), channel()],
      WINDOW,
      { value: 5, setAt: DEFAULT, locked: false, lockedAt: null },
    ],
    [
      'uses the default with no levels at all',
      [],
      SEND_FEEDBACK,
      { value: false, setAt: DEFAULT, locked: false, lockedAt: null },
    ],
    [
      'takes the workspace value over the default',
      [workspace(settings({ [WINDOW]: 10 })), account(), channel()],
      WINDOW,
      { value: 10, setAt: WS, locked: false, lockedAt: null },
    ],
    [
      'takes the account value over the workspace value',
      [workspace(settings({ [WINDOW]: 10 })), account(settings({ [WINDOW]: 15 })), channel()],
      WINDOW,
      { value: 15, setAt: ACC, locked: false, lockedAt: null },
    ],
    [
      'takes the channel value over account and workspace',
      [
        workspace(settings({ [WINDOW]: 10 })),
        account(settings({ [WINDOW]: 15 })),
        channel(settings({ [WINDOW]: 20 })),
      ],
      WINDOW,
      { value: 20, setAt: CHAN, locked: false, lockedAt: null },
    ],
    [
      'skips a level that does not set the key',
      [workspace(settings({ [SLA]: 30 })), account(), channel(settings({ [SLA]: 120 }))],
      SLA,
      { value: 120, setAt: CHAN, locked: false, lockedAt: null },
    ],
    [
      // An empty array is a value, not "unset": arrays replace rather than merge.
      'lets an empty array below override a list above',
      [
        workspace(settings({ [BOTS]: ['B0AAA1111'] })),
        account(),
        channel(settings({ [BOTS]: [] })),
      ],
      BOTS,
      { value: [], setAt: CHAN, locked: false, lockedAt: null },
    ],
    [
      'lets an explicit null below override a channel above',
      [
        workspace(settings({ [SUGGESTED_CHANNEL]: 'C0TRIAGE' })),
        account(settings({ [SUGGESTED_CHANNEL]: null })),
      ],
      SUGGESTED_CHANNEL,
      { value: null, setAt: ACC, locked: false, lockedAt: null },
    ],
    [
      'ignores account and channel overrides of a key the workspace locks',
      [
        workspace(settings({ [SEND_FEEDBACK]: true }, [SEND_FEEDBACK])),
        account(settings({ [SEND_FEEDBACK]: false })),
        channel(settings({ [SEND_FEEDBACK]: false })),
      ],
      SEND_FEEDBACK,
      { value: true, setAt: WS, locked: true, lockedAt: WS },
    ],
    [
      // The workspace locks without setting a value: the default (5) is frozen.
      'freezes the inherited default when the lock has no value at its level',
      [
        workspace(settings({}, [WINDOW])),
        account(settings({ [WINDOW]: 15 })),
        channel(settings({ [WINDOW]: 20 })),
      ],
      WINDOW,
      { value: 5, setAt: DEFAULT, locked: true, lockedAt: WS },
    ],
    [
      // The account locks without a value: the workspace's 'Europe/Berlin' is frozen for channels.
      'freezes the workspace value when the account locks without a value',
      [
        workspace(settings({ [TIMEZONE]: 'Europe/Berlin' })),
        account(settings({}, [TIMEZONE])),
        channel(settings({ [TIMEZONE]: 'Asia/Kolkata' })),
      ],
      TIMEZONE,
      { value: 'Europe/Berlin', setAt: WS, locked: true, lockedAt: ACC },
    ],
    [
      'applies an account lock when the workspace locks nothing',
      [
        workspace(settings({ [SLA]: 30 })),
        account(settings({ [SLA]: 45 }, [SLA])),
        channel(settings({ [SLA]: 120 })),
      ],
      SLA,
      { value: 45, setAt: ACC, locked: true, lockedAt: ACC },
    ],
    [
      // Both lock: the most general lock is the one that holds.
      'reports the workspace as the locker when account and workspace both lock',
      [
        workspace(settings({ [SLA]: 30 }, [SLA])),
        account(settings({ [SLA]: 45 }, [SLA])),
        channel(),
      ],
      SLA,
      { value: 30, setAt: WS, locked: true, lockedAt: WS },
    ],
    [
      'leaves other keys unlocked when the workspace locks one key',
      [workspace(settings({}, [SEND_FEEDBACK])), account(settings({ [WINDOW]: 15 })), channel()],
      WINDOW,
      { value: 15, setAt: ACC, locked: false, lockedAt: null },
    ],
  ])('%s', (_name, levels, key, expected) => {
    expect(resolve(catalog, levels)[key]).toEqual(expected);
  });

  it('resolves every catalog key and nothing else', () => {
    const resolved = resolve(catalog, [workspace(settings({ 'not.a.setting': 1 }))]);
    expect(Object.keys(resolved)).toEqual([...catalog.leaves.keys()]);
  });
});

describe('effectiveFeatures', () => {
  it('gives the complete default configuration when no level sets anything', () => {
    expect(effectiveFeatures(resolve(catalog, []))).toEqual(Features.parse({}));
  });

  it('nests the resolved values back into the seed shape', () => {
    const features = effectiveFeatures(
      resolve(catalog, [
        workspace(settings({ [TIMEZONE]: 'Europe/Berlin', [WINDOW]: 10 })),
        account(),
        channel(settings({ [SLA]: 30, [BOTS]: ['B0AAA1111'] })),
      ]),
    );
    const parsed = Features.parse(features);
    expect(parsed).toEqual(features);
    expect(parsed.requests.support.response_sla.workingHoursConfig.timezone).toBe('Europe/Berlin');
    expect(parsed.requests.support.response_sla.workingHoursConfig.workingDays).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(parsed.requests.support.response_sla.sla).toBe(30);
    expect(parsed.requests.config.conversation_grouping_window).toBe(10);
    expect(parsed.requests.config.white_listed_bots).toEqual(['B0AAA1111']);
    expect(parsed.requests.config.send_feedback).toBe(false);
  });
});

describe('lockAbove', () => {
  it.each<[string, Level[], string, string | undefined]>([
    ['finds nothing when no level locks the key', [workspace(), account()], SLA, undefined],
    ['finds the workspace lock', [workspace(settings({}, [SLA])), account()], SLA, 'workspace'],
    ['finds the account lock', [workspace(), account(settings({}, [SLA]))], SLA, 'account'],
    [
      'finds the most general lock first',
      [workspace(settings({}, [SLA])), account(settings({}, [SLA]))],
      SLA,
      'workspace',
    ],
    ['ignores locks of other keys', [workspace(settings({}, [WINDOW]))], SLA, undefined],
  ])('%s', (_name, levels, key, expected) => {
    expect(lockAbove(levels, key)?.level).toBe(expected);
  });
});
