import { ACTIONS } from '../../../src/constants.js';
import {
  appHomeView,
  formatDuration,
  MAX_VIEW_BLOCKS,
  slaState,
} from '../../../src/views/app-home.js';
import type { HomeRequest } from '../../../src/home/summary.js';
import type { ReviewItem } from '../../../src/home/review.js';

const NOW = new Date('2025-03-12T12:00:00Z');
const at = (iso: string) => new Date(iso);
const NO_SLA: HomeRequest['sla'] = {
  responseDueAt: null,
  responseBreachedAt: null,
  closureDueAt: null,
  closureBreachedAt: null,
  pausedAt: null,
};

function request(overrides: Partial<HomeRequest> = {}): HomeRequest {
  return {
    id: 'r1',
    channelId: 'C0ACME',
    rootTs: '1741770000.000100',
    requesterId: 'U0CAROL',
    assigneeId: null,
    status: 'open',
    createdAt: at('2025-03-12T09:00:00Z'),
    firstResponseAt: null,
    preview: 'Invoices are missing',
    sla: NO_SLA,
    severity: null,
    tags: [],
    ...overrides,
  };
}

const many = (n: number, overrides: Partial<HomeRequest> = {}) =>
  Array.from({ length: n }, (_, i) => request({ id: `r${i}`, ...overrides }));
const texts = (blocks: unknown[]) => JSON.stringify(blocks);
const headers = (blocks: { type: string; text?: { text: string } }[]) =>
  blocks.filter((b) => b.type === 'header').map((b) => b.text?.text);

