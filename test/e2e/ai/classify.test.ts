import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ACTIONS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import {
  AGENT,
  CUSTOMER,
  TRIAGE,
  cardText,
  click,
  eventually,
  requestOf,
} from '../requests/world.js';
import { opened } from './drafts.js';
import { aiWorld, channelSettings, type AiWorld } from './world.js';

/**
 * The channel classifies by subtypes, AI tags (one blacklisted, in another case) and two
 * categories: Area is only suggested, Product has `autoassign_by_ai` and is set without a click.
 */
const CLASSIFY = {
  requests: {
    ai: { requestSubTypes: ['bug', 'question'] },
    aiTags: {
      userDefinedTags: ['export', 'urgent', 'Assistance'],
      blacklistedAITags: ['assistance'],
    },
    categories: [
      {
        category_name: 'Area',
        type: 'select',
        capture_change: true,
        available_values: [
          { name: 'Data export', value: 'export' },
          { name: 'Billing', value: 'billing' },
        ],
      },
      {
        category_name: 'Product',
        type: 'select',
        autoassign_by_ai: true,
        available_values: [
          { name: 'Reports', value: 'reports' },
          { name: 'API', value: 'api' },
        ],
      },
    ],
  },
};
const OFF = {
  requests: { ai: { requestSubTypes: [] }, aiTags: { userDefinedTags: [] }, categories: [] },
};

/** What the stub answers unless a test says otherwise: one of each, and one blacklisted tag. */
const ANSWER = {
  subtype: 'bug',
  tags: ['export', 'urgent', 'ASSISTANCE'],
  categories: { Area: 'Data export', Product: 'api' },
};
const SUGGESTED = 'Suggested: subtype bug · tags export, urgent · Area: Data export';

/** The bot's log lines, parsed (pino writes one JSON object a line). */
const logLines: Record<string, unknown>[] = [];
const memory = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      logLines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  },
});

type Stored = {
  _id: unknown;
  severity: string | null;
  subType?: string | null;
  tags: string[];
  categories: { name: string; value: string }[];
  aiSuggestion: null | { state: string; subType: string | null; tags: string[]; by: string };
  history: { type: string; field?: string; from?: string | null; to?: string | null; by: string }[];
  webhookEvents: { event: string }[];
};
const stored = async (t: TestBot, ts: string) => (await requestOf(t, ts)) as unknown as Stored;

/** The card's suggestion line (its section block's text), if it shows one. */
async function suggestionLine(t: TestBot, ts: string): Promise<string | undefined> {
  const request = await requestOf(t, ts);
  const blocks = (t.sim.message(TRIAGE, request?.triage.ts as string)?.blocks ?? []) as {
    block_id?: string;
    text?: { text: string };
  }[];
  return blocks.find((b) => b.block_id?.startsWith('ai_suggestion_') && b.text)?.text?.text;
}

