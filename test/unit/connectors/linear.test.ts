import {
  AuthenticationLinearError,
  InternalLinearError,
  InvalidInputLinearError,
  RatelimitedLinearError,
} from '@linear/sdk';
import { identifierFromUrl, parseLinearEvent } from '../../../src/connectors/linear-webhook.js';
import { vendorError } from '../../../src/services/connectors/linear.js';

describe('Linear webhook events', () => {
  const comment = {
    action: 'create',
    type: 'Comment',
    data: {
      id: 'c-1',
      body: 'Fixed',
      userId: 'usr-jo',
      user: { id: 'usr-jo', name: 'Jo' },
      issue: { id: 'i-1', identifier: 'ENG-7' },
    },
    url: 'https://linear.app/acme/issue/ENG-7/slug#comment-c1',
    webhookTimestamp: 1,
  };
  const moved = (type: string, updatedFrom: unknown = { stateId: 'st-a' }) => ({
    action: 'update',
    type: 'Issue',
    data: { id: 'i-1', identifier: 'ENG-7', state: { name: 'X', type } },
    updatedFrom,
  });

  it.each<[string, unknown, unknown]>([
    [
      'a comment',
      comment,
      {
        kind: 'comment',
        ticketId: 'ENG-7',
        commentId: 'c-1',
        body: 'Fixed',
        authorId: 'usr-jo',
        authorName: 'Jo',
        public: true,
      },
    ],
    [
      'a comment whose issue has no identifier: from its URL',
      { ...comment, data: { ...comment.data, issue: { id: 'i-1' } } },
      expect.objectContaining({ ticketId: 'ENG-7' }),
    ],
    ['a comment edited', { ...comment, action: 'update' }, null],
    ['started', moved('started'), { kind: 'status', ticketId: 'ENG-7', status: 'open' }],
    ['completed', moved('completed'), { kind: 'status', ticketId: 'ENG-7', status: 'solved' }],
    ['canceled', moved('canceled'), { kind: 'status', ticketId: 'ENG-7', status: 'closed' }],
    ['backlog', moved('backlog'), { kind: 'status', ticketId: 'ENG-7', status: 'new' }],
    ['an update that leaves the state', moved('completed', { title: 'old' }), null],
    ['an unknown state type', moved('someday'), null],
    ['another event', { action: 'create', type: 'Project', data: {} }, null],
  ])('reads %s', (_name, body, expected) => {
    expect(parseLinearEvent(body)).toEqual(expected);
  });

  it.each([
    ['https://linear.app/acme/issue/ENG-12/some-title', 'ENG-12'],
    ['https://linear.app/acme/issue/ENG-12', 'ENG-12'],
    ['https://linear.app/acme/issue/ENG-12#comment-1', 'ENG-12'],
    ['https://linear.app/acme/project/x', undefined],
    [undefined, undefined],
  ])('finds the identifier in %s', (url, identifier) => {
    expect(identifierFromUrl(url)).toBe(identifier);
  });
});

describe('Linear errors as the connectors’ kinds', () => {
  const raw = (status: number, headers: Record<string, string> = {}, message = 'x') => ({
    message,
    response: { status, headers: new Headers(headers) },
  });

  it.each<[string, Error, boolean, object]>([
    [
      'an authentication error',
      new AuthenticationLinearError(raw(400), []),
      true,
      { kind: 'unauthorized', status: 400 },
    ],
    [
      'a rate limit with Retry-After',
      new RatelimitedLinearError(raw(429, { 'retry-after': '3' }), []),
      true,
      { kind: 'rate_limited', retryAfterMs: 3000 },
    ],
    [
      'a failed write',
      new InternalLinearError(raw(500), []),
      true,
      { kind: 'unavailable', ambiguous: true },
    ],
    [
      'a failed read',
      new InternalLinearError(raw(500), []),
      false,
      { kind: 'unavailable', ambiguous: false },
    ],
    [
      'an entity not found',
      new InvalidInputLinearError(raw(400, {}, 'Entity not found: Issue'), []),
      false,
      { kind: 'not_found' },
    ],
    [
      'refused input',
      new InvalidInputLinearError(raw(400, {}, 'Argument Validation Error'), []),
      true,
      { kind: 'refused' },
    ],
    [
      'no answer at all',
      new TypeError('fetch failed'),
      true,
      { kind: 'unavailable', ambiguous: true },
    ],
  ])('%s', (_name, error, write, expected) => {
    expect(vendorError(error, write)).toMatchObject(expected);
  });
});