describe('slaState', () => {
  it.each<[string, Partial<HomeRequest['sla']>, Date | null, string | null]>([
    ['no SLA at all', {}, null, null],
    // 12:00 → 12:25
    [
      'response due later',
      { responseDueAt: at('2025-03-12T12:25:00Z') },
      null,
      'response due in 25m',
    ],
    // 12:00 → 12:25:59 rounds down
    ['rounds down', { responseDueAt: at('2025-03-12T12:25:59Z') }, null, 'response due in 25m'],
    ['under a minute', { responseDueAt: at('2025-03-12T12:00:30Z') }, null, 'response due in <1m'],
    // 12:00 → 15:00
    ['hours', { responseDueAt: at('2025-03-12T15:00:00Z') }, null, 'response due in 3h'],
    [
      'response flagged as breached',
      { responseDueAt: at('2025-03-12T11:00:00Z'), responseBreachedAt: at('2025-03-12T11:00:00Z') },
      null,
      '⚠️ response SLA breached',
    ],
    [
      'response due date passed, breach job not run yet',
      { responseDueAt: at('2025-03-12T11:59:00Z') },
      null,
      '⚠️ response SLA breached',
    ],
    // Wed 12:00 → Fri 13:00 = 2d 1h
    [
      'closure due once answered',
      { responseDueAt: at('2025-03-12T12:10:00Z'), closureDueAt: at('2025-03-14T13:00:00Z') },
      at('2025-03-12T11:30:00Z'),
      'closure due in 2d',
    ],
    [
      'closure breached',
      { closureDueAt: at('2025-03-11T12:00:00Z'), closureBreachedAt: at('2025-03-11T12:00:00Z') },
      at('2025-03-10T12:00:00Z'),
      '⚠️ closure SLA breached',
    ],
    [
      'paused on hold',
      { responseDueAt: at('2025-03-12T12:25:00Z'), pausedAt: at('2025-03-12T11:00:00Z') },
      null,
      'SLA paused (on hold)',
    ],
    [
      'a breach outranks a pause',
      { responseBreachedAt: at('2025-03-12T10:00:00Z'), pausedAt: at('2025-03-12T11:00:00Z') },
      null,
      '⚠️ response SLA breached',
    ],
    [
      'answered, no closure SLA',
      { responseDueAt: at('2025-03-12T12:25:00Z') },
      at('2025-03-12T11:00:00Z'),
      null,
    ],
  ])('%s', (_name, sla, firstResponseAt, expected) => {
    expect(slaState({ sla: { ...NO_SLA, ...sla }, firstResponseAt }, NOW)).toBe(expected);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '<1m'],
    [-5_000, '<1m'],
    [59_999, '<1m'],
    [60_000, '1m'],
    [59 * 60_000, '59m'],
    [3 * 3_600_000 + 59 * 60_000, '3h'],
    [47 * 3_600_000, '1d'],
    [49 * 3_600_000, '2d'],
  ])('%i ms reads %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe('appHomeView', () => {
  it('shows both lists with counts, one section per request, and a Refresh button', () => {
    const view = appHomeView(
      {
        assigned: { requests: [request({ id: 'a1', assigneeId: 'U0ME' })], total: 1 },
        unassigned: { requests: [], total: 0 },
      },
      NOW,
    );
    expect(view.type).toBe('home');
    expect(headers(view.blocks as never)).toEqual([
      'Requests',
      'Assigned to you (1)',
      'Unassigned (0)',
    ]);
    const line = view.blocks.find((b) => b.block_id === 'home_request_a1');
    // created 09:00, now 12:00
    expect(line).toEqual({
      type: 'section',
      block_id: 'home_request_a1',
      text: {
        type: 'mrkdwn',
        text:
          ':large_yellow_circle: *Open* · <#C0ACME> · <@U0CAROL> · opened 3h ago · ' +
          '<https://slack.com/archives/C0ACME/p1741770000000100|View thread>\n>Invoices are missing',
      },
    });
    expect(texts(view.blocks)).toContain('All caught up.');
    expect(texts(view.blocks)).toContain(`"action_id":"${ACTIONS.homeRefresh}"`);
  });

  it('escapes and shortens previews, and hides those of private channels', () => {
    const long = `<!channel> ${'x'.repeat(500)}`;
    const view = appHomeView(
      {
        assigned: { requests: [request({ id: 'a', preview: long })], total: 1 },
        unassigned: { requests: [request({ id: 'b', preview: null })], total: 1 },
      },
      NOW,
    );
    const text = (id: string) =>
      (view.blocks.find((b) => b.block_id === `home_request_${id}`) as { text: { text: string } })
        .text.text;
    expect(text('a')).toContain('>&lt;!channel&gt; xxx');
    expect(text('a')).not.toContain('<!channel>');
    expect(text('a').split('\n')[1]?.length).toBeLessThanOrEqual(141);
    expect(text('a').endsWith('…')).toBe(true);
    expect(text('b')).toContain('_Preview hidden: private channel_');
  });

  it('adds the SLA state to the line', () => {
    const view = appHomeView(
      {
        assigned: {
          requests: [request({ sla: { ...NO_SLA, responseDueAt: at('2025-03-12T12:25:00Z') } })],
          total: 1,
        },
        unassigned: { requests: [], total: 0 },
      },
      NOW,
    );
    expect(texts(view.blocks)).toContain('· response due in 25m');
  });

  it('shows the severity and tags by name, escaped, after the SLA state', () => {
    const view = appHomeView(
      {
        assigned: {
          requests: [
            request({ severity: 'High', tags: ['Billing', 'R&D'] }),
            request({ id: 'r2', severity: null, tags: [] }),
          ],
          total: 2,
        },
        unassigned: { requests: [], total: 0 },
      },
      NOW,
    );
    const lines = (view.blocks as { block_id?: string; text?: { text: string } }[])
      .filter((b) => b.block_id?.startsWith('home_request_'))
      .map((b) => b.text?.text.split('\n')[0]);
    expect(lines[0]).toMatch(/View thread> · Severity: \*High\* · Tags: Billing, R&amp;D$/);
    expect(lines[1]).not.toContain('Severity');
    expect(lines[1]).not.toContain('Tags');
  });

  it('lists other agents’ requests with their assignee when owner filters are on', () => {
    const view = appHomeView(
      {
        assigned: { requests: [], total: 0 },
        unassigned: { requests: [], total: 0 },
        others: { requests: [request({ assigneeId: 'U0BOB' })], total: 1 },
      },
      NOW,
    );
    expect(headers(view.blocks as never)).toContain("Other agents' requests (1)");
    expect(texts(view.blocks)).toContain('assigned to <@U0BOB>');
  });

  it('cuts long lists, says how many more, and stays within 100 blocks', () => {
    const view = appHomeView(
      {
        assigned: { requests: many(20), total: 57 },
        unassigned: { requests: many(40), total: 40 },
        others: { requests: many(40), total: 300 },
      },
      NOW,
    );
    expect(view.blocks.length).toBeLessThanOrEqual(MAX_VIEW_BLOCKS);
    expect(headers(view.blocks as never)).toEqual([
      'Requests',
      'Assigned to you (57)',
      'Unassigned (40)',
      "Other agents' requests (300)",
    ]);
    // 20 shown of each
    expect(texts(view.blocks)).toContain('and 37 more');
    expect(texts(view.blocks)).toContain('and 20 more');
    expect(texts(view.blocks)).toContain('and 280 more');
  });
});