describe('AI classification: suggestions on the card, applied with one click', () => {
  let w: AiWorld;
  beforeAll(async () => {
    w = await aiWorld(CLASSIFY, {}, { logger: pino({ level: 'info' }, memory) });
  });
  afterAll(() => w.stop());
  beforeEach(() => {
    w.stub.reset();
    w.stub.on('classify', { json: ANSWER });
  });

  it('shows the suggestion, asks with the allowed values only, and sets an autoassign category', async () => {
    const { t, stub } = w;
    const message = await opened(t, 'U0CLS1', 'The CSV export crashes every time');

    expect(await suggestionLine(t, message.ts)).toBe(`:bulb: ${SUGGESTED}`);
    expect(await cardText(t, message.ts)).toContain(ACTIONS.classifyApply);
    expect(stub.count('classify')).toBe(1);
    const asked = stub.calls.find((c) => c.prompt === 'classify')?.text ?? '';
    expect(asked).toContain('Allowed subtypes: bug, question');
    expect(asked).toContain('Allowed tags: export, urgent\n'); // the blacklisted tag is never offered
    expect(asked).toContain('Area: export, billing; Product: reports, api');
    expect(asked).toContain('The CSV export crashes every time');

    const request = await stored(t, message.ts);
    // Product (autoassign_by_ai) set by the bot without a click; the rest waits for Apply.
    expect(request.categories).toEqual([{ name: 'Product', value: 'api' }]);
    expect(request.subType ?? null).toBeNull();
    expect(request.tags).toEqual([]);
    expect(request.aiSuggestion).toMatchObject({
      state: 'pending',
      subType: 'bug',
      tags: ['export', 'urgent'],
      categories: [{ name: 'Area', value: 'export' }],
    });
    expect(await cardText(t, message.ts)).toContain('Product: *API*');
  });

  it('Apply sets subtype, tags and category as the agent’s picks, once for a double click', async () => {
    const { t } = w;
    // A rule on conversation_updated sees the applied tags, as it sees an agent's pick.
    const rule = await t.api('POST', '/api/v1/automation_rules', {
      name: 'Urgent is high',
      event_name: 'conversation_updated',
      conditions: [{ attribute_key: 'labels', filter_operator: 'equal_to', values: ['urgent'] }],
      actions: [{ action_name: 'set_severity', action_params: ['High'] }],
    });
    expect(rule.status).toBe(201);
    const message = await opened(t, 'U0CLS2', 'Export to CSV fails');
    expect(await suggestionLine(t, message.ts)).toBe(`:bulb: ${SUGGESTED}`);

    await Promise.all([
      click(t, message.ts, ACTIONS.classifyApply),
      click(t, message.ts, ACTIONS.classifyApply),
    ]);
    await t.sim.waitFor(
      () => t.sim.ephemerals(TRIAGE, AGENT).some((e) => e.text.includes('already applied')),
      { what: 'the second click’s answer' },
    );
    const request = await eventually(async () => {
      const r = await stored(t, message.ts);
      return r.categories.length === 2 ? r : undefined;
    });
    expect(request.subType).toBe('bug');
    expect(request.tags).toEqual(['export', 'urgent']);
    expect(request.categories).toEqual([
      { name: 'Product', value: 'api' },
      { name: 'Area', value: 'export' },
    ]);
    expect(request.aiSuggestion).toMatchObject({ state: 'applied', by: AGENT });
    const changes = request.history
      .filter((h) => ['subtype', 'tags', 'category'].includes(h.type))
      .map((h) => [h.type, h.field ?? null, h.from ?? null, h.to ?? null, h.by]);
    expect(changes).toEqual([
      ['subtype', null, null, 'bug', AGENT],
      ['tags', null, null, 'export, urgent', AGENT],
      ['category', 'Area', null, 'export', AGENT],
    ]);

    const runs = await eventually(async () => {
      const listed = await t.api('GET', `/api/v1/automation_rules/${rule.body.id}/runs`);
      const body = listed.body as { event_name: string; result: string }[];
      return body.length > 0 ? body : undefined;
    });
    expect(runs.map((r) => [r.event_name, r.result])).toEqual([['conversation_updated', 'done']]);
    expect((await stored(t, message.ts)).severity).toBe('High');
    await t.api('DELETE', `/api/v1/automation_rules/${rule.body.id}`);

    // The card is redrawn without the suggestion, showing what was set.
    await eventually(async () => (await suggestionLine(t, message.ts)) === undefined);
    const text = await cardText(t, message.ts);
    expect(text).toContain('Subtype: *bug*');
    expect(text).toContain('Area: *Data export*');
    expect(text).not.toContain(ACTIONS.classifyApply);

    // The API reads the subtype, and the tags as labels.
    const id = String(request._id);
    const read = await t.api('GET', `/api/v1/conversations/${id}`);
    expect(read.body).toMatchObject({ sub_type: 'bug', labels: ['export', 'urgent'] });
  });

  it('Dismiss drops the suggestion and sets nothing', async () => {
    const { t } = w;
    const message = await opened(t, 'U0CLS3', 'Export is slow');
    await click(t, message.ts, ACTIONS.classifyDismiss);
    await eventually(async () => (await suggestionLine(t, message.ts)) === undefined);
    const request = await stored(t, message.ts);
    expect(request.aiSuggestion).toMatchObject({ state: 'dismissed', by: AGENT });
    expect([request.subType ?? null, request.tags]).toEqual([null, []]);
    expect(request.categories).toEqual([{ name: 'Product', value: 'api' }]);

    await click(t, message.ts, ACTIONS.classifyApply); // a stale card's Apply changes nothing
    await t.sim.waitFor(
      () => t.sim.ephemerals(TRIAGE, AGENT).some((e) => e.text.includes('already applied')),
      { what: 'the refusal' },
    );
    expect((await stored(t, message.ts)).tags).toEqual([]);
  });

  it('refuses a customer’s Apply and changes nothing', async () => {
    const { t } = w;
    const message = await opened(t, 'U0CLS4', 'Export button missing');
    t.sim.joinChannel(TRIAGE, CUSTOMER);
    await click(t, message.ts, ACTIONS.classifyApply, CUSTOMER);
    await t.sim.waitFor(() => t.sim.ephemerals(TRIAGE, CUSTOMER).length > 0, {
      what: 'the refusal',
    });
    expect(t.sim.ephemerals(TRIAGE, CUSTOMER)[0]?.text).toContain('Only the support team');
    const request = await stored(t, message.ts);
    expect(request.aiSuggestion?.state).toBe('pending');
    expect(request.tags).toEqual([]);
  });

  it('drops values the channel does not configure, and logs which', async () => {
    const { t, stub } = w;
    stub.reset();
    const invented = {
      subtype: 'outage',
      tags: ['made-up', 'Urgent'],
      categories: { Area: 'Moon' },
    };
    stub.on('classify', {
      json: { ...invented, categories: { ...invented.categories, Planet: 'x' } },
    });
    const message = await opened(t, 'U0CLS5', 'Everything is down');
    expect(await suggestionLine(t, message.ts)).toBe(':bulb: Suggested: tags urgent');
    const request = await stored(t, message.ts);
    expect(request.aiSuggestion).toMatchObject({ subType: null, tags: ['urgent'], categories: [] });
    expect(request.categories).toEqual([]);
    const logged = logLines.find((l) => l.requestId === String(request._id) && l.dropped);
    expect(logged?.dropped).toEqual([
      'subtype "outage"',
      'tag "made-up"',
      'category "Area": "Moon"',
      'category "Planet": "x"',
    ]);
    expect(JSON.stringify(logged)).not.toContain('Everything is down'); // never the text
  });

  it('suggests nothing when every value is dropped or the answer is malformed', async () => {
    const { t, stub } = w;
    stub.reset();
    stub.on('classify', { json: { subtype: 'outage', tags: ['assistance'] } });
    const invented = await opened(t, 'U0CLS6', 'Help please');
    stub.reset();
    stub.on('classify', { fault: 'malformed' });
    const malformed = await opened(t, 'U0CLS7', 'The export crashes');
    expect(stub.count('classify')).toBe(1);
    const said = logLines.filter((l) => l.prompt === 'classify').map((l) => l.msg);
    expect(said).toContain('AI answer malformed (not JSON or wrong shape); not using AI');
    for (const message of [invented, malformed]) {
      const request = await stored(t, message.ts);
      expect([request.aiSuggestion, request.categories]).toEqual([null, []]);
      expect(await suggestionLine(t, message.ts)).toBeUndefined();
      expect(await cardText(t, message.ts)).not.toContain(ACTIONS.classifyApply);
    }
  });

  it('suggests nothing when the model does not answer in time', async () => {
    const { t, stub } = w;
    stub.reset();
    stub.on('classify', { fault: 'hang' });
    const message = await opened(t, 'U0CLS10', 'The export hangs');
    expect(stub.count('classify')).toBeGreaterThanOrEqual(1);
    const request = await stored(t, message.ts);
    expect([request.aiSuggestion, request.categories]).toEqual([null, []]);
    expect(await suggestionLine(t, message.ts)).toBeUndefined();
  });

  it('asks once when Slack retries the event or delivers it twice', async () => {
    const { t, stub } = w;
    const message = await opened(t, 'U0CLS8', 'Export retried', 'Ev0CLSRETRY');
    await t.driver.message(message, 'C0EXTACME', {
      eventId: 'Ev0CLSRETRY',
      retryNum: 1,
      retryReason: 'http_timeout',
    });
    await t.driver.message(message, 'C0EXTACME', { eventId: 'Ev0CLSAGAIN' });
    await t.bot.inbox.idle();
    expect(stub.count('classify')).toBe(1);
    expect((await stored(t, message.ts)).aiSuggestion?.state).toBe('pending');
  });

  it('sends nothing to the model when the channel configures nothing to classify by', async () => {
    const { t, stub } = w;
    await channelSettings(t, OFF);
    const message = await opened(t, 'U0CLS9', 'Export fails again');
    expect(stub.count()).toBe(0);
    expect((await stored(t, message.ts)).aiSuggestion).toBeNull();
    await channelSettings(t, CLASSIFY);
  });
});

describe('AI classification past the month’s AI budget', () => {
  let w: AiWorld;
  beforeAll(async () => {
    w = await aiWorld(CLASSIFY, { AI_MONTHLY_TOKEN_BUDGET: '100' });
  });
  afterAll(() => w.stop());

  it('suggests until the budget is used, then asks nothing and suggests nothing', async () => {
    const { t, stub } = w;
    stub.tokensPerCall = 500;
    stub.on('classify', { json: ANSWER });
    const first = await opened(t, 'U0CLSB1', 'Reports are empty');
    expect(await suggestionLine(t, first.ts)).toBe(`:bulb: ${SUGGESTED}`);

    const second = await opened(t, 'U0CLSB2', 'Exports are empty too');
    expect(stub.count('classify')).toBe(1);
    const request = await stored(t, second.ts);
    expect([request.aiSuggestion, request.categories]).toEqual([null, []]);
  });
});
