import {
  autoReplyReason,
  emailPostText,
  spamOutcome,
  spamReason,
  trimReply,
} from '../../../src/email/message.js';

describe('trimReply', () => {
  it.each([
    ['keeps a message without quote or signature', 'Hello\nSecond line', 'Hello\nSecond line'],
    ['drops >-quoted lines', 'New text\n> old\n>> older', 'New text'],
    [
      'cuts at a Gmail quote header',
      'Fixed, thanks\n\nOn Mon, 30 Nov 2026 at 08:00, Ann <a@b.test> wrote:\n> earlier',
      'Fixed, thanks',
    ],
    [
      'cuts a quote header wrapped onto two lines',
      'Yes\n\nOn Mon, 30 Nov 2026 at 08:00, Ann\n<a@b.test> wrote:\n> earlier',
      'Yes',
    ],
    ['cuts an Outlook original message', 'Ok\n-----Original Message-----\nFrom: x', 'Ok'],
    ['cuts at the RFC 3676 signature delimiter', 'Body\n-- \nCarol\nAcme', 'Body'],
    ['cuts a mobile footer', 'Quick note\n\nSent from my iPhone', 'Quick note'],
    ['normalises CRLF', 'a\r\nb\r\n', 'a\nb'],
  ])('%s', (_name, text, expected) => {
    expect(trimReply(text)).toBe(expected);
  });
});

describe('emailPostText', () => {
  it('escapes what the sender wrote so a mail cannot mention anyone', () => {
    const text = emailPostText({
      fromName: 'Eve <@U0ADMIN>',
      fromAddress: 'eve@x.test',
      subject: '<!channel> hi',
      text: 'Hello <#C0TRIAGE> & all',
      attachments: ['a<b>.txt'],
    });
    expect(text).toBe(
      '✉️ from Eve &lt;@U0ADMIN&gt; &lt;eve@x.test&gt;\n*&lt;!channel&gt; hi*\n' +
        'Hello &lt;#C0TRIAGE&gt; &amp; all\n:paperclip: a&lt;b&gt;.txt',
    );
  });

  it('shows the address alone without a name, and a spam flag', () => {
    expect(
      emailPostText(
        { fromName: null, fromAddress: 'a@b.test', subject: null, text: 'Hi', attachments: [] },
        'dmarc=fail',
      ),
    ).toBe('✉️ from a@b.test\n:warning: _flagged as possible spam (dmarc=fail)_\nHi');
  });
});

describe('spamReason and spamOutcome', () => {
  it.each([
    [['mx.test; spf=pass; dmarc=pass'], null, null],
    [['mx.test; spf=fail smtp.mailfrom=x'], null, 'spf=fail'],
    [['mx.test; spf=pass', 'mx.test; dmarc=fail header.from=x'], null, 'dmarc=fail'],
    [['mx.test; spf=permerror'], null, 'spf=permerror'],
    [[], 'YES', 'X-Spam-Flag: YES'],
    [[], 'NO', null],
  ])('%j with X-Spam-Flag %s → %s', (results, flag, reason) => {
    expect(spamReason({ authenticationResults: results, spamFlag: flag })).toBe(reason);
  });

  it.each([
    ['disabled', 'spf=fail', { refuse: false, flagged: null }],
    ['block', 'spf=fail', { refuse: true, flagged: 'spf=fail' }],
    ['tag', 'spf=fail', { refuse: false, flagged: 'spf=fail' }],
    ['block', null, { refuse: false, flagged: null }],
  ] as const)('spam_action %s with %s', (action, reason, outcome) => {
    expect(spamOutcome(action, reason)).toEqual(outcome);
  });
});

describe('autoReplyReason', () => {
  const none = {
    autoSubmitted: null,
    precedence: null,
    xAutoreply: null,
    xAutoResponseSuppress: null,
    returnPath: null,
    envelopeFrom: null,
  };
  it.each([
    [{}, null],
    [{ autoSubmitted: 'no' }, null],
    [{ autoSubmitted: ' No ' }, null],
    [{ autoSubmitted: 'auto-replied' }, 'Auto-Submitted: auto-replied'],
    [{ autoSubmitted: 'Auto-Generated' }, 'Auto-Submitted: auto-generated'],
    [{ precedence: 'bulk' }, 'Precedence: bulk'],
    [{ precedence: 'JUNK' }, 'Precedence: junk'],
    [{ precedence: 'auto_reply' }, 'Precedence: auto_reply'],
    [{ precedence: 'list' }, null], // a Google Group in front of the support address
    [{ precedence: 'first-class' }, null],
    [{ xAutoreply: 'yes' }, 'X-Autoreply'],
    [{ xAutoResponseSuppress: 'All' }, 'X-Auto-Response-Suppress'],
    [{ returnPath: '<>' }, 'Return-Path: <>'],
    [{ returnPath: '<bounce@list.test>' }, null],
    [{ envelopeFrom: '' }, 'MAIL FROM:<>'],
    [{ envelopeFrom: 'carol@customer.test' }, null],
  ])('%j → %s', (headers, expected) => {
    expect(autoReplyReason({ ...none, ...headers })).toBe(expected);
  });
});
