import type { SectionBlock, StaticSelect } from '@slack/types';
import { ACTIONS } from '../../../src/constants.js';
import { chosenViewOf, type HomeRequest } from '../../../src/home/summary.js';
import { appHomeView, MAX_VIEW_BLOCKS } from '../../../src/views/app-home.js';
import { ALL_REQUESTS, viewsBlock } from '../../../src/views/home-views.js';

const NOW = new Date('2025-03-12T12:00:00Z');
const ID = '6740c0ffee0123456789abd1';
const request = (id: string): HomeRequest => ({
  id,
  channelId: 'C0ACME',
  rootTs: '1741770000.000100',
  requesterId: 'U0CAROL',
  assigneeId: 'U0BOB',
  status: 'closed',
  createdAt: new Date('2025-03-12T09:00:00Z'),
  firstResponseAt: null,
  preview: 'Invoices are missing',
  sla: {
    responseDueAt: null,
    responseBreachedAt: null,
    closureDueAt: null,
    closureBreachedAt: null,
    pausedAt: null,
  },
  severity: null,
  tags: [],
});
const EMPTY = { requests: [], total: 0 };
const menuOf = (block: unknown) => (block as SectionBlock).accessory as StaticSelect;

describe('viewsBlock', () => {
  it('offers "All open requests" then each saved filter, the chosen one selected', () => {
    const filters = [
      { id: ID, name: 'Invoices' },
      { id: '6740c0ffee0123456789abd2', name: 'x'.repeat(80) },
    ];
    const menu = menuOf(viewsBlock({ filters }));
    expect(menu.action_id).toBe(ACTIONS.homeView);
    expect(menu.options?.map((o) => [o.text.text.length, o.value])).toEqual([
      [17, ALL_REQUESTS],
      [8, ID],
      [75, '6740c0ffee0123456789abd2'], // Slack's limit for an option's text
    ]);
    expect(menu.initial_option?.value).toBe(ALL_REQUESTS);
    const chosen = menuOf(
      viewsBlock({ filters, chosen: { id: ID, name: 'Invoices', list: EMPTY } }),
    );
    expect(chosen.initial_option?.value).toBe(ID);
  });
});

describe('appHomeView with a view chosen', () => {
  const input = {
    assigned: { requests: [request('mine')], total: 1 },
    unassigned: EMPTY,
    others: EMPTY,
    views: {
      filters: [{ id: ID, name: 'Invoices' }],
      chosen: { id: ID, name: 'Invoices', list: { requests: [request('r1')], total: 1 } },
    },
  };

  it('lists only the view’s requests, with their assignee, and keeps the choice in private_metadata', () => {
    const view = appHomeView(input, NOW);
    const headers = view.blocks.filter((b) => b.type === 'header');
    expect(headers.map((b) => (b as { text: { text: string } }).text.text)).toEqual([
      'Requests',
      'Invoices (1)',
    ]);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('home_request_r1');
    expect(text).not.toContain('home_request_mine');
    expect(text).toContain('assigned to <@U0BOB>');
    expect(view.private_metadata).toBe(ID);
    expect(chosenViewOf(view)).toBe(ID);
  });

  it('says "No requests match." for an empty view and stays within the block limit when full', () => {
    const empty = {
      ...input,
      views: { ...input.views, chosen: { ...input.views.chosen, list: EMPTY } },
    };
    expect(JSON.stringify(appHomeView(empty, NOW).blocks)).toContain('No requests match.');
    const requests = Array.from({ length: 20 }, (_, i) => request(`r${i}`));
    const full = {
      ...input,
      views: { ...input.views, chosen: { ...input.views.chosen, list: { requests, total: 300 } } },
    };
    const blocks = appHomeView(full, NOW).blocks;
    expect(blocks.length).toBeLessThanOrEqual(MAX_VIEW_BLOCKS);
    expect(JSON.stringify(blocks)).toContain('and 280 more');
  });

  it('shows the default lists and no metadata with no view chosen, and no menu without filters', () => {
    const none = appHomeView({ ...input, views: { filters: input.views.filters } }, NOW);
    expect(JSON.stringify(none.blocks)).toContain('home_request_mine');
    expect(none.private_metadata).toBeUndefined();
    expect(chosenViewOf(none)).toBeUndefined();
    const noViews = { ...input, views: undefined };
    expect(JSON.stringify(appHomeView(noViews, NOW).blocks)).not.toContain('Your views');
  });

  it('reads only a filter id back from private_metadata', () => {
    expect(chosenViewOf({ private_metadata: 'all' })).toBeUndefined();
    expect(chosenViewOf({ private_metadata: '{"$gt":""}' })).toBeUndefined();
    expect(chosenViewOf(undefined)).toBeUndefined();
  });
});
