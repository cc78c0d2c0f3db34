import type { SlackSimulator } from '../test/support/slack/simulator.js';

type Block = {
  type?: string;
  text?: { text?: string };
  elements?: Block[];
  fields?: { text?: string }[];
} & Record<string, unknown>;

/** The visible text of Block Kit blocks, one line per block, buttons in brackets. */
function blockText(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return [];
  return (blocks as Block[]).flatMap((block) => {
    if (block.type === 'actions') {
      return [
        (block.elements ?? [])
          .map((e) => `[${(e.text as { text?: string } | undefined)?.text ?? ''}]`)
          .join(' '),
      ];
    }
    if (block.type === 'context')
      return [(block.elements ?? []).map((e) => (e as { text?: string }).text ?? '').join(' ')];
    const lines = [block.text?.text, ...(block.fields ?? []).map((f) => f.text)].filter(
      Boolean,
    ) as string[];
    return lines;
  });
}

/** What a person would see in a channel: messages, thread replies, reactions, ephemerals. */
export function transcript(
  sim: SlackSimulator,
  channelId: string,
  names: Record<string, string>,
): string {
  const who = (id?: string) => (id ? (names[id] ?? id) : 'someone');
  const readable = (text: string) =>
    text
      .replace(/<@([A-Z0-9]+)>/g, (_, id: string) => `@${who(id)}`)
      .replace(/<#([A-Z0-9]+)(\|[^>]*)?>/g, (_, id: string) => `#${names[id] ?? id}`)
      .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2');
  const render = (
    m: { user?: string; username?: string; text: string; blocks?: unknown },
    indent: string,
  ) => {
    const body = blockText(m.blocks);
    const lines = body.length > 0 ? body : [m.text];
    return lines
      .map(
        (line, i) =>
          `${indent}${i === 0 ? `${m.username ?? who(m.user)}: ` : '  '}${readable(line).replace(/\n/g, `\n${indent}  `)}`,
      )
      .join('\n');
  };
  const out: string[] = [`#${names[channelId] ?? channelId}`];
  for (const message of sim.messages(channelId)) {
    out.push(render(message, '  '));
    const reactions = sim.reactionsOn(channelId, message.ts).map((r) => `:${r.name}:`);
    if (reactions.length > 0) out.push(`    reactions ${reactions.join(' ')}`);
    for (const reply of sim.thread(channelId, message.ts).slice(1))
      out.push(render(reply, '    ↳ '));
  }
  for (const e of sim.ephemerals(channelId))
    out.push(`  (only visible to ${who(e.user)}) ${readable(e.text)}`);
  return out.join('\n');
}
