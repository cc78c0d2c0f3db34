import type { KnownBlock } from '@slack/types';
import { ACTIONS } from '../constants.js';
import type { KbAnswer } from '../kb/answer.js';
import { escapeMrkdwn, truncate, userMention } from '../text/mrkdwn.js';

interface Message {
  text: string;
  blocks: KnownBlock[];
}

/** One suggested article as the message shows it. */
export interface SuggestedArticle {
  title: string;
  url: string | null;
  snippet: string;
}

/** A URL as a mrkdwn link target: the characters that would end it are percent-encoded. */
const linkTarget = (url: string) =>
  url.replace(/[<>|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** An article's title as a link (bold, without a URL), escaped so it cannot mention anyone. */
function titleOf(article: SuggestedArticle): string {
  const title = escapeMrkdwn(truncate(article.title, 150)).replace(/\|/g, '¦');
  return article.url ? `*<${linkTarget(article.url)}|${title}>*` : `*${title}*`;
}

/**
 * Up to three articles in a new request's thread: the heading names the knowledge base
 * (`knowledge_base_name`), each article its title as a link and a snippet, then **This solved
 * it** / **Still need help** (the request's id as value).
 */
export function kbSuggestions(input: {
  requestId: string;
  kbName: string | null;
  articles: readonly SuggestedArticle[];
}): Message {
  const source = input.kbName?.trim() ? escapeMrkdwn(input.kbName.trim()) : 'our knowledge base';
  const heading = `These articles from ${source} may answer your question:`;
  return {
    text: `${heading} ${input.articles.map((a) => a.title).join(' · ')}`,
    blocks: [
      { type: 'section', block_id: 'kb_heading', text: { type: 'mrkdwn', text: heading } },
      ...input.articles.map((article, i): KnownBlock => ({
        type: 'section',
        block_id: `kb_article_${i}`,
        text: {
          type: 'mrkdwn',
          text: `${titleOf(article)}\n${escapeMrkdwn(truncate(article.snippet, 300))}`,
        },
      })),
      {
        type: 'actions',
        block_id: 'kb_answer',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'This solved it', emoji: true },
            action_id: ACTIONS.kbSolved,
            value: input.requestId,
            style: 'primary',
          },
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Still need help', emoji: true },
            action_id: ACTIONS.kbNeedHelp,
            value: input.requestId,
          },
        ],
      },
    ],
  };
}

/**
 * The suggestions once answered: the same articles, the buttons replaced by who answered what.
 * `blocks` are the message's blocks as Slack sent them back with the click.
 */
export function kbAnswered(
  message: { text: string; blocks: readonly KnownBlock[] },
  answer: KbAnswer,
  userId: string,
): Message {
  const who = userMention(userId);
  const line =
    answer === 'solved'
      ? `:white_check_mark: ${who} said this solved it; the request is closed.`
      : `:raising_hand: ${who} still needs help; an agent will follow up.`;
  return {
    text: message.text,
    blocks: [
      ...message.blocks.filter((block) => block.type !== 'actions'),
      { type: 'context', elements: [{ type: 'mrkdwn', text: line }] },
    ],
  };
}
