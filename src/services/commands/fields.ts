import type { CustomFieldCreate } from '../../custom-fields/definition.js';
import { CustomFieldStore } from '../../db/repositories/custom-fields.js';
import { AppError } from '../../errors.js';
import { escapeMrkdwn } from '../../text/mrkdwn.js';
import type { Reply } from '../../views/command-reply.js';
import type { CommandContext } from './context.js';

/** `/triage fields`: the workspace's custom field definitions. */
export async function listFields(ctx: CommandContext): Promise<Reply> {
  const fields = await new CustomFieldStore(ctx.deps.models).list(
    ctx.teamId,
    'conversation_attribute',
  );
  if (fields.length === 0) {
    return { text: 'This workspace has no custom fields yet. Add one with `/triage fields add`.' };
  }
  const lines = fields.map((field) => {
    const options = field.values.length ? `: ${field.values.map(escapeMrkdwn).join(', ')}` : '';
    return `• *${escapeMrkdwn(field.name)}* \`${field.key}\` (${field.type}${options})`;
  });
  return { text: `Custom fields of this workspace:\n${lines.join('\n')}` };
}

/** `/triage fields add …`: defines a field (the key made from its name). */
export async function addField(ctx: CommandContext, field: CustomFieldCreate): Promise<Reply> {
  try {
    const created = await new CustomFieldStore(ctx.deps.models).create(ctx.teamId, field);
    return {
      text: `:white_check_mark: Added the custom field *${escapeMrkdwn(created.name)}* \`${created.key}\` (${created.type}).`,
    };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'invalid_input') throw error;
    return { text: `:warning: ${error.detail[0]?.msg ?? error.message}. Nothing was changed.` };
  }
}

/** `/triage fields remove <key>`. */
export async function removeField(ctx: CommandContext, key: string): Promise<Reply> {
  const removed = await new CustomFieldStore(ctx.deps.models).removeByKey(ctx.teamId, key);
  if (!removed) {
    return {
      text: `:warning: This workspace has no custom field \`${escapeMrkdwn(key)}\`; \`/triage fields\` lists them.`,
    };
  }
  return {
    text: `:wastebasket: Deleted the custom field *${escapeMrkdwn(removed.name)}* \`${removed.key}\`.`,
  };
}
