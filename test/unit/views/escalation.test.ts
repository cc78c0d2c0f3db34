import { Types } from 'mongoose';
import { ACTIONS } from '../../../src/constants.js';
import { escalationNotice } from '../../../src/views/escalation.js';
import { triageNotification } from '../../../src/views/triage-notification.js';
import type { RequestStatus } from '../../../src/requests/request.js';

const AT = new Date('2026-01-05T09:00:00Z'); // 1767603600
const card = (
  status: RequestStatus,
  escalation: boolean,
  escalated = {
    at: null as Date | null,
    by: null as string | null,
    count: 0,
    reason: null as string | null,
  },
) =>
  JSON.stringify(
    triageNotification({
      request: {
        _id: new Types.ObjectId('65a1b2c3d4e5f60718293a4b'),
        channelId: 'C0EXTACME',
        rootTs: '1767603600.000100',
        requesterId: 'U0CUSTOMER',
        text: 'Payroll is down',
        status,
        assigneeId: null,
        groupedTs: [],
        ticket: null,
        escalated,
      },
      channelName: 'ext-acme',
      showPreview: true,
      escalation,
    }).blocks,
  );

describe('the triage card and escalation', () => {
  it.each<[RequestStatus, boolean, boolean]>([
    ['open', true, true],
    ['in_progress', true, true],
    ['on_hold', true, true],
    ['open', false, false], // escalation off for the channel
    ['closed', true, false],
    ['discarded', true, false],
  ])('%s, escalation %s: Escalate button %s', (status, enabled, shown) => {
    expect(card(status, enabled).includes(ACTIONS.escalate)).toBe(shown);
  });

  it('shows who escalated, when, how often and why', () => {
    const once = { at: AT, by: 'U0AGENT', count: 1, reason: null };
    expect(card('open', true, once)).toContain(
      ':bangbang: *Escalated* by <@U0AGENT> at <!date^1767603600^{date_short_pretty} at {time}|2026-01-05 09:00 UTC>',
    );
    const twice = { at: AT, by: 'U0AGENT', count: 2, reason: 'Blocked <@U0X>' };
    expect(card('closed', false, twice)).toContain('UTC> (2 times): _Blocked &lt;@U0X&gt;_');
    expect(card('open', true)).not.toContain('Escalated');
  });
});

describe('escalationNotice', () => {
  const input = {
    requesterId: 'U0CUSTOMER',
    channelId: 'C0EXTACME',
    link: 'https://acme.slack.com/archives/C0EXTACME/p1767603600000100',
    by: 'U0AGENT',
    reason: null,
    count: 1,
  };

  it('names who escalated whose request where, with a link to it', () => {
    expect(escalationNotice(input).blocks).toEqual([
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: ':bangbang: <@U0AGENT> escalated a request from <@U0CUSTOMER> in <#C0EXTACME>: <https://acme.slack.com/archives/C0EXTACME/p1767603600000100|View request>',
        },
      },
    ]);
  });

  it('quotes the reason, escaped, and counts repeated escalations', () => {
    const text = JSON.stringify(
      escalationNotice({ ...input, reason: 'Pay <!here> now', count: 3 }),
    );
    expect(text).toContain('(escalation 3)');
    expect(text).toContain('>Pay &lt;!here&gt; now');
  });
});