describe('appHomeView: kept for review', () => {
  const item = (id: string, overrides: Partial<ReviewItem> = {}): ReviewItem => ({
    id,
    channelId: 'C0ACME',
    ts: '1741770000.000100',
    authorId: 'U0CAROL',
    why: 'pleasantry',
    createdAt: at('2025-03-12T11:30:00Z'),
    preview: 'thanks!',
    hideName: false,
    ...overrides,
  });

  it('lists kept messages with why, a preview and Create request / Dismiss, after the requests', () => {
    const view = appHomeView(
      {
        assigned: { requests: [], total: 0 },
        unassigned: { requests: [], total: 0 },
        review: { items: [item('k1')], total: 3 },
      },
      NOW,
    );
    expect(headers(view.blocks as never)).toEqual([
      'Requests',
      'Assigned to you (0)',
      'Unassigned (0)',
      'Kept for review (3)',
    ]);
    const line = view.blocks.find((b) => b.block_id === 'home_kept_k1');
    // kept 11:30, now 12:00
    expect(JSON.stringify(line)).toContain(
      '<@U0CAROL> · <#C0ACME> · 30m ago · <https://slack.com/archives/C0ACME/p1741770000000100|View message>\\n>thanks!\\n_Kept: a pleasantry._',
    );
    expect(texts(view.blocks)).toContain(ACTIONS.suggestionCreate);
    expect(texts(view.blocks)).toContain(ACTIONS.suggestionDismiss);
    expect(texts(view.blocks)).toContain('and 2 more');
  });

  it('hides what a private channel may not show', () => {
    const hidden = item('k2', { preview: null, hideName: true });
    const view = appHomeView(
      {
        assigned: { requests: [], total: 0 },
        unassigned: { requests: [], total: 0 },
        review: { items: [hidden], total: 1 },
      },
      NOW,
    );
    const text = texts(view.blocks);
    expect(text).toContain('a private channel');
    expect(text).not.toContain('<#C0ACME>');
    expect(text).toContain('_Preview hidden: private channel_');
  });

  it('stays within the block limit with full lists and a full review section', () => {
    const view = appHomeView(
      {
        assigned: { requests: many(40), total: 40 },
        unassigned: { requests: many(40), total: 40 },
        others: { requests: many(40), total: 40 },
        review: { items: ['a', 'b', 'c', 'd', 'e'].map((id) => item(id)), total: 9 },
      },
      NOW,
    );
    expect(view.blocks.length).toBeLessThanOrEqual(MAX_VIEW_BLOCKS);
  });
});

describe('appHomeView: connectors (admins)', () => {
  const connector = (i: number) => ({
    id: `c${i}`,
    type: 'zendesk' as const,
    name: 'Zendesk',
    baseUrl: `https://acme${i}.zendesk.com`,
    error: i === 0 ? 'Zendesk answered 401: it refused these credentials' : null,
    checkedAt: NOW,
    webhookSecretSet: i === 0,
    channels: i === 0 ? ['C0ACME'] : [],
  });

  it('comes last, keeps the whole page within 100 blocks with 10 connectors and long lists', () => {
    const view = appHomeView(
      {
        assigned: { requests: many(20), total: 57 },
        unassigned: { requests: many(40), total: 40 },
        others: { requests: many(40), total: 300 },
        connectors: Array.from({ length: 10 }, (_, i) => connector(i)),
      },
      NOW,
    );
    expect(view.blocks.length).toBeLessThanOrEqual(MAX_VIEW_BLOCKS);
    expect(headers(view.blocks as never).at(-1)).toBe('Connectors (10)');
    const text = texts(view.blocks);
    expect(text).toContain(':warning: Zendesk answered 401: it refused these credentials');
    expect(text).toContain('Used by <#C0ACME>');
    expect(text).toContain('credentials set, webhook secret set');
    expect(text).toContain(`"action_id":"${ACTIONS.connectorAdd}"`);
  });

  it('is absent when the viewer is no admin (no connectors given)', () => {
    const view = appHomeView(
      { assigned: { requests: [], total: 0 }, unassigned: { requests: [], total: 0 } },
      NOW,
    );
    expect(texts(view.blocks)).not.toContain('Connectors');
  });
});
