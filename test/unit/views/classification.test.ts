import { Types } from 'mongoose';
import { ACTIONS, CLASSIFY_BLOCK } from '../../../src/constants.js';
import { classificationStamp } from '../../../src/requests/card-picks.js';
import type { Features } from '../../../src/settings/features.js';
import { triageNotification } from '../../../src/views/triage-notification.js';
import type { RequestStatus } from '../../../src/requests/request.js';

type Category = Features['requests']['categories'][number];

const ID = '65a1b2c3d4e5f60718293a4b';
const category = (n: number): Category => ({
  category_name: `Field ${n}`,
  type: n % 2 ? 'text' : 'select',
  available_values: n % 2 ? [] : [{ name: 'Yes', value: 'yes' }],
  capture_change: false,
  mandatory_on_close: n === 0,
  autoassign_by_ai: false,
});
const named = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => ({ name: `${prefix} ${i}`, value: `${prefix}${i}` }));

const card = (status: RequestStatus, categories: Category[], values = [] as never[]) =>
  triageNotification({
    request: {
      _id: new Types.ObjectId(ID),
      channelId: 'C0EXTACME',
      rootTs: '1767603600.000100',
      requesterId: 'U0CUSTOMER',
      text: 'Payroll is down',
      status,
      assigneeId: null,
      groupedTs: [],
      ticket: null,
      severity: null,
      tags: [],
      categories: values,
    },
    channelName: 'ext-acme',
    showPreview: true,
    escalation: true,
    classification: { severity: named(100, 'sev'), tags: named(100, 'tag'), categories },
  }).blocks as { type: string; block_id?: string; elements?: unknown[] }[];

describe('the triage card with classification', () => {
  it("stays within Slack's limits with every list at its largest", () => {
    const blocks = card(
      'open',
      Array.from({ length: 50 }, (_, n) => category(n)),
    );
    expect(blocks.length).toBeLessThanOrEqual(50);
    const pickers = blocks.filter((b) => b.block_id?.startsWith(CLASSIFY_BLOCK));
    // severity + tags + 50 categories = 52 elements: 25 + 25 + 2
    expect(pickers.map((b) => b.elements?.length)).toEqual([25, 25, 2]);
    const stamp = classificationStamp({ severity: null, tags: [], categories: [] });
    expect(pickers.map((b) => b.block_id)).toEqual([
      `${CLASSIFY_BLOCK}${ID}_${stamp}`,
      `${CLASSIFY_BLOCK}${ID}_${stamp}_1`,
      `${CLASSIFY_BLOCK}${ID}_${stamp}_2`,
    ]);
    for (const block of blocks.filter((b) => b.type === 'actions')) {
      expect(block.elements?.length).toBeLessThanOrEqual(25);
    }
    expect(JSON.stringify(pickers[0])).toContain(ACTIONS.severity);
  });

  it('shows no menus on a discarded request, and "needs category" only on a closed one', () => {
    const categories = [category(0)];
    expect(card('discarded', categories).some((b) => b.block_id?.startsWith(CLASSIFY_BLOCK))).toBe(
      false,
    );
    expect(JSON.stringify(card('closed', categories))).toContain('*Needs category*: Field 0');
    expect(JSON.stringify(card('open', categories))).not.toContain('Needs category');
  });
});
