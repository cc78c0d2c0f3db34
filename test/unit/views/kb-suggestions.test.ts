import { ACTIONS } from '../../../src/constants.js';
import { kbAnswered, kbSuggestions } from '../../../src/views/kb-suggestions.js';

describe('kbSuggestions', () => {
  it('escapes titles and snippets so an article cannot mention anyone or break its link', () => {
    const message = kbSuggestions({
      requestId: 'r1',
      kbName: '<!channel> Help',
      articles: [
        { title: 'A | <!here> title', url: 'https://h.test/a?x=1|2>', snippet: 'Ping <@U1> & co' },
        { title: 'No link', url: null, snippet: 'Plain' },
      ],
    });
    expect(message.blocks.slice(0, 3)).toEqual([
      {
        type: 'section',
        block_id: 'kb_heading',
        text: {
          type: 'mrkdwn',
          text: 'These articles from &lt;!channel&gt; Help may answer your question:',
        },
      },
      {
        type: 'section',
        block_id: 'kb_article_0',
        text: {
          type: 'mrkdwn',
          text: '*<https://h.test/a?x=1%7C2%3E|A ¦ &lt;!here&gt; title>*\nPing &lt;@U1&gt; &amp; co',
        },
      },
      {
        type: 'section',
        block_id: 'kb_article_1',
        text: { type: 'mrkdwn', text: '*No link*\nPlain' },
      },
    ]);
  });

  it('says "our knowledge base" when the workspace named none', () => {
    const message = kbSuggestions({ requestId: 'r1', kbName: null, articles: [] });
    expect(message.text).toBe('These articles from our knowledge base may answer your question: ');
  });
});

describe('kbAnswered', () => {
  const posted = kbSuggestions({
    requestId: 'r1',
    kbName: 'Help',
    articles: [{ title: 'T', url: null, snippet: 'S' }],
  });

  it.each([
    ['solved', ':white_check_mark: <@U1> said this solved it; the request is closed.'],
    ['need_help', ':raising_hand: <@U1> still needs help; an agent will follow up.'],
  ] as const)('%s: the buttons give way to who answered', (answer, line) => {
    const after = kbAnswered(posted, answer, 'U1');
    expect(JSON.stringify(after.blocks)).not.toContain(ACTIONS.kbSolved);
    expect(after.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: line }],
    });
    expect(after.blocks.slice(0, 2)).toEqual(posted.blocks.slice(0, 2));
  });
});
