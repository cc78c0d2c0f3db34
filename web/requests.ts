import { api, el, find, when } from './dom.js';

export interface Conversation {
  id: string;
  channel_id: string;
  status: string;
  request_status: string;
  priority: string | null;
  severity: string | null;
  labels: string[];
  created_at: number;
  first_reply_created_at: number | null;
  link: string;
  meta: { sender: { id: string }; assignee: { id: string } | null };
  messages: {
    id: string;
    content: string | null;
    message_type: string;
    private: boolean;
    created_at: number;
    sender: { id: string };
  }[];
}

interface ConversationList {
  data: {
    meta: {
      mine_count: number;
      assigned_count: number;
      unassigned_count: number;
      all_count: number;
    };
    payload: Conversation[];
  };
}

const PAGE_SIZE = 25;
const COUNT_OF: Record<string, keyof ConversationList['data']['meta']> = {
  me: 'mine_count',
  assigned: 'assigned_count',
  unassigned: 'unassigned_count',
  all: 'all_count',
};

/** A request's opening text, shortened for a list. */
export function preview(conversation: Conversation): string {
  const text = conversation.messages[0]?.content ?? '(text hidden in this channel)';
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** The request list under the form's filters (the page's query), from `/app/api/conversations`. */
export async function requestsPage(): Promise<void> {
  const query = new URLSearchParams();
  for (const [key, value] of new URLSearchParams(location.search)) {
    if (value.trim() !== '') query.set(key, value.trim());
  }
  const status = find('#list-status');
  const body = find('#requests tbody');
  try {
    const list = await api<ConversationList>(`/conversations?${query}`);
    const rows = list.data.payload;
    body.replaceChildren(
      ...rows.map((c) =>
        el(
          'tr',
          {},
          el('td', {}, el('a', { href: `/app/requests/${c.id}` }, preview(c))),
          el('td', {}, c.request_status.replaceAll('_', ' ')),
          el('td', { class: 'mono' }, c.channel_id),
          el('td', { class: 'mono' }, c.meta.assignee?.id ?? '—'),
          el('td', {}, c.labels.join(', ')),
          el('td', {}, when(c.created_at)),
        ),
      ),
    );
    const total = list.data.meta[COUNT_OF[query.get('assignee_type') ?? 'all'] ?? 'all_count'];
    const page = Number(query.get('page') ?? '1');
    status.textContent = rows.length
      ? `${total} matching requests; showing ${(page - 1) * PAGE_SIZE + 1}–${(page - 1) * PAGE_SIZE + rows.length}.`
      : 'No requests match these filters.';
    find('#requests').dataset.rows = String(rows.length);
    pager(page, total);
  } catch (error) {
    status.textContent = (error as Error).message;
    status.setAttribute('role', 'alert');
  }
}

function pager(page: number, total: number): void {
  const link = (to: number, label: string) => {
    const query = new URLSearchParams(location.search);
    query.set('page', String(to));
    return el('a', { href: `/app/requests?${query}` }, label);
  };
  find('nav.pager').replaceChildren(
    ...(page > 1 ? [link(page - 1, '← Newer')] : []),
    ...(page * PAGE_SIZE < total ? [link(page + 1, 'Older →')] : []),
  );
}
