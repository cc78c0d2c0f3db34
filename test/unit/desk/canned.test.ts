import {
  CannedResponseCreate,
  closeCodes,
  fillTemplate,
  type TemplateValues,
} from '../../../src/desk/canned.js';

const ada: TemplateValues = {
  customer: { displayName: 'Ada', realName: 'Ada Lovelace' },
  agentName: 'Bo Agent',
  requestId: '65a1b2c3d4e5f6a7b8c9d0e1',
};

describe('fillTemplate', () => {
  it.each<[string, string, TemplateValues, string]>([
    ['the display name', 'Hi {{customer.name}}!', ada, 'Hi Ada!'],
    [
      'the real name when there is no display name',
      'Hi {{customer.name}}!',
      { ...ada, customer: { displayName: '', realName: 'Ada Lovelace' } },
      'Hi Ada Lovelace!',
    ],
    [
      '"there" for an unknown customer',
      'Hi {{customer.name}}!',
      { ...ada, customer: undefined },
      'Hi there!',
    ],
    ['the agent', '— {{agent.name}}', ada, '— Bo Agent'],
    ['the request id', 'Ref {{request.id}}', ada, 'Ref 65a1b2c3d4e5f6a7b8c9d0e1'],
    ['spaces inside the braces', '{{ customer.name }} / {{agent.name  }}', ada, 'Ada / Bo Agent'],
    ['each occurrence', '{{customer.name}}, {{customer.name}}', ada, 'Ada, Ada'],
    [
      'unknown placeholders left as written',
      'Hi {{contact.email}} {{ x }}',
      ada,
      'Hi {{contact.email}} {{ x }}',
    ],
    ['single braces left alone', 'Hi {customer.name}', ada, 'Hi {customer.name}'],
    [
      'a name that would ping the channel, escaped',
      'Hi {{customer.name}}',
      { ...ada, customer: { displayName: '<!channel> & <@U1>' } },
      'Hi &lt;!channel&gt; &amp; &lt;@U1&gt;',
    ],
    [
      'the content itself untouched (it is the workspace’s own mrkdwn)',
      '*Hi* <!here>',
      ada,
      '*Hi* <!here>',
    ],
  ])('fills in %s', (_what, content, values, filled) => {
    expect(fillTemplate(content, values)).toBe(filled);
  });
});

describe('closeCodes', () => {
  const codes = ['hello', 'refund', 'refund-eu', 'sso-reset'];
  it.each<[string, string[]]>([
    ['refund', ['refund', 'refund-eu']], // containing what was typed
    ['refund-eu-extra', ['refund', 'refund-eu']], // contained in what was typed
    ['refnd', ['refund', 'refund-eu']], // same first letters
    ['zzz', codes], // nothing close: every code
  ])('suggests for %s', (typed, expected) => {
    expect(closeCodes(typed, codes)).toEqual(expected);
  });
  it('suggests at most max', () => {
    expect(closeCodes('x', codes, 2)).toEqual(['hello', 'refund']);
  });
});

describe('CannedResponseCreate', () => {
  it.each<[unknown, boolean]>([
    [{ short_code: 'refund_2-eu', content: 'x' }, true],
    [{ short_code: 'a'.repeat(50), content: 'x'.repeat(4000) }, true],
    [{ short_code: 'Refund', content: 'x' }, false],
    [{ short_code: '', content: 'x' }, false],
    [{ short_code: 'a'.repeat(51), content: 'x' }, false],
    [{ short_code: 'ok', content: ' \n ' }, false],
    [{ short_code: 'ok', content: 'x'.repeat(4001) }, false],
  ])('%j valid: %s', (input, valid) => {
    expect(CannedResponseCreate.safeParse(input).success).toBe(valid);
  });
});
