import { api, el, find, when } from './dom.js';
import type { Conversation } from './requests.js';

interface HistoryEntry {
  at: string;
  type: string;
  from?: string | null;
  to?: string | null;
  field?: string;
  by: string;
}

function describe(entry: HistoryEntry): string {
  const what = entry.field ? `${entry.type} (${entry.field})` : entry.type.replaceAll('_', ' ');
  const value = (v: string | null | undefined) => (v ? v.replaceAll('_', ' ') : '—');
  const change = entry.from || entry.to ? `: ${value(entry.from)} → ${value(entry.to)}` : '';
  return `${what}${change}, by ${entry.by}`;
}

/** One request: its details, messages and history timeline, from `/app/api/conversations/:id`. */
export async function requestPage(): Promise<void> {
  const root = find('#request');
  try {
    const { conversation: c, history } = await api<{
      conversation: Conversation;
      history: HistoryEntry[];
    }>(`/conversations/${encodeURIComponent(root.dataset.id ?? '')}`);
    const fact = (term: string, value: string | Node) => [el('dt', {}, term), el('dd', {}, value)];
    root.replaceChildren(
      el('h2', {}, 'Details'),
      el(
        'dl',
        { class: 'facts' },
        ...fact('Status', c.request_status.replaceAll('_', ' ')),
        ...fact('Channel', c.channel_id),
        ...fact('Requester', c.meta.sender.id),
        ...fact('Assignee', c.meta.assignee?.id ?? 'nobody'),
        ...fact('Priority', c.priority ?? 'none'),
        ...fact('Severity', c.severity ?? 'none'),
        ...fact('Labels', c.labels.join(', ') || 'none'),
        ...fact('Created', when(c.created_at)),
        ...fact(
          'First reply',
          c.first_reply_created_at ? when(c.first_reply_created_at) : 'not yet',
        ),
        ...fact('In Slack', el('a', { href: c.link }, 'Open the thread')),
      ),
      el('h2', {}, 'Messages'),
      el(
        'ol',
        { class: 'messages' },
        ...c.messages.map((m) =>
          el(
            'li',
            { class: m.private ? 'note' : m.message_type },
            el(
              'p',
              { class: 'meta' },
              `${m.sender.id}${m.private ? ' (private note)' : ''} · ${when(m.created_at)}`,
            ),
            el('p', {}, m.content ?? '(text not shown)'),
          ),
        ),
      ),
      el('h2', {}, 'History'),
      el(
        'ol',
        { class: 'timeline', id: 'timeline' },
        ...history.map((h) =>
          el('li', {}, el('time', { datetime: h.at }, when(h.at)), ' ', describe(h)),
        ),
      ),
    );
  } catch (error) {
    root.replaceChildren(el('p', { class: 'notice', role: 'alert' }, (error as Error).message));
  }
}
