import {
  decideRecipient,
  domainFor,
  forwardingProof,
  parseRecipient,
} from '../../../src/email/address.js';
import { EmailDomain, EmailMapping } from '../../../src/settings/features/email-to-slack.js';

const mapping = (extra: Record<string, unknown> = {}) =>
  EmailMapping.parse({ email: 'support@acme.test', channelId: 'C0ACME', name: 'S', ...extra });
const domain = (extra: Record<string, unknown>) =>
  EmailDomain.parse({ name: 'acme.test', ...extra });

describe('parseRecipient', () => {
  it.each([
    ['support@acme.test', { mailbox: 'support@acme.test', token: null, domain: 'acme.test' }],
    [
      'Support+AB12@Acme.Test',
      { mailbox: 'support@acme.test', token: 'ab12', domain: 'acme.test' },
    ],
    ['not an address', null],
    ['a@b@c', null],
  ])('%s', (address, expected) => {
    expect(parseRecipient(address)).toEqual(expected);
  });
});

describe('domainFor', () => {
  it('finds a domain by name, or a wildcard parent of a subdomain', () => {
    const domains = [domain({}), EmailDomain.parse({ name: 'corp.test', wildcard: true })];
    expect(domainFor(domains, 'ACME.test')?.name).toBe('acme.test');
    expect(domainFor(domains, 'eu.corp.test')?.name).toBe('corp.test');
    expect(domainFor(domains, 'eu.acme.test')).toBeUndefined();
  });
});

describe('decideRecipient', () => {
  const to = parseRecipient('support@acme.test')!;
  it.each([
    ['an unmapped address', undefined, [], true, 550, 'no such mailbox'],
    [
      'a blocking mapping',
      mapping({ emailBlockingEnabled: true }),
      [],
      true,
      550,
      'does not accept',
    ],
    ['a disabled domain', mapping(), [domain({ state: 'disabled' })], true, 550, 'disabled'],
    [
      'require_tls on a plain session',
      mapping(),
      [domain({ require_tls: true })],
      false,
      530,
      'STARTTLS',
    ],
  ])('refuses %s', (_name, found, domains, secure, code, text) => {
    const decision = decideRecipient(to, found, domains, secure);
    expect(decision).toMatchObject({ accept: false, code });
    expect(!decision.accept && decision.message).toContain(text);
  });

  it('takes a mapped address, over TLS when its domain requires it', () => {
    const domains = [domain({ require_tls: true })];
    expect(decideRecipient(to, mapping(), domains, true)).toMatchObject({
      accept: true,
      domain: { name: 'acme.test' },
    });
    expect(decideRecipient(to, mapping(), [], false)).toMatchObject({ accept: true });
  });
});

describe('forwardingProof', () => {
  it.each([
    [{ fromAddress: 'ann@x.test', forwardedTo: [] }, false],
    [{ fromAddress: 'ann@x.test', forwardedTo: ['help@acme.test'] }, true],
    [{ fromAddress: 'ann@x.test', forwardedTo: ['Help@Acme.test'] }, true],
    [{ fromAddress: 'ann@x.test', forwardedTo: ['ann@x.test <help@acme.test>'] }, true],
    [{ fromAddress: 'ann@x.test', forwardedTo: ['ann@x.test, help@acme.test'] }, true],
    [{ fromAddress: 'ann@x.test', forwardedTo: ['otherhelp@acme.test'] }, false],
    [{ fromAddress: 'ann@x.test', forwardedTo: ['help@acme.test.evil'] }, false],
    [{ fromAddress: 'forwarding-noreply@google.com', forwardedTo: [] }, true],
  ])('%j → %s', (mail, expected) => {
    expect(forwardingProof(mail, 'help@acme.test')).toBe(expected);
  });
});
