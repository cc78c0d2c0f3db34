import { randomBytes } from 'node:crypto';
import { ACTIONS, VIEWS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import { ZendeskSimulator } from '../../support/zendesk/simulator.js';
import { AGENT, CHANNEL, customerWorld, eventually } from '../requests/world.js';

const ADMIN = 'U0ADMIN';

interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: { action_id?: string; value?: string; confirm?: unknown }[];
}

/** What `user` sees on the Home tab: its id, headers, the whole text, a connector's line. */
function home(t: TestBot, user: string) {
  const view = t.sim.homeView(user);
  const blocks = (view?.view.blocks ?? []) as Block[];
  return {
    id: view?.id as string,
    headers: blocks.filter((b) => b.type === 'header').map((b) => b.text?.text),
    text: JSON.stringify(blocks),
    line: (id: string) => blocks.find((b) => b.block_id === `home_connector_${id}`)?.text?.text,
    buttons: (id: string) =>
      blocks.find((b) => b.block_id === `home_connector_actions_${id}`)?.elements ?? [],
  };
}

/** The modal with `callbackId` the bot opened last. */
const modal = (t: TestBot, callbackId: string) =>
  t.sim
    .openedViews()
    .filter((v) => v.view.callback_id === callbackId)
    .at(-1);

/** A click on the Home tab's `actionId` (a connector's id as value). */
const clickHome = (t: TestBot, user: string, actionId: string, value?: string) =>
  t.driver.action({
    user,
    action_id: actionId,
    view_id: home(t, user).id,
    ...(value ? { value } : {}),
  });

const text = (value: string) => ({ connector_value: { type: 'plain_text_input', value } });
const blank = { connector_value: { type: 'plain_text_input', value: null } };
const unchecked = { connector_value: { type: 'checkboxes', selected_options: [] } };
const zendeskType = {
  connector_type_pick: { type: 'static_select', selected_option: { value: 'zendesk' } },
};

const connectors = (t: TestBot) => t.db.collection('connectors').find().toArray();

