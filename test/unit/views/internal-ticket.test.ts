import { ACTIONS } from '../../../src/constants.js';
import {
  ticketCardLines,
  ticketMessage,
  ticketStatusNote,
} from '../../../src/views/internal-ticket.js';

const settings = {
  types: [{ name: 'Engineering', value: 'eng' }],
  tags: [{ name: 'Billing', value: 'billing' }],
  severity: [{ name: 'High', value: 'high' }],
};
const ticket = {
  _id: 'T1',
  number: 7,
  type: 'eng',
  tags: ['billing'],
  severity: 'high',
  fields: [{ name: 'Tier', value: '<Gold>' }],
  summary: 'Export drops a row',
  status: 'in_progress' as const,
  createdBy: 'U0ALICE',
};

describe('ticketMessage', () => {
  const message = ticketMessage({
    ticket: ticket as never,
    settings,
    requestLink: 'https://slack.com/archives/C1/p1',
    requestChannel: '<#C1>',
  });

  it('heads the ticket by its number and the names of its type and severity', () => {
    expect(message.text).toBe('IT-7 · Engineering · High: Export drops a row');
    expect(JSON.stringify(message.blocks)).toContain('*Tags:* Billing\\n*Tier:* &lt;Gold&gt;');
  });

  it('offers every status but the current one', () => {
    const actions = message.blocks.find((b) => b.type === 'actions') as {
      elements: { action_id: string }[];
    };
    expect(actions.elements.map((e) => e.action_id)).toEqual([
      `${ACTIONS.ticketStatus}open`,
      `${ACTIONS.ticketStatus}done`,
    ]);
  });
});

describe('ticket notes', () => {
  it('links the ticket when it has a message, and names it plainly otherwise', () => {
    expect(ticketStatusNote(7, 'done', 'U0BOB', 'https://x')).toBe(
      '<https://x|IT-7> is now Done (by <@U0BOB>)',
    );
    expect(ticketCardLines([{ number: 7, type: 'eng', status: 'open' }], settings.types)).toBe(
      ':hammer_and_wrench: IT-7 Engineering: Open',
    );
    expect(ticketCardLines([], settings.types)).toBeUndefined();
  });
});
