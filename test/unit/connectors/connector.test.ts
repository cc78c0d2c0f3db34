import {
  ConnectorCreate,
  VendorError,
  failureKind,
  nextAttempt,
  retryAfterMs,
} from '../../../src/connectors/connector.js';
import {
  parseZendeskEvent,
  refuseZendeskCall,
  zendeskSignature,
} from '../../../src/connectors/zendesk-webhook.js';

const NOW = new Date('2026-03-02T10:00:00Z');

describe('vendor failures', () => {
  it.each([
    [200, undefined],
    [401, 'unauthorized'],
    [403, 'unauthorized'],
    [404, 'not_found'],
    [422, 'refused'],
    [429, 'rate_limited'],
    [500, 'unavailable'],
    [503, 'unavailable'],
  ])('status %i is %s', (status, kind) => {
    expect(failureKind(status)).toBe(kind);
  });

  it.each([
    [null, null],
    ['7', 7000],
    ['0', 0],
    // an HTTP date 30 s after NOW
    ['Mon, 02 Mar 2026 10:00:30 GMT', 30_000],
    ['soon', null],
  ])('Retry-After %j waits %j ms', (header, ms) => {
    expect(retryAfterMs(header, NOW)).toBe(ms);
  });

  it.each([
    // attempt 1 failed with a 5xx: 5 s later
    ['unavailable', null, 1, '2026-03-02T10:00:05.000Z'],
    // a Retry-After longer than the delay wins
    ['rate_limited', 60_000, 1, '2026-03-02T10:01:00.000Z'],
    // attempt 3: 120 s later
    ['unavailable', null, 3, '2026-03-02T10:02:00.000Z'],
    // the sixth attempt failed: given up
    ['unavailable', null, 6, null],
    // credentials are not retried
    ['unauthorized', null, 1, null],
    ['refused', null, 1, null],
  ] as const)('%s (retry after %s) after attempt %i: next at %s', (kind, after, attempts, at) => {
    const error = new VendorError(kind, 'x', null, after);
    expect(nextAttempt(error, attempts, NOW)?.toISOString() ?? null).toBe(at);
  });
});

describe('ConnectorCreate', () => {
  const valid = {
    type: 'zendesk',
    base_url: 'https://acme.zendesk.com/',
    credentials: { email: 'bot@acme.com', api_token: 'tok' },
  };

  it('fills the options and trims the base URL', () => {
    expect(ConnectorCreate.parse(valid)).toEqual({
      ...valid,
      base_url: 'https://acme.zendesk.com',
      options: { agent_replies_public: false, issue_type: 'Task' },
    });
  });

  it.each([
    [{ ...valid, type: 'freshdesk' }, 'type'],
    [{ ...valid, base_url: 'ftp://acme' }, 'base_url'],
    [{ ...valid, credentials: { email: 'nope', api_token: 'tok' } }, 'credentials'],
    [{ ...valid, credentials: { email: 'bot@acme.com', api_token: '' } }, 'credentials'],
    [{ ...valid, extra: 1 }, ''],
  ])('refuses %j naming %s', (body, field) => {
    const parsed = ConnectorCreate.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(String(parsed.error?.issues[0]?.path[0] ?? '')).toBe(field);
  });
});

describe('Zendesk webhooks', () => {
  const body = JSON.stringify({ type: 'x' });
  const timestamp = '2026-03-02T09:59:00Z';
  const signature = zendeskSignature('s3cret', timestamp, body);

  it.each([
    ['accepts its own signature', 's3cret', { signature, timestamp }, body, undefined],
    ['refuses without a secret', undefined, { signature, timestamp }, body, /webhook_secret/],
    ['refuses without headers', 's3cret', {}, body, /missing/],
    ['refuses another secret', 'other', { signature, timestamp }, body, /does not match/],
    ['refuses a changed body', 's3cret', { signature, timestamp }, `${body} `, /does not match/],
    [
      'refuses an old timestamp',
      's3cret',
      {
        signature: zendeskSignature('s3cret', '2026-03-02T09:00:00Z', body),
        timestamp: '2026-03-02T09:00:00Z',
      },
      body,
      /too far/,
    ],
  ])('%s', (_name, secret, headers, sent, refusal) => {
    const refused = refuseZendeskCall(secret, headers, sent, NOW);
    if (refusal) expect(refused).toMatch(refusal);
    else expect(refused).toBeUndefined();
  });

  it('reads a comment and a status change, and nothing else', () => {
    expect(
      parseZendeskEvent({
        type: 'zen:event-type:ticket.comment_added',
        detail: { id: '35436' },
        event: {
          comment: { id: 9, body: 'Hi', is_public: true, author: { id: 77, name: 'Zoe' } },
        },
      }),
    ).toEqual({
      kind: 'comment',
      ticketId: '35436',
      commentId: '9',
      body: 'Hi',
      authorId: '77',
      authorName: 'Zoe',
      public: true,
    });
    expect(
      parseZendeskEvent({
        type: 'zen:event-type:ticket.status_changed',
        detail: { id: 35436 },
        event: { current: 'SOLVED', previous: 'OPEN' },
      }),
    ).toEqual({ kind: 'status', ticketId: '35436', status: 'solved' });
    expect(
      parseZendeskEvent({ type: 'zen:event-type:ticket.priority_changed', detail: { id: 1 } }),
    ).toBeNull();
    expect(parseZendeskEvent({ nope: true })).toBeNull();
  });
});
