import { ACTIONS, VIEWS } from '../../../src/constants.js';
import { cannedModal, MAX_MENU_OPTIONS } from '../../../src/views/canned.js';

const choices = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    shortCode: `code-${String(i).padStart(3, '0')}`,
    content: `Reply number ${i}\nwith a second line ${'x'.repeat(100)}`,
  }));
const menuOf = (view: ReturnType<typeof cannedModal>) =>
  (
    view.blocks[0] as {
      element: { action_id: string; options: unknown[]; initial_option?: unknown };
    }
  ).element;

describe('cannedModal', () => {
  it('offers each response with the start of its content on one line, and no preview before a pick', () => {
    const view = cannedModal({ requestId: 'r1' }, choices(2));
    expect(view).toMatchObject({
      callback_id: VIEWS.cannedResponse,
      private_metadata: '{"requestId":"r1"}',
    });
    const menu = menuOf(view);
    expect(menu.action_id).toBe(ACTIONS.cannedPick);
    expect(menu.options[0]).toEqual({
      text: { type: 'plain_text', text: 'code-000', emoji: true },
      value: 'code-000',
      description: {
        type: 'plain_text',
        text: `Reply number 0 with a second line ${'x'.repeat(40)}…`,
        emoji: true,
      },
    });
    expect(view.blocks).toHaveLength(1);
  });

  it('offers at most 100 and says how many there are', () => {
    const view = cannedModal({ requestId: 'r1' }, choices(120));
    expect(menuOf(view).options).toHaveLength(MAX_MENU_OPTIONS);
    expect(JSON.stringify(view.blocks[1])).toContain('The first 100 of 120');
  });

  it('shows the pick as selected, with its preview', () => {
    const view = cannedModal({ requestId: 'r1' }, choices(3), {
      shortCode: 'code-001',
      preview: 'Hi Ada',
    });
    expect(menuOf(view).initial_option).toMatchObject({ value: 'code-001' });
    expect(view.blocks.at(-1)).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: 'Hi Ada' },
    });
  });
});