describe('App Home: admins configure connectors', () => {
  let t: TestBot;
  let zendesk: ZendeskSimulator;
  let id: string;

  beforeAll(async () => {
    zendesk = await ZendeskSimulator.start();
    t = await customerWorld(undefined, {
      env: {
        SETTINGS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        WEBHOOK_ALLOW_PRIVATE: 'true',
      },
    });
    t.sim.addUser({ id: ADMIN, name: 'ada', is_admin: true });
  });
  afterAll(async () => {
    await t.stop();
    await zendesk.stop();
  });

  /** The Add modal's answers for Zendesk with `token`. */
  const zendeskAnswers = (token: string) => ({
    connector_type: zendeskType,
    connector_base_url: text(zendesk.url),
    connector_credential_email: text(zendesk.email),
    connector_credential_api_token: text(token),
    connector_credential_webhook_secret: text('zd-webhook-secret-1'),
    connector_option_agent_replies_public: unchecked,
  });

  it('shows the Connectors section to an admin, not to an agent', async () => {
    await t.driver.appHomeOpened(ADMIN);
    await t.driver.appHomeOpened(AGENT);
    const admin = home(t, ADMIN);
    expect(admin.headers).toContain('Connectors (0)');
    expect(admin.text).toContain(`"action_id":"${ACTIONS.connectorAdd}"`);
    expect(admin.text).toContain('No connectors yet');
    const agent = home(t, AGENT);
    expect(agent.headers).toContain('Requests');
    expect(agent.headers.some((h) => h?.startsWith('Connectors'))).toBe(false);
    expect(agent.text).not.toContain(ACTIONS.connectorAdd);
  });

  it('refuses a click on Add connector by an agent, with a modal that says so', async () => {
    await t.driver.action({
      user: AGENT,
      action_id: ACTIONS.connectorAdd,
      view_id: home(t, AGENT).id,
    });
    const notice = await eventually(async () =>
      t.sim.openedViews().find((v) => v.user === AGENT && v.view.callback_id === undefined),
    );
    expect(JSON.stringify(notice.view)).toContain('Only workspace admins manage connectors');
    expect(modal(t, VIEWS.connectorAdd)).toBeUndefined();
  });

  it('the Add modal takes its fields from the type chosen', async () => {
    await clickHome(t, ADMIN, ACTIONS.connectorAdd);
    const opened = await eventually(async () => modal(t, VIEWS.connectorAdd));
    const blockIds = (v: typeof opened) =>
      (v.view.blocks as Block[]).map((b) => b.block_id).filter(Boolean);
    // Zendesk's and Jira's credentials are alike (API token); Jira takes two options more
    const apiToken = [
      'connector_type',
      'connector_base_url',
      'connector_credential_email',
      'connector_credential_api_token',
      'connector_credential_webhook_secret',
      'connector_option_agent_replies_public',
    ];
    expect(blockIds(opened)).toEqual(apiToken);
    await t.driver.action({
      user: ADMIN,
      action_id: ACTIONS.connectorType,
      view_id: opened.id,
      type: 'static_select',
      selected_option: { value: 'jira' },
    });
    await eventually(async () =>
      blockIds(t.sim.view(opened.id) as typeof opened).includes('connector_option_project_key'),
    );
    expect(blockIds(t.sim.view(opened.id) as typeof opened)).toEqual([
      ...apiToken,
      'connector_option_project_key',
      'connector_option_issue_type',
    ]);
  });

  it('a token Zendesk refuses is an error on the modal field, and nothing is stored', async () => {
    await clickHome(t, ADMIN, ACTIONS.connectorAdd);
    const opened = await eventually(async () => modal(t, VIEWS.connectorAdd));
    const res = await t.driver.viewSubmission({
      user: ADMIN,
      view_id: opened.id,
      values: zendeskAnswers('zd-token-wrong'),
    });
    expect(res.status).toBe(200);
    const after = t.sim.view(opened.id);
    expect(after?.status).toBe('open');
    expect(after?.errors?.connector_credential_api_token).toMatch(
      /^Zendesk answered 401: it refused these credentials/,
    );
    expect(await connectors(t)).toEqual([]);
  });

  it('the right token is stored sealed, and the Home is republished with it', async () => {
    await clickHome(t, ADMIN, ACTIONS.connectorAdd);
    const opened = await eventually(async () => modal(t, VIEWS.connectorAdd));
    await t.driver.viewSubmission({
      user: ADMIN,
      view_id: opened.id,
      values: zendeskAnswers(zendesk.token),
    });
    expect(t.sim.view(opened.id)?.status).toBe('closed');
    const [stored] = await connectors(t);
    expect(stored).toMatchObject({
      type: 'zendesk',
      baseUrl: zendesk.url,
      vendorUserId: expect.any(String),
    });
    expect(JSON.stringify(stored?.credentials)).not.toContain(zendesk.token);
    id = String(stored?._id);
    // through the API as well, the credentials write-only
    const api = await t.api('GET', `/api/v1/connectors/${id}`);
    expect(api.body.credentials).toEqual({ set: true, webhook_secret_set: true });
    const line = await eventually(async () => home(t, ADMIN).line(id));
    expect(home(t, ADMIN).headers).toContain('Connectors (1)');
    expect(line).toContain(`*Zendesk* · ${zendesk.url} · credentials set, webhook secret set`);
    expect(line).toContain(':white_check_mark: Credentials accepted');
    expect(line).toContain('Used by no channel');
    expect(line).not.toContain(zendesk.token);
    expect(home(t, ADMIN).text).not.toContain('zd-webhook-secret-1');
    expect(
      home(t, ADMIN)
        .buttons(id)
        .map((b) => b.action_id),
    ).toEqual([ACTIONS.connectorEdit, ACTIONS.connectorCheck, ACTIONS.connectorRemove]);
  });

  it('Edit with the credentials left blank keeps them, and changes the options', async () => {
    const before = (await connectors(t))[0];
    await clickHome(t, ADMIN, ACTIONS.connectorEdit, id);
    const opened = await eventually(async () => modal(t, VIEWS.connectorEdit));
    const shown = JSON.stringify(opened.view);
    expect(shown).not.toContain(zendesk.token);
    expect(shown).not.toContain('zd-webhook-secret-1');
    const hints = Object.fromEntries(
      (opened.view.blocks as (Block & { hint?: { text: string } })[]).map((b) => [
        b.block_id,
        b.hint?.text,
      ]),
    );
    expect(hints.connector_credential_api_token).toMatch(/^Set: leave blank to keep it/);
    expect(hints.connector_credential_webhook_secret).toMatch(/^Set: /);
    await t.driver.viewSubmission({
      user: ADMIN,
      view_id: opened.id,
      values: {
        connector_base_url: text(zendesk.url),
        connector_credential_email: blank,
        connector_credential_api_token: blank,
        connector_credential_webhook_secret: blank,
        connector_option_agent_replies_public: {
          connector_value: { type: 'checkboxes', selected_options: [{ value: 'yes' }] },
        },
      },
    });
    expect(t.sim.view(opened.id)?.status).toBe('closed');
    const after = (await connectors(t))[0];
    expect(after?.options).toMatchObject({ agent_replies_public: true });
    expect(after?.credentials).toEqual(before?.credentials);
  });

  it('Edit with a token Zendesk refuses shows the error and changes nothing', async () => {
    const before = (await connectors(t))[0];
    await clickHome(t, ADMIN, ACTIONS.connectorEdit, id);
    const opened = await eventually(async () =>
      t.sim
        .openedViews()
        .filter((v) => v.view.callback_id === VIEWS.connectorEdit && v.status === 'open')
        .at(-1),
    );
    await t.driver.viewSubmission({
      user: ADMIN,
      view_id: opened.id,
      values: {
        connector_base_url: text(zendesk.url),
        connector_credential_api_token: text('nope'),
      },
    });
    expect(t.sim.view(opened.id)?.errors?.connector_credential_api_token).toMatch(
      /^Zendesk answered 401/,
    );
    expect((await connectors(t))[0]).toEqual(before);
  });

  it('Check shows what Zendesk answered, in words, once the token is revoked', async () => {
    const good = zendesk.token;
    zendesk.token = 'zd-token-revoked';
    await clickHome(t, ADMIN, ACTIONS.connectorCheck, id);
    const line = await eventually(
      async () => home(t, ADMIN).line(id)?.includes(':warning:') && home(t, ADMIN).line(id),
    );
    expect(line).toContain(':warning: Zendesk answered 401: it refused these credentials');
    const stored = (await connectors(t))[0];
    expect(stored?.lastCheck?.error).toMatch(/^Zendesk answered 401/);
    zendesk.token = good;
    await clickHome(t, ADMIN, ACTIONS.connectorCheck, id);
    await eventually(async () => home(t, ADMIN).line(id)?.includes(':white_check_mark:'));
    expect((await connectors(t))[0]?.lastCheck?.error).toBeNull();
  });

  it('a click naming another workspace’s connector changes nothing there', async () => {
    const copy: Record<string, unknown> = { ...(await connectors(t))[0] };
    delete copy._id;
    const other = await t.db
      .collection('connectors')
      .insertOne({ ...copy, teamId: 'T0OTHER', lastCheck: null });
    const foreign = String(other.insertedId);
    const good = zendesk.token;
    const published = t.sim.calls('views.publish').length;
    zendesk.token = 'zd-token-revoked'; // a check of it would record a refusal
    try {
      await clickHome(t, ADMIN, ACTIONS.connectorCheck, foreign);
      await clickHome(t, ADMIN, ACTIONS.connectorRemove, foreign);
      await clickHome(t, ADMIN, ACTIONS.connectorEdit, foreign);
      // each click ends in the Home republished (the connector is none of this workspace's)
      await eventually(async () => t.sim.calls('views.publish').length >= published + 3);
    } finally {
      zendesk.token = good;
    }
    const stored = await t.db.collection('connectors').findOne({ _id: other.insertedId });
    expect(stored).toMatchObject({ teamId: 'T0OTHER', lastCheck: null });
    expect(
      t.sim
        .openedViews()
        .some(
          (v) =>
            v.view.callback_id === VIEWS.connectorEdit && JSON.stringify(v.view).includes(foreign),
        ),
    ).toBe(false);
    await t.db.collection('connectors').deleteOne({ _id: other.insertedId });
  });

  it('Remove is refused while a channel uses the connector, then allowed', async () => {
    const named = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { tickets: { config: { helpdeskIds: [id] } } },
    });
    expect(named.status).toBe(200);
    await t.driver.appHomeOpened(ADMIN);
    await eventually(async () => home(t, ADMIN).line(id)?.includes(`Used by <#${CHANNEL}>`));
    const remove = home(t, ADMIN)
      .buttons(id)
      .find((b) => b.action_id === ACTIONS.connectorRemove);
    expect(remove?.confirm).toBeDefined(); // Slack asks "Remove connector?" before sending the click
    const opened = t.sim.openedViews().length;
    await clickHome(t, ADMIN, ACTIONS.connectorRemove, id);
    const notice = await eventually(async () => t.sim.openedViews().slice(opened)[0]);
    expect(JSON.stringify(notice.view)).toContain(`still used by <#${CHANNEL}>`);
    expect(await connectors(t)).toHaveLength(1);
    // The API keeps the same rule: a 409 naming the channel, nothing deleted.
    const deleted = await t.api('DELETE', `/api/v1/connectors/${id}`);
    expect(deleted.status).toBe(409);
    expect(deleted.body.detail[0].msg).toContain(`still used by #${CHANNEL}`);
    expect(await connectors(t)).toHaveLength(1);

    const cleared = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { tickets: { config: { helpdeskIds: [] } } },
    });
    expect(cleared.status).toBe(200);
    await clickHome(t, ADMIN, ACTIONS.connectorRemove, id);
    await eventually(async () => (await connectors(t)).length === 0);
    await eventually(async () => home(t, ADMIN).headers.includes('Connectors (0)'));
    expect(t.sim.openedViews()).toHaveLength(opened + 1);
  });
});
