import {
  MAX_ATTEMPTS,
  WebhookCreate,
  WebhookUpdate,
  attemptOutcome,
  isBlockedAddress,
} from '../../../src/desk/webhook.js';
import { signature } from '../../../src/services/webhooks/worker.js';
import { verify } from '../../support/webhook-receiver.js';

const NOW = new Date('2026-03-02T10:00:00Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe('attemptOutcome', () => {
  it.each<[string, number, number | undefined, ReturnType<typeof attemptOutcome>]>([
    ['2xx is delivered', 1, 200, { kind: 'delivered' }],
    ['204 is delivered', 3, 204, { kind: 'delivered' }],
    ['a 5xx is retried after 1 minute', 1, 503, { kind: 'retry', at: later(1) }],
    ['a timeout is retried after 5 minutes', 2, undefined, { kind: 'retry', at: later(5) }],
    ['429 is retried', 3, 429, { kind: 'retry', at: later(10) }],
    ['408 is retried', 4, 408, { kind: 'retry', at: later(20) }],
    ['the fifth failure waits 30 minutes', 5, 500, { kind: 'retry', at: later(30) }],
    ['the sixth failure is final', 6, 500, { kind: 'failed' }],
    ['a 4xx is final at once', 1, 404, { kind: 'failed' }],
    ['a redirect is final (not followed)', 1, 302, { kind: 'failed' }],
  ])('%s', (_name, attempt, status, expected) => {
    expect(attemptOutcome(attempt, status, NOW)).toEqual(expected);
  });

  it('makes at least five attempts over about an hour', () => {
    let at = NOW;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const outcome = attemptOutcome(attempt, 503, at);
      if (outcome.kind !== 'retry') throw new Error(`attempt ${attempt}: ${outcome.kind}`);
      at = outcome.at;
    }
    expect(MAX_ATTEMPTS).toBeGreaterThanOrEqual(5);
    expect((at.getTime() - NOW.getTime()) / 60_000).toBe(66);
  });
});

describe('isBlockedAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.0.0.5', true],
    ['172.16.3.4', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['0.0.0.0', true],
    ['100.64.0.1', true],
    ['::1', true],
    ['::', true],
    ['fe80::1', true],
    ['fc00::1', true],
    ['fd12:3456::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:8.8.8.8', false],
    ['8.8.8.8', false],
    ['2606:4700::1111', false],
    ['not an address', true],
  ])('%s → %s', (address, blocked) => {
    expect(isBlockedAddress(address)).toBe(blocked);
  });
});

describe('WebhookCreate and WebhookUpdate', () => {
  it('takes a url and seed 003 conversation and message events, once each', () => {
    const input = {
      url: 'https://hooks.example.com/triage',
      subscriptions: ['conversation_created', 'conversation_created', 'message_created'],
    };
    expect(WebhookCreate.parse(input)).toEqual({
      url: input.url,
      subscriptions: ['conversation_created', 'message_created'],
    });
  });

  it.each([
    [{ url: 'https://x.example', subscriptions: ['contact_updated'] }, /contact_updated.*use/],
    [
      { url: 'https://x.example', subscriptions: ['conversation_typing_on'] },
      /conversation_typing_on/,
    ],
    [{ url: 'https://x.example', subscriptions: [] }, /at least one/],
    [{ url: 'javascript:alert(1)', subscriptions: ['conversation_created'] }, /http/],
    [{ url: 'https://x.example', subscriptions: ['conversation_created'], extra: 1 }, /extra/],
  ])('refuses %j', (input, message) => {
    const result = WebhookCreate.safeParse(input);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(message);
  });

  it('needs something to change', () => {
    expect(WebhookUpdate.safeParse({}).success).toBe(false);
    expect(WebhookUpdate.parse({ url: 'http://a.example/x' })).toEqual({
      url: 'http://a.example/x',
    });
  });
});

describe('signature', () => {
  it('is t=<unix>,v1=<hex HMAC-SHA256 of "t.body"> and verifies with the secret only', () => {
    const header = signature('whsec_test', 1772445600, '{"a":1}');
    expect(header).toMatch(/^t=1772445600,v1=[0-9a-f]{64}$/);
    expect(verify('whsec_test', '{"a":1}', header)).toBe(true);
    expect(verify('whsec_other', '{"a":1}', header)).toBe(false);
    expect(verify('whsec_test', '{"a":2}', header)).toBe(false);
  });
});
