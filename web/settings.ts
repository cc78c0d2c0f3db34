import { api, ApiError, el, find } from './dom.js';

interface Provenance {
  value: unknown;
  setAt: { level: string; name?: string; id?: string };
  locked: boolean;
  lockedAt: { level: string; name?: string } | null;
}
interface SettingsView {
  level: 'workspace' | 'channel';
  channel_id: string | null;
  provenance: Record<string, Provenance>;
  editable: boolean;
  channels: { id: string; name: string; kind: string }[];
}

const show = (value: unknown) => JSON.stringify(value) ?? 'unset';
const levelOf = (ref: { level: string; name?: string }) =>
  ref.name ? `${ref.level} (${ref.name})` : ref.level;

function draw(view: SettingsView): void {
  const picker = find<HTMLSelectElement>('#channel_id');
  picker.replaceChildren(
    el('option', { value: '' }, 'Workspace (defaults and locks)'),
    ...view.channels.map((c) => el('option', { value: c.id }, `#${c.name || c.id} (${c.kind})`)),
  );
  picker.value = view.channel_id ?? '';
  find('#lock-field').hidden = view.level === 'channel';
  find('#settings').dataset.level = view.level;
  const keys = Object.keys(view.provenance).sort();
  find('#setting-keys').replaceChildren(...keys.map((key) => el('option', { value: key })));
  find('#settings tbody').replaceChildren(
    ...keys.map((key) => {
      const p = view.provenance[key]!;
      return el(
        'tr',
        { 'data-key': key },
        el('th', { scope: 'row', class: 'mono' }, key),
        el('td', { class: 'mono' }, show(p.value)),
        el('td', {}, levelOf(p.setAt)),
        el('td', {}, p.locked && p.lockedAt ? `yes, at ${levelOf(p.lockedAt)}` : 'no'),
      );
    }),
  );
}

/** `a.b.c` and a value as the nested `update` of a settings write. */
function nested(key: string, value: unknown): Record<string, unknown> {
  return key
    .replace(/^features\./, '')
    .split('.')
    .reduceRight<unknown>((inner, part) => ({ [part]: inner }), value) as Record<string, unknown>;
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Effective settings with provenance and locks; a change goes through the API's validation. */
export async function settingsPage(): Promise<void> {
  const message = find('#settings-message');
  const say = (text: string, refused = false) => {
    message.textContent = text;
    message.classList.toggle('refused', refused);
    message.dataset.outcome = refused ? 'refused' : 'saved';
  };
  const channel = new URLSearchParams(location.search).get('channel_id');
  const path = channel ? `/settings?${new URLSearchParams({ channel_id: channel })}` : '/settings';
  try {
    draw(await api<SettingsView>(path));
  } catch (error) {
    say((error as Error).message, true);
  }
  find<HTMLFormElement>('#settings-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = find<HTMLInputElement>('#setting-key').value.trim();
    const value = parseValue(find<HTMLInputElement>('#setting-value').value.trim());
    const lock = !find('#lock-field').hidden && find<HTMLInputElement>('#setting-lock').checked;
    const body = { update: nested(key, value), ...(lock ? { lock: [key] } : {}) };
    api<SettingsView>(path, body).then(
      (view) => {
        draw(view);
        say(`Saved: ${key} is now ${show(value)}${lock ? ' (locked)' : ''}.`);
      },
      (error: unknown) => {
        const status = error instanceof ApiError ? error.status : 0;
        say(`${status === 403 ? '' : 'Not saved: '}${(error as Error).message}`, true);
      },
    );
  });
}
