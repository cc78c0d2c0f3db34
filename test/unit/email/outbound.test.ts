import {
  MAX_SEND_ATTEMPTS,
  emailCardLine,
  nextAttemptAt,
  plainText,
  replyAddress,
  replyHtml,
  replySubject,
} from '../../../src/email/outbound.js';

describe('replySubject and replyAddress', () => {
  it.each([
    ['Invoice', 'Re: Invoice'],
    ['RE: Invoice', 'RE: Invoice'],
    ['  ', 'Re: your request'],
    [null, 'Re: your request'],
  ])('%j → %s', (subject, expected) => {
    expect(replySubject(subject)).toBe(expected);
  });

  it('puts the token after + in the local part', () => {
    expect(replyAddress('support@acme.test', 'ab12')).toBe('support+ab12@acme.test');
  });
});

describe('plainText', () => {
  it('turns Slack mrkdwn into text a mail client shows', () => {
    expect(
      plainText(
        'See <https://a.test/x|the doc> and <https://b.test> &amp; ask <@U0AGENT> in <#C0X|ops> &lt;3',
      ),
    ).toBe('See the doc (https://a.test/x) and https://b.test & ask @U0AGENT in ops <3');
  });
});

describe('replyHtml', () => {
  it('escapes the text and adds the pixel only when given one', () => {
    expect(replyHtml('a <b>\nc', null)).toBe('<div>a &lt;b&gt;<br>\nc</div>');
    expect(replyHtml('hi', 'https://bot.test/t/ab.gif')).toContain(
      '<img src="https://bot.test/t/ab.gif" width="1" height="1"',
    );
  });
});

describe('nextAttemptAt', () => {
  const now = new Date('2026-03-02T10:00:00Z');
  it.each([
    [1, '2026-03-02T10:01:00.000Z'], // 1 failed attempt: +1 min
    [2, '2026-03-02T10:05:00.000Z'],
    [3, '2026-03-02T10:15:00.000Z'],
    [4, '2026-03-02T11:00:00.000Z'],
    [5, '2026-03-02T14:00:00.000Z'], // +240 min
  ])('after %i attempts: %s', (attempts, at) => {
    expect(nextAttemptAt(attempts, now)?.toISOString()).toBe(at);
  });

  it('gives up after the last attempt', () => {
    expect(nextAttemptAt(MAX_SEND_ATTEMPTS, now)).toBeNull();
  });
});

describe('emailCardLine', () => {
  const when = (at: Date) => at.toISOString();
  const none = { sent: 0, pending: 0, failed: 0, opened: 0, lastOpenedAt: null, lastError: null };
  it.each([
    [none, undefined],
    [{ ...none, sent: 2 }, '✉️ E-mail replies: 2 sent'],
    [
      { ...none, sent: 1, opened: 3, lastOpenedAt: new Date('2026-03-02T10:00:00Z') },
      '✉️ E-mail replies: 1 sent · opened 3 times, last 2026-03-02T10:00:00.000Z',
    ],
    [
      { ...none, pending: 1, lastError: '451 <busy>' },
      '✉️ E-mail replies: 0 sent · 1 sending (retrying: 451 &lt;busy&gt;)',
    ],
    [
      { ...none, failed: 1, lastError: '550 no' },
      '✉️ E-mail replies: 0 sent · :warning: 1 not sent: 550 no',
    ],
  ])('%j', (summary, line) => {
    expect(emailCardLine(summary, when)).toBe(line);
  });
});
