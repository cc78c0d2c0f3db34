import fc from 'fast-check';
import { AccountCreate, ChannelUpdate, WEEKDAYS } from '../../src/http/schemas.js';
import { keysUnder, normalizeKey, settingsCatalog } from '../../src/settings/catalog.js';
import {
  badKeyList,
  badUpdate,
  contradiction,
  deep,
  hugeString,
  injectionKey,
  injectionKeys,
  injectionValue,
  injectionValues,
  json,
  malformedJson,
  nestPath,
  notAnObject,
  own,
  withUnknownKey,
} from './arbitraries.js';
import {
  OTHER,
  VALID_WRITE,
  apiWorld,
  expectRefusal,
  refusalProblems,
  send,
  type RawResponse,
  storedState,
  type ApiWorld,
} from './api-world.js';

/** Runs per (endpoint, kind of bad input): with the injection table ~100–150 requests per endpoint. */
const RUNS = 15;

describe('HTTP API under malformed and hostile input (property-based)', () => {
  let w: ApiWorld;
  const figures = { properties: 0, runs: 0, table: 0 };

  beforeAll(async () => {
    w = await apiWorld();
  });
  afterAll(async () => {
    await w.t.stop();
    // Figures for the README's reliability section.
    console.log(
      `api-fuzz: ${figures.runs} generated requests over ${figures.properties} properties, ` +
        `${figures.table} injection-table requests, ${w.sent} requests in all`,
    );
  });

  /**
   * Every generated request is refused and leaves the stored documents byte for byte the same.
   * The state to compare with moves on after a write, so that one bad write fails its own run
   * (and what fast-check shrinks it to), not every run after it.
   */
  async function refusesAll<T>(
    inputs: fc.Arbitrary<T>,
    request: (input: T) => Promise<{ res: RawResponse; what: string; status?: number }>,
  ) {
    figures.properties += 1;
    let state = JSON.stringify(await storedState(w));
    await fc.assert(
      fc.asyncProperty(inputs, async (input) => {
        figures.runs += 1;
        const { res, what, status } = await request(input);
        const after = JSON.stringify(await storedState(w));
        const wrote = after !== state;
        state = after;
        expectRefusal(w, res, what);
        if (status !== undefined) expect(`${what} → ${res.status}`).toBe(`${what} → ${status}`);
        if (wrote) throw new Error(`${what} → ${res.status}, yet the stored documents changed`);
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: 20_000 },
    );
  }

  const refusesBodies = (method: string, path: string, bodies: fc.Arbitrary<string>) =>
    refusesAll(bodies, async (body) => ({
      res: await send(w, method, path, body),
      what: `${method} ${path} ${body.slice(0, 300)}`,
    }));

  /** Every body of an exhaustive table is refused; the stored documents are the same after. */
  async function refusesTable(method: string, path: string, bodies: string[]) {
    const before = await storedState(w);
    const accepted: string[] = [];
    for (const body of bodies) {
      figures.table += 1;
      const res = await send(w, method, path, body);
      const problems = refusalProblems(w, res);
      if (problems.length > 0) accepted.push(`${body} → ${res.status} (${problems.join(', ')})`);
    }
    expect(accepted).toEqual([]);
    expect(await storedState(w)).toEqual(before);
  }

  const catalog = settingsCatalog();
  const isRealKey = (key: unknown) =>
    typeof key === 'string' && key !== '' && keysUnder(catalog, normalizeKey(key)).length > 0;
  const stringify = (body: unknown) => JSON.stringify(body);

  const settingsEndpoints = [
    ['workspace', () => '/api/v1/workspace/settings', ['update', 'reset', 'lock', 'unlock']],
    [
      'account',
      () => `/api/v1/accounts/${w.accountId}/settings`,
      ['update', 'reset', 'lock', 'unlock'],
    ],
    ['channel', () => '/api/v1/channels/C0FUZZ/settings', ['update', 'reset']],
  ] as const;

  describe.each(settingsEndpoints)('PATCH %s settings', (level, path, fields) => {
    const lists = fields.filter((field) => field !== 'update');
    const kinds: [string, () => fc.Arbitrary<string>][] = [
      ['malformed JSON', () => malformedJson],
      ['JSON that is not an object', () => notAnObject],
      ['unknown top-level keys', () => withUnknownKey(fields, VALID_WRITE)],
      ['an update naming unknown or wrongly typed settings', () => badUpdate],
      [`a bad ${lists.join('/')} list`, () => badKeyList(lists)],
      [
        'contradictory keys, or nothing to do',
        () => fc.oneof(contradiction(level !== 'channel'), fc.constant('{}')),
      ],
    ];
    if (level === 'channel') {
      kinds.push([
        'lock or unlock, which a channel does not take',
        () =>
          fc
            .constantFrom('lock', 'unlock')
            .map((field) => stringify({ [field]: ['requests.config.send_feedback'] })),
      ]);
    }
    it.each(kinds)(
      'refuses %s with a 4xx and writes nothing',
      async (_kind, bodies) => {
        await refusesBodies('PATCH', path(), bodies());
      },
      60_000,
    );

    it('refuses every injection-shaped key and value in every place of the body', async () => {
      const config = (inner: unknown) => ({ update: { requests: { config: inner } } });
      const bodies = [
        ...injectionKeys.flatMap((key) => [
          stringify(own([[key, VALID_WRITE.update]])),
          stringify({ update: own([[key, { $gt: '' }]]) }),
          stringify({ update: own([[key, true]]) }),
          stringify(config(own([[key, true]]))),
          stringify({ update: nestPath(['requests', 'support', key], { $ne: null }) }),
          ...(isRealKey(key) ? [] : lists.map((list) => stringify({ [list]: [key] }))),
        ]),
        ...injectionValues.flatMap((value) => [
          stringify(config({ conversation_grouping_window: value })),
          stringify(config({ send_feedback: own([['value', value]]) })),
          stringify({ update: { features: own([['$where', value]]) } }),
          stringify({ update: value }),
          ...(isRealKey(value) ? [] : lists.map((list) => stringify({ [list]: [value] }))),
        ]),
      ];
      await refusesTable('PATCH', path(), bodies);
    });
  });

  describe('PUT /channels/{id}', () => {
    const fieldsOf = Object.keys(ChannelUpdate.shape);
    const schedule = fc.oneof(
      json,
      fc.record({
        enabled: json,
        start: fc.oneof(fc.string(), json),
        end: fc.oneof(fc.string(), json),
      }),
    );
    const badField = fc
      .oneof(
        fc.tuple(fc.constantFrom(...fieldsOf), fc.oneof(json, deep, injectionValue, hugeString)),
        fc.tuple(
          fc.constant('business_hours'),
          fc
            .array(fc.tuple(fc.oneof(fc.constantFrom(...WEEKDAYS), injectionKey), schedule), {
              minLength: 1,
              maxLength: 4,
            })
            .map(own),
        ),
      )
      .map(([field, value]) => stringify(own([[field, value]])))
      .filter((text) => !ChannelUpdate.safeParse(JSON.parse(text)).success);
    it.each([
      ['malformed JSON', malformedJson],
      ['JSON that is not an object', notAnObject],
      ['unknown keys', withUnknownKey(fieldsOf, { assignment_mode: 'csm' })],
      ['fields of the wrong type or format', badField],
    ] as const)(
      'refuses %s with a 4xx and writes nothing',
      async (_kind, bodies) => {
        await refusesBodies('PUT', '/api/v1/channels/C0FUZZ', bodies);
      },
      60_000,
    );

    it('refuses every injection-shaped key and value in every place of the body', async () => {
      const monday = { enabled: true, start: '09:00', end: '17:00' };
      const bodies = [
        ...injectionKeys.flatMap((key) => [
          stringify(own([[key, 'csm']])),
          stringify({ business_hours: own([[key, monday]]) }),
          stringify({ business_hours: { monday: own([...Object.entries(monday), [key, 'x']]) } }),
        ]),
        ...injectionValues.flatMap((value) => [
          ...fieldsOf.map((field) => stringify(own([[field, value]]))),
          stringify({ business_hours: { monday: value } }),
          stringify({ business_hours: { monday: { ...monday, start: value } } }),
          stringify({ business_hours: { monday: { ...monday, enabled: value } } }),
        ]),
      ];
      await refusesTable('PUT', '/api/v1/channels/C0FUZZ', bodies);
    });
  });

  describe('POST /accounts', () => {
    const badFields = fc
      .tuple(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          json,
          injectionValue,
          hugeString,
          fc.constant('   '),
        ),
        fc.oneof(
          fc.array(fc.oneof(fc.string(), injectionKey, json), { minLength: 1, maxLength: 3 }),
          json,
          fc.constant(Array.from({ length: 101 }, (_, i) => `C0X${i}`)),
        ),
        fc.constantFrom('name', 'channels', 'both'),
      )
      .map(([name, channels, which]) =>
        stringify(
          which === 'name'
            ? { name, channels: [] }
            : which === 'channels'
              ? { name: 'Valid Name', channels }
              : { name, channels },
        ),
      )
      .filter((text) => !AccountCreate.safeParse(JSON.parse(text)).success);
    const unknownChannel = fc
      .tuple(fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,30}$/), fc.stringMatching(/^C[0-9A-Z]{9}$/))
      .filter(([, id]) => id !== 'C0FUZZ' && id !== OTHER.channel)
      .map(([name, id]) => stringify({ name: `New ${name}`, channels: [id] }));
    const duplicate = fc
      .tuple(fc.stringMatching(/^ {0,3}$/), fc.stringMatching(/^ {0,3}$/))
      .map(([before, after]) => stringify({ name: `${before}Fuzz Account${after}` }));
    it.each([
      ['malformed JSON', malformedJson],
      ['JSON that is not an object', notAnObject],
      ['unknown keys', withUnknownKey(['name', 'channels'], { name: 'Valid Name' })],
      ['a name or channel list of the wrong type or format', badFields],
      ['a channel Slack does not have', unknownChannel],
      ['the name of an existing account', duplicate],
    ] as const)(
      'refuses %s with a 4xx and writes nothing',
      async (_kind, bodies) => {
        await refusesBodies('POST', '/api/v1/accounts', bodies);
      },
      60_000,
    );

    it('refuses every injection-shaped key and value in every place of the body', async () => {
      const bodies = [
        ...injectionKeys.flatMap((key) => [
          stringify(own([[key, 'Injected']])),
          stringify(
            own([
              ['name', 'Injected'],
              [key, { $gt: '' }],
            ]),
          ),
        ]),
        ...injectionValues
          .filter((value) => typeof value !== 'string')
          .map((value) => stringify({ name: value })),
        ...injectionValues.flatMap((value) => [
          stringify({ name: 'Injected', channels: value }),
          stringify({ name: 'Injected', channels: [value] }),
        ]),
      ];
      await refusesTable('POST', '/api/v1/accounts', bodies);
    });
  });

  describe('report query strings', () => {
    const good = { metric: 'conversations_count', since: '2026-03-01', until: '2026-03-31' };
    // A lone surrogate (the injection values have some) cannot be put in a URL at all:
    // encodeURIComponent throws, so no client sends one; it goes as U+FFFD, as URLSearchParams does.
    const wellFormed = (s: unknown) => String(s).replace(/[\ud800-\udfff]/gu, '\ufffd');
    const query = (params: Record<string, string>) =>
      Object.entries(params)
        .map(
          ([k, v]) => `${encodeURIComponent(wellFormed(k))}=${encodeURIComponent(wellFormed(v))}`,
        )
        .join('&');
    const bad = fc.oneof(
      fc
        .oneof(fc.string({ unit: 'grapheme' }), injectionValue)
        .map((metric) => ({ ...good, metric })),
      fc
        .oneof(fc.string({ unit: 'grapheme' }), injectionValue, fc.constant('2026-13-45'))
        .map((since) => ({ ...good, since })),
      fc.integer({ min: 401, max: 5_000 }).map((days) => ({
        ...good,
        until: String(Date.parse('2026-03-01') / 1000 + days * 86_400),
      })),
      fc.constantFrom('agent', 'team', 'label', 'inbox').map((type) => ({ ...good, type })),
      fc.oneof(fc.string({ unit: 'grapheme' }), injectionKey).map((type) => ({ ...good, type })),
    );
    it.each(['/api/v1/reports', '/api/v1/reports/export.csv'])(
      'GET %s refuses an unknown metric, bad dates, too long a range, a subject without id',
      async (path) => {
        await refusesAll(bad, async (params) => {
          const target = `${path}?${query(params as Record<string, string>)}`;
          const res = await send(w, 'GET', target);
          return { res, what: `GET ${target.slice(0, 200)}` };
        });
      },
      60_000,
    );
    it('GET /reports answers 404 for any unknown channel, account, team or agent', async () => {
      const subjects = fc.tuple(
        fc.constantFrom('channel', 'inbox', 'account', 'team', 'agent'),
        fc.oneof(
          fc.stringMatching(/^[0-9a-f]{24}$/),
          fc.stringMatching(/^[CGU][A-Z0-9]{2,12}$/),
          fc.constantFrom(OTHER.channel, w.otherAccountId, '{"$gt":""}', '$where'),
        ),
      );
      await refusesAll(subjects, async ([type, id]) => {
        const target = `/api/v1/reports/summary?${query({ since: good.since, until: good.until, type, id })}`;
        const res = await send(w, 'GET', target);
        return { res, what: `GET ${target}`, status: 404 };
      });
    }, 60_000);
  });

  describe('ids in the path', () => {
    const routes = [
      ['GET', '/api/v1/accounts/{id}'],
      ['PATCH', '/api/v1/accounts/{id}'],
      ['GET', '/api/v1/accounts/{id}/settings'],
      ['PATCH', '/api/v1/accounts/{id}/settings'],
      ['GET', '/api/v1/channels/{id}'],
      ['PUT', '/api/v1/channels/{id}'],
      ['GET', '/api/v1/channels/{id}/settings'],
      ['PATCH', '/api/v1/channels/{id}/settings'],
      ['POST', '/api/v1/conversations/{id}/custom_attributes'],
      ['GET', '/api/v1/conversations/{id}'],
      ['GET', '/api/v1/conversations/{id}/labels'],
      ['POST', '/api/v1/conversations/{id}/toggle_status'],
      ['GET', '/api/v1/conversations/{id}/messages'],
      ['POST', '/api/v1/conversations/{id}/messages'],
      ['GET', '/api/v1/contacts/{id}'],
      ['PUT', '/api/v1/contacts/{id}'],
      ['GET', '/api/v1/contacts/{id}/conversations'],
      ['GET', '/api/v1/connectors/{id}'],
      ['PATCH', '/api/v1/connectors/{id}'],
      ['DELETE', '/api/v1/connectors/{id}'],
    ] as const;
    const ids = fc
      .oneof(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
        fc.string({ unit: 'binary', minLength: 300, maxLength: 1000 }),
        fc.stringMatching(/^[0-9a-f]{24}$/),
        fc.stringMatching(/^[CGD][A-Z0-9]{2,12}$/),
        injectionKey,
        fc.constantFrom('{"$gt":""}', '$where', 'C0FUZZ.', 'C0FUZZ/settings', '../C0FUZZ', ' '),
      )
      // A lone surrogate cannot be put in a URL (encodeURIComponent throws): it reaches no API.
      .map((id) => id.replace(/[\ud800-\udfff]/gu, '\ufffd'))
      // `.` and `..` are dot segments the URL parser removes before the request is sent.
      .filter((id) => id !== '' && id !== '.' && id !== '..')
      .filter((id) => ![w.accountId, 'C0FUZZ', w.otherAccountId, OTHER.channel].includes(id));

    it.each(routes)(
      '%s %s answers 404 with the error body for any unknown id, writing nothing',
      async (method, route) => {
        const body = route.startsWith('/api/v1/contacts/')
          ? stringify({ name: 'Fuzz' })
          : route === '/api/v1/accounts/{id}'
            ? stringify({ crm: null })
            : route.startsWith('/api/v1/connectors/')
              ? stringify({ options: { agent_replies_public: true } })
              : method === 'PUT'
                ? stringify({ assignment_mode: 'csm' })
                : route.endsWith('/toggle_status')
                  ? stringify({ status: 'resolved' })
                  : route.endsWith('/messages')
                    ? stringify({ content: 'Hello', private: false })
                    : method === 'POST'
                      ? stringify({ custom_attributes: { seats: 1 } })
                      : stringify(VALID_WRITE);
        await refusesAll(ids, async (id) => {
          const path = route.replace('{id}', encodeURIComponent(id));
          const res = await send(w, method, path, method === 'GET' ? undefined : body);
          return { res, what: `${method} ${path.slice(0, 200)}`, status: 404 };
        });
      },
      60_000,
    );
  });
});
