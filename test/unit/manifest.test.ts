import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { parse } from 'yaml';
import { z } from 'zod';
import { BOT_SCOPES, SHORTCUTS, SLASH_COMMAND } from '../../src/constants.js';
import type { BotDeps } from '../../src/deps.js';
import { registerListeners } from '../../src/slack/listeners/index.js';

const ROOT = new URL('../../', import.meta.url).pathname;

/** The bot-token scopes of each Web API method the code calls (Slack's method reference). */
const METHOD_SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'chat.delete': ['chat:write'],
  'chat.getPermalink': [],
  'chat.postEphemeral': ['chat:write'],
  // Posting as the CSM (username, icon_url) needs chat:write.customize.
  'chat.postMessage': ['chat:write', 'chat:write.customize'],
  'chat.update': ['chat:write'],
  // Internal channels are made private (groups:write); one found by its name may be public, and
  // inviting into it needs channels:manage.
  'conversations.create': ['groups:write'],
  'conversations.invite': ['channels:manage', 'groups:write'],
  // An internal channel renamed with its account (private: groups:write; public: channels:manage).
  'conversations.rename': ['channels:manage', 'groups:write'],
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.info': ['channels:read', 'groups:read'],
  'conversations.join': ['channels:join'],
  'conversations.list': ['channels:read', 'groups:read'],
  'conversations.members': ['channels:read', 'groups:read'],
  'conversations.replies': ['channels:history', 'groups:history'],
  'reactions.add': ['reactions:write'],
  'reactions.remove': ['reactions:write'],
  'team.info': ['team:read'],
  // profile.email, for show_user_emails_in_assignee, needs users:read.email.
  'users.info': ['users:read', 'users:read.email'],
  'users.lookupByEmail': ['users:read.email'],
  'views.open': [],
  'views.publish': [],
  'views.update': [],
};

/** The scopes each subscribed event needs (Slack's event reference). */
const EVENT_SCOPES: Record<string, string[]> = {
  app_home_opened: [],
  app_uninstalled: [],
  channel_created: ['channels:read'],
  channel_rename: ['channels:read'],
  member_joined_channel: ['channels:read', 'groups:read'],
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
  reaction_added: ['reactions:read'],
  tokens_revoked: [],
};

const Manifest = z.object({
  features: z.object({
    slash_commands: z.array(z.object({ command: z.string() })).default([]),
    shortcuts: z
      .array(z.object({ type: z.enum(['message', 'global']), callback_id: z.string() }))
      .default([]),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({ event_subscriptions: z.object({ bot_events: z.array(z.string()) }) }),
});
const manifest = Manifest.parse(parse(readFileSync(join(ROOT, 'manifest.yml'), 'utf8')));
const botEvents = manifest.settings.event_subscriptions.bot_events;
const botScopes = manifest.oauth_config.scopes.bot;
const slashCommands = manifest.features.slash_commands.map((c) => c.command);
const shortcuts = manifest.features.shortcuts.map((s) => `${s.type}:${s.callback_id}`);

/** What the listener code registers, recorded on a stand-in for Bolt's `App`. */
function registered(): { events: Set<string>; commands: Set<string>; shortcuts: Set<string> } {
  const events = new Set<string>();
  const commands = new Set<string>();
  const shortcuts = new Set<string>();
  const record: Record<string, (name: unknown) => void> = {
    event: (name) => events.add(String(name)),
    message: () => events.add('message'),
    command: (name) => commands.add(String(name)),
    shortcut: (constraints) => {
      const { type, callback_id } = constraints as { type: string; callback_id: string };
      shortcuts.add(`${type === 'message_action' ? 'message' : 'global'}:${callback_id}`);
    },
  };
  const app = new Proxy({}, { get: (_, method: string) => record[method] ?? (() => {}) });
  // Listeners may keep parts of their dependencies at registration; none is used until an event.
  const anything: unknown = new Proxy(() => {}, { get: () => anything, apply: () => anything });
  registerListeners(app as App, anything as BotDeps);
  return { events, commands, shortcuts };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Web API methods the bot's code calls: `<namespace>.<method>(` on a client (also split over
 * lines), and the names given to `paginate` / `apiCall`.
 */
function calledMethods(): string[] {
  const client = new WebClient() as unknown as Record<string, Record<string, unknown>>;
  // API namespaces are plain objects of methods (unlike the client's logger or request queue).
  const namespaces = Object.keys(client).filter(
    (key) =>
      typeof client[key] === 'object' && Object.getPrototypeOf(client[key]) === Object.prototype,
  );
  const call = new RegExp(
    `\\b(${namespaces.join('|')})\\s*\\.\\s*(\\w+)(?:\\s*\\.\\s*(\\w+))?\\s*\\(`,
    'g',
  );
  const named = /\.(?:paginate|apiCall)\(\s*['"`]([\w.]+)['"`]/g;
  const methods = new Set<string>();
  for (const file of [...sourceFiles('src'), ...sourceFiles('jobs')]) {
    const code = readFileSync(file, 'utf8');
    for (const [, ns, first, second] of code.matchAll(call)) {
      const group = client[ns as string] as Record<string, unknown>;
      const nested = group[first as string] as Record<string, unknown> | undefined;
      if (second && typeof nested?.[second] === 'function') methods.add(`${ns}.${first}.${second}`);
      else if (typeof nested === 'function') methods.add(`${ns}.${first}`);
    }
    for (const [, method] of code.matchAll(named)) methods.add(method as string);
  }
  return [...methods].sort();
}

describe('manifest.yml and the code agree', () => {
  it('subscribes to exactly the events the listeners handle', () => {
    const { events } = registered();
    for (const event of botEvents) expect(events).toContain(event.split('.')[0]);
    for (const event of events) {
      expect(botEvents.filter((e) => e === event || e.startsWith(`${event}.`))).not.toEqual([]);
    }
  });

  it('declares the slash command the code registers', () => {
    expect(slashCommands).toEqual([SLASH_COMMAND]);
    expect([...registered().commands]).toEqual([SLASH_COMMAND]);
  });

  it('declares the shortcuts the code registers (message shortcuts need the commands scope)', () => {
    expect([...registered().shortcuts].sort()).toEqual([...shortcuts].sort());
    expect(shortcuts).toContain(`message:${SHORTCUTS.insertCanned}`);
  });

  it('has a scope entry for every Web API method the code calls, and none for others', () => {
    expect(calledMethods()).toEqual(Object.keys(METHOD_SCOPES).sort());
  });

  it('asks for exactly the scopes the called methods, the events and the command need', () => {
    for (const event of botEvents) expect(Object.keys(EVENT_SCOPES)).toContain(event);
    const needed = new Set([
      ...calledMethods().flatMap((method) => METHOD_SCOPES[method] ?? []),
      ...botEvents.flatMap((event) => EVENT_SCOPES[event] ?? []),
      ...(slashCommands.length + shortcuts.length > 0 ? ['commands'] : []),
    ]);
    expect([...botScopes].sort()).toEqual([...needed].sort());
  });

  it('installs over OAuth with the manifest’s scopes', () => {
    expect([...BOT_SCOPES]).toEqual(botScopes);
  });
});
