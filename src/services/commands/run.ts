import { nonAdminRefusal } from '../../commands/access.js';
import { helpBlocks } from '../../views/help.js';
import { lockConfig, resetConfig, setConfig, showConfig } from './config.js';
import type { CommandContext } from './context.js';
import type { Command } from '../../commands/parse.js';
import { appErrorReply, type Reply } from '../../views/command-reply.js';
import { addField, listFields, removeField } from './fields.js';
import { listOpenRequests } from './requests.js';
import { replyFromCommand } from './reply.js';
import { setUpChannel } from './setup.js';
import { createToken } from './token.js';
import { dashboardLink } from './dashboard.js';
import { showEmail } from './email.js';
import { changeMembers, createTeam, listTeams, setOwnAvailability } from './teams.js';
import { escalateFromCommand } from '../escalation/entries.js';

/**
 * Runs one parsed `/triage` command: refuses writes by non-admins before anything is read or
 * written, then calls the subcommand's handler. Expected failures (AppErrors) become the reply;
 * anything else is thrown for the listener to log.
 */
export async function runCommand(ctx: CommandContext, command: Command): Promise<Reply> {
  const refusal = nonAdminRefusal(command.name);
  if (refusal && !(await ctx.slack.isWorkspaceAdmin(ctx.userId))) return { text: refusal };
  try {
    return await dispatch(ctx, command);
  } catch (error) {
    const reply = appErrorReply(error);
    if (reply) return reply;
    throw error;
  }
}

async function dispatch(ctx: CommandContext, command: Command): Promise<Reply> {
  switch (command.name) {
    case 'help':
      return helpBlocks(command.unknown);
    case 'config':
      return showConfig(ctx, command.prefix);
    case 'config set':
      return setConfig(ctx, command.key, command.value);
    case 'config reset':
      return resetConfig(ctx, command.key);
    case 'config lock':
      return lockConfig(ctx, command.key, true);
    case 'config unlock':
      return lockConfig(ctx, command.key, false);
    case 'setup customer':
      return setUpChannel(ctx, 'customer', command.triageChannel);
    case 'setup triage':
      return setUpChannel(ctx, 'triage');
    case 'requests':
      return listOpenRequests(ctx, command);
    case 'escalate':
      return escalateFromCommand(ctx, command.request, command.reason);
    case 'reply':
      return replyFromCommand(ctx, command.shortCode, command.request);
    case 'fields':
      return listFields(ctx);
    case 'fields add':
      return addField(ctx, command.field);
    case 'fields remove':
      return removeField(ctx, command.key);
    case 'token':
      return createToken(ctx);
    case 'dashboard':
      return dashboardLink(ctx);
    case 'email':
      return showEmail(ctx);
    case 'away':
      return setOwnAvailability(ctx, 'offline');
    case 'back':
      return setOwnAvailability(ctx, 'online');
    case 'team':
      return listTeams(ctx);
    case 'team create':
      return createTeam(ctx, command.team);
    case 'team add':
      return changeMembers(ctx, 'add', command.team, command.users);
    case 'team remove':
      return changeMembers(ctx, 'remove', command.team, command.users);
  }
}
