import {
  checkWebForm,
  isHoneypotted,
  webMailbox,
  webPostText,
  WebFormBody,
} from '../../../src/requests/web-form.js';

const body = (fields: Partial<WebFormBody> = {}): WebFormBody => ({
  token: '0'.repeat(32),
  name: 'Carol',
  email: 'carol@customer.test',
  subject: 'Invoice',
  message: 'Where is it?',
  website: '',
  ...fields,
});

describe('checkWebForm', () => {
  it.each([
    [{}, {}],
    [{ name: '  ' }, { name: 'Please enter your name' }],
    [{ email: 'carol@' }, { email: 'Please enter a valid e-mail address' }],
    [{ email: `${'a'.repeat(250)}@b.test` }, { email: 'At most 254 characters' }],
    [
      { subject: '', message: '' },
      { subject: 'Please enter a subject', message: 'Please describe your request' },
    ],
    [{ subject: 's'.repeat(201) }, { subject: 'At most 200 characters' }],
  ])('%j → errors %j', (fields, errors) => {
    const checked = checkWebForm(body(fields));
    expect(checked.ok ? {} : checked.errors).toEqual(errors);
  });

  it('trims what it takes', () => {
    expect(checkWebForm(body({ name: ' Carol ', email: ' carol@customer.test ' }))).toEqual({
      ok: true,
      form: {
        name: 'Carol',
        email: 'carol@customer.test',
        subject: 'Invoice',
        message: 'Where is it?',
      },
    });
  });
});

describe('WebFormBody', () => {
  it.each([
    ['a repeated field', { ...body(), name: ['a', 'b'] }],
    ['no token', { ...body(), token: undefined }],
    ['a token of the wrong shape', { ...body(), token: 'abc' }],
  ])('refuses %s (a malformed body)', (_, input) => {
    expect(WebFormBody.safeParse(input).success).toBe(false);
  });

  it('takes a body without the honeypot as not filled in', () => {
    const withoutTrap = Object.fromEntries(Object.entries(body()).filter(([k]) => k !== 'website'));
    expect(isHoneypotted(WebFormBody.parse(withoutTrap))).toBe(false);
    expect(isHoneypotted(body({ website: 'x' }))).toBe(true);
  });
});

describe('webPostText', () => {
  it('escapes everything the submitter typed, so it mentions and links no one', () => {
    const form = {
      name: 'A <@U1>',
      email: 'a@b.test',
      subject: '<!here>',
      message: '<https://x|y> & co',
    };
    expect(webPostText(form)).toBe(
      '🌐 Web request from A &lt;@U1&gt; &lt;a@b.test&gt;\n*&lt;!here&gt;*\n&lt;https://x|y&gt; &amp; co',
    );
  });
});

describe('webMailbox', () => {
  const mapping = (email: string, channelId: string, emailBlockingEnabled = false) =>
    ({ email, channelId, emailBlockingEnabled }) as never;

  it("takes the first unblocked address mapped to the redirection channel, none when there isn't one", () => {
    const mappings = [
      mapping('other@acme.test', 'C0OTHER'),
      mapping('old@acme.test', 'C0WEB', true),
      mapping('help@acme.test', 'C0WEB'),
      mapping('more@acme.test', 'C0WEB'),
    ];
    expect(webMailbox(mappings, 'C0WEB')).toMatchObject({ email: 'help@acme.test' });
    expect(webMailbox(mappings, 'C0NONE')).toBeUndefined();
  });
});
