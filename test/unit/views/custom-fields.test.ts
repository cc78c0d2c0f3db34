import { Types } from 'mongoose';
import { ACTIONS } from '../../../src/constants.js';
import type { FieldDefinition } from '../../../src/custom-fields/definition.js';
import type { FieldValue } from '../../../src/custom-fields/values.js';
import type { RequestStatus } from '../../../src/requests/request.js';
import { customFieldsModal, fieldsNote } from '../../../src/views/custom-fields.js';
import { triageNotification } from '../../../src/views/triage-notification.js';

const ID = '65a1b2c3d4e5f60718293a4b';
const FIELDS: FieldDefinition[] = [
  { key: 'plan', name: 'Plan', type: 'list', values: ['Enterprise', 'Team'] },
  { key: 'renewal', name: 'Renewal', type: 'date', values: [] },
  { key: 'note', name: 'Note <b>', type: 'text', values: [] },
];

const card = (status: RequestStatus, fields: FieldDefinition[], values: FieldValue[] = []) =>
  triageNotification({
    request: {
      _id: new Types.ObjectId(ID),
      channelId: 'C0EXTACME',
      rootTs: '1767603600.000100',
      requesterId: 'U0CUSTOMER',
      text: 'Renewal question',
      status,
      assigneeId: null,
      groupedTs: [],
      ticket: null,
    },
    channelName: 'ext-acme',
    showPreview: true,
    customFields: { fields, values },
  }).blocks;
const menus = (blocks: ReturnType<typeof card>) =>
  JSON.stringify(blocks).split(`"action_id":"${ACTIONS.fieldsMenu}"`).length - 1;

describe('custom fields on the triage card', () => {
  it.each<[RequestStatus, string, FieldDefinition[], number]>([
    ['open', 'three', FIELDS, 1],
    ['closed', 'three', FIELDS, 1], // a closed request's fields can still be set
    ['discarded', 'three', FIELDS, 0],
    ['open', 'no', [], 0], // the channel applies no field
  ])('a %s request with %s fields has %i "Edit fields" menus', (status, _n, fields, count) => {
    expect(menus(card(status, fields))).toBe(count);
  });

  it('shows the values set, in the fields’ order, dates spelled out and text escaped', () => {
    const values: FieldValue[] = [
      { key: 'note', value: '*VIP* <@U1>' },
      { key: 'renewal', value: '2026-12-01' },
      { key: 'gone', value: 'of a field no longer applied' },
    ];
    expect(fieldsNote({ fields: FIELDS, values })).toBe(
      'Renewal: 1 Dec 2026 · Note &lt;b&gt;: *VIP* &lt;@U1&gt;',
    );
    expect(fieldsNote({ fields: FIELDS, values: [] })).toBeUndefined();
  });

  it('keeps a list value the list no longer offers as the menu’s choice', () => {
    const modal = customFieldsModal({ requestId: ID, stamp: 's' }, FIELDS.slice(0, 1), [
      { key: 'plan', value: 'Legacy' },
    ]);
    const element = (modal.blocks[0] as unknown as { element: Record<string, unknown> }).element;
    expect((element.options as { value: string }[]).map((o) => o.value)).toEqual([
      '__none__',
      'Enterprise',
      'Team',
      'Legacy',
    ]);
    expect(element.initial_option).toMatchObject({ value: 'Legacy' });
  });
});
