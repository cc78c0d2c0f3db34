import {
  CSAT_LINK_DAYS,
  csatChoice,
  csatExpiry,
  csatMail,
  csatNotFoundPage,
  csatThanksPage,
  isCsatToken,
} from '../../../src/email/csat.js';

const TOKEN = 'ab'.repeat(16);

describe('csatChoice: only the choices of the mail’s scale', () => {
  it.each([
    ['2_POINTS', 'up', 'up'],
    ['2_POINTS', 'down', 'down'],
    ['2_POINTS', '5', undefined],
    ['5_POINTS', '1', '1'],
    ['5_POINTS', '5', '5'],
    ['5_POINTS', 'up', undefined],
    ['5_POINTS', '6', undefined],
    ['5_POINTS', 'comment', undefined],
  ] as const)('%s %s → %s', (scale, choice, expected) => {
    expect(csatChoice(scale, choice)).toBe(expected);
  });
});

describe('isCsatToken and csatExpiry', () => {
  it.each([
    [TOKEN, true],
    ['AB'.repeat(16), false],
    ['ab'.repeat(15), false],
    ['../../etc', false],
  ])('%s → %s', (token, expected) => {
    expect(isCsatToken(token)).toBe(expected);
  });

  it(`ends the links ${CSAT_LINK_DAYS} days after the ask`, () => {
    expect(csatExpiry(new Date('2026-03-02T10:00:00Z'))).toEqual(new Date('2026-04-01T10:00:00Z'));
  });
});

describe('csatMail', () => {
  it('lists one link per choice in the text and as anchors in the HTML, the question escaped', () => {
    const mail = csatMail('How did we <do>?', '2_POINTS', 'https://bot.test/', TOKEN);
    expect(mail.text).toBe(
      [
        'How did we <do>?',
        '',
        `👍 Good: https://bot.test/csat/${TOKEN}/up`,
        `👎 Not good: https://bot.test/csat/${TOKEN}/down`,
      ].join('\n'),
    );
    expect(mail.html).toContain('How did we &lt;do&gt;?');
    expect(mail.html).toContain(`<a href="https://bot.test/csat/${TOKEN}/down">👎 Not good</a>`);
  });

  it('offers 1 to 5 on the 5-point scale', () => {
    const { text } = csatMail('Rate us', '5_POINTS', 'https://bot.test', TOKEN);
    expect(text.match(/\/csat\/[0-9a-f]+\/(\d)/g)?.map((l) => l.at(-1))).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
  });
});

describe('the CSAT pages', () => {
  it('escape the comment and error, and show the form only when a comment is asked for', () => {
    const page = csatThanksPage({
      scale: '5_POINTS',
      rating: 4,
      comment: '</textarea><script>x</script>',
      commentUrl: `https://bot.test/csat/${TOKEN}/comment`,
      error: '<b>too long</b>',
    });
    expect(page).toContain('Your rating: 4/5');
    expect(page).toContain('&lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;</textarea>');
    expect(page).toContain('&lt;b&gt;too long&lt;/b&gt;');
    expect(page).toContain('Update comment');
    expect(page).not.toContain('<script>');
    const plain = csatThanksPage({ scale: '2_POINTS', rating: 1, comment: null });
    expect(plain).toContain('Your rating: 👎');
    expect(plain).not.toContain('<form');
  });

  it('say nothing was recorded for a bad link', () => {
    expect(csatNotFoundPage()).toContain('Nothing was recorded.');
  });
});
