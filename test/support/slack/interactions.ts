/** Slash command and interactivity payloads shaped like the ones Slack sends. */

type Json = Record<string, unknown>;

/** What identifies the app and workspace in every payload. */
export interface AppIdentity {
  teamId: string;
  teamDomain: string;
  apiAppId: string;
  token: string;
}

export interface PayloadUser {
  id: string;
  name: string;
  team_id: string;
}

export interface CommandInput {
  /** Default `/triage`. */
  command?: string;
  text?: string;
  user_id: string;
  channel_id: string;
  user_name?: string;
  channel_name?: string;
  /** Default: a simulator response URL when the driver has a simulator. */
  response_url?: string;
  trigger_id?: string;
}

export function commandForm(
  app: AppIdentity,
  input: Required<CommandInput>,
): Record<string, string> {
  return {
    token: app.token,
    team_id: app.teamId,
    team_domain: app.teamDomain,
    channel_id: input.channel_id,
    channel_name: input.channel_name,
    user_id: input.user_id,
    user_name: input.user_name,
    command: input.command,
    text: input.text,
    api_app_id: app.apiAppId,
    is_enterprise_install: 'false',
    response_url: input.response_url,
    trigger_id: input.trigger_id,
  };
}

/** An interactive element in blocks, found by `action_id` (actions, section accessories, inputs). */
export function findElement(
  blocks: unknown,
  actionId: string,
): { block_id?: string; element: Json } | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const block of blocks as Json[]) {
    const candidates = [
      ...(Array.isArray(block.elements) ? (block.elements as Json[]) : []),
      block.accessory as Json | undefined,
      block.element as Json | undefined,
    ];
    const element = candidates.find((e) => e?.action_id === actionId);
    if (element !== undefined) {
      return { block_id: typeof block.block_id === 'string' ? block.block_id : undefined, element };
    }
  }
  return undefined;
}

export interface ActionInput {
  user: string;
  action_id: string;
  value?: string;
  block_id?: string;
  /** Element type; default taken from the blocks, else `button`. */
  type?: string;
  selected_option?: { text?: Json; value: string };
  /** A `multi_static_select`'s whole selection after the change (Slack sends all of it). */
  selected_options?: { text?: Json; value: string }[];
  /** A message's channel and ts: the container. */
  channel?: string;
  message_ts?: string;
  is_ephemeral?: boolean;
  /** A view (App Home or modal) as the container instead. */
  view_id?: string;
  /** `state.values` of the message or view. */
  state?: Record<string, Record<string, unknown>>;
  /** Extra fields merged into the action object (e.g. `selected_user`). */
  extra?: Json;
  response_url?: string;
  trigger_id?: string;
}

export interface ActionContext {
  user: PayloadUser;
  channelName?: string;
  /** The message as `conversations.history` would return it, when known. */
  message?: Json;
  /** The rendered view, when the container is a view. */
  view?: Json;
  response_url?: string;
  trigger_id: string;
  actionTs: string;
}

export function blockActionsPayload(
  app: AppIdentity,
  input: ActionInput,
  ctx: ActionContext,
): Json {
  const blocks = ctx.view?.blocks ?? ctx.message?.blocks;
  const found = findElement(blocks, input.action_id);
  const element = found?.element ?? {};
  const action: Json = {
    action_id: input.action_id,
    block_id: input.block_id ?? found?.block_id ?? 'block',
    type: input.type ?? element.type ?? 'button',
    action_ts: ctx.actionTs,
  };
  if (element.text !== undefined) action.text = element.text;
  const value = input.value ?? element.value;
  if (value !== undefined) action.value = value;
  if (input.selected_option !== undefined) action.selected_option = input.selected_option;
  if (input.selected_options !== undefined) action.selected_options = input.selected_options;
  // A select's action repeats its placeholder and initial option(s), as Slack's does.
  for (const key of ['placeholder', 'initial_option', 'initial_options']) {
    if (element[key] !== undefined && String(action.type).endsWith('select')) {
      action[key] = element[key];
    }
  }
  Object.assign(action, input.extra);

  const container: Json =
    input.view_id !== undefined
      ? { type: 'view', view_id: input.view_id }
      : {
          type: 'message',
          message_ts: input.message_ts,
          channel_id: input.channel,
          is_ephemeral: input.is_ephemeral ?? false,
        };
  const payload: Json = {
    type: 'block_actions',
    user: {
      id: ctx.user.id,
      username: ctx.user.name,
      name: ctx.user.name,
      team_id: ctx.user.team_id,
    },
    api_app_id: app.apiAppId,
    token: app.token,
    container,
    trigger_id: ctx.trigger_id,
    team: { id: app.teamId, domain: app.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
  };
  if (input.channel !== undefined)
    payload.channel = { id: input.channel, name: ctx.channelName ?? input.channel };
  if (ctx.message !== undefined && input.is_ephemeral !== true) payload.message = ctx.message;
  if (ctx.view !== undefined) payload.view = { ...ctx.view, state: { values: input.state ?? {} } };
  else payload.state = { values: input.state ?? {} };
  if (ctx.response_url !== undefined) payload.response_url = ctx.response_url;
  payload.actions = [action];
  return payload;
}

export interface ViewSubmissionInput {
  user: string;
  /** A view the app opened in the simulator; its blocks and metadata are used. */
  view_id?: string;
  /** Or the view itself, when there is no simulator. */
  view?: Json;
  /** `view.state.values`: `{ [block_id]: { [action_id]: { type, value | selected_option… } } }`. */
  values?: Record<string, Record<string, unknown>>;
  trigger_id?: string;
}

export function viewSubmissionPayload(
  app: AppIdentity,
  user: PayloadUser,
  view: Json,
  values: Record<string, Record<string, unknown>>,
  triggerId: string,
): Json {
  return {
    type: 'view_submission',
    team: { id: app.teamId, domain: app.teamDomain },
    user: { id: user.id, username: user.name, name: user.name, team_id: user.team_id },
    api_app_id: app.apiAppId,
    token: app.token,
    trigger_id: triggerId,
    view: { ...view, state: { values } },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export interface MessageShortcutInput {
  user: string;
  /** The shortcut's `callback_id` (manifest.yml's `features.shortcuts`). */
  callback_id: string;
  channel: string;
  /** The message the shortcut is used on. */
  message_ts: string;
  trigger_id?: string;
}

/** A message shortcut (`message_action`), shaped like @slack/bolt's `MessageShortcut`. */
export function messageShortcutPayload(
  app: AppIdentity,
  input: MessageShortcutInput,
  ctx: Omit<ActionContext, 'view' | 'message'> & { message: Json; response_url: string },
): Json {
  return {
    type: 'message_action',
    token: app.token,
    action_ts: ctx.actionTs,
    team: { id: app.teamId, domain: app.teamDomain },
    user: {
      id: ctx.user.id,
      username: ctx.user.name,
      name: ctx.user.name,
      team_id: ctx.user.team_id,
    },
    channel: { id: input.channel, name: ctx.channelName ?? input.channel },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: input.callback_id,
    trigger_id: ctx.trigger_id,
    response_url: ctx.response_url,
    message_ts: input.message_ts,
    message: ctx.message,
  };
}
