import {
  adfText,
  jiraSignature,
  parseJiraEvent,
  refuseJiraCall,
} from '../../../src/connectors/jira-webhook.js';
import { adf } from '../../../src/services/connectors/jira.js';

describe('Jira webhooks', () => {
  const body = JSON.stringify({ webhookEvent: 'x' });
  const signature = jiraSignature('s3cret', body);

  it.each([
    ['accepts its own signature', 's3cret', signature, body, undefined],
    ['refuses without a secret', undefined, signature, body, /webhook_secret/],
    ['refuses without the header', 's3cret', undefined, body, /missing/],
    ['refuses another secret', 'other', signature, body, /does not match/],
    ['refuses a changed body', 's3cret', signature, `${body} `, /does not match/],
    [
      'refuses a bare hex digest',
      's3cret',
      signature.slice('sha256='.length),
      body,
      /does not match/,
    ],
  ])('%s', (_name, secret, header, sent, refusal) => {
    const refused = refuseJiraCall(secret, header, sent);
    if (refusal) expect(refused).toMatch(refusal);
    else expect(refused).toBeUndefined();
  });

  it('signs as sha256=<hex HMAC of the body>', () => {
    // HMAC-SHA256('key', 'The quick brown fox jumps over the lazy dog'), a published test vector
    expect(jiraSignature('key', 'The quick brown fox jumps over the lazy dog')).toBe(
      'sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
  });

  it.each<[string, unknown, unknown]>([
    [
      'a comment (ADF body)',
      {
        webhookEvent: 'comment_created',
        issue: { key: 'SUP-7' },
        comment: {
          id: '10001',
          body: adf('Fixed in build 42.\nDeployed.'),
          author: { accountId: 'acc-jo', displayName: 'Jo' },
        },
      },
      {
        kind: 'comment',
        ticketId: 'SUP-7',
        commentId: '10001',
        body: 'Fixed in build 42.\nDeployed.',
        authorId: 'acc-jo',
        authorName: 'Jo',
        public: true,
      },
    ],
    [
      'an internal note of Jira Service Management',
      {
        webhookEvent: 'comment_created',
        issue: { key: 'SUP-7' },
        comment: { id: 2, body: 'note', author: { accountId: 'a' }, jsdPublic: false },
      },
      expect.objectContaining({ kind: 'comment', public: false, body: 'note' }),
    ],
    ...(
      [
        ['new', 'new'],
        ['indeterminate', 'open'],
        ['done', 'solved'],
      ] as const
    ).map(([category, status]): [string, unknown, unknown] => [
      `a status change into the ${category} category`,
      {
        webhookEvent: 'jira:issue_updated',
        issue: {
          key: 'SUP-7',
          fields: { status: { name: 'X', statusCategory: { key: category } } },
        },
        changelog: { items: [{ field: 'status' }] },
      },
      { kind: 'status', ticketId: 'SUP-7', status },
    ]),
    [
      'an update of another field',
      {
        webhookEvent: 'jira:issue_updated',
        issue: {
          key: 'SUP-7',
          fields: { status: { name: 'Done', statusCategory: { key: 'done' } } },
        },
        changelog: { items: [{ field: 'priority' }] },
      },
      null,
    ],
    ['another event', { webhookEvent: 'jira:issue_deleted', issue: { key: 'SUP-7' } }, null],
  ])('reads %s', (_name, body, event) => {
    expect(parseJiraEvent(body)).toEqual(event);
  });

  it('reads text from a string or ADF', () => {
    expect(adfText('plain')).toBe('plain');
    expect(adfText(adf('one\n\ntwo'))).toBe('one\ntwo');
    expect(adfText(null)).toBe('');
  });
});
