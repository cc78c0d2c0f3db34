import {
  claimOnce,
  isDuplicateKey,
  parseEmailArrival,
  parseEmailThread,
  type EmailThreadDoc,
  StoredSettings,
  type Models,
} from '../models/index.js';
import { SettingsLevels } from './settings-levels.js';

/** The settings key whose stored values hold the inbound addresses. */
const MAPPINGS_KEY = 'emailToSlack.mappings';

/** A level's stored mapping of an address: the workspace it is in and the channel it names. */
export interface MappedChannel {
  teamId: string;
  channelId: string;
}

/** The mailbox (lower case) a stored mapping answers to: `email` and `customEmail`. */
function mailboxesOf(mapping: unknown): string[] {
  if (typeof mapping !== 'object' || mapping === null) return [];
  const { email, customEmail } = mapping as { email?: unknown; customEmail?: unknown };
  return [email, customEmail].flatMap((a) => (typeof a === 'string' ? [a.toLowerCase()] : []));
}

/** The channel each stored mapping of `mailbox` names, at any level (workspace, account, channel). */
function channelsNaming(
  overrides: readonly { key: string; value: unknown }[] | undefined,
  teamId: string,
  mailbox: string,
): MappedChannel[] {
  const stored = overrides?.find((entry) => entry.key === MAPPINGS_KEY)?.value;
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((mapping: unknown) => {
    const channelId = (mapping as { channelId?: unknown }).channelId;
    return mailboxesOf(mapping).includes(mailbox) && typeof channelId === 'string'
      ? [{ teamId, channelId }]
      : [];
  });
}

/**
 * Where mail for an address may go: every channel a stored `emailToSlack.mappings` entry for it
 * names, at any level. Only levels that set mappings are read; the caller keeps the channels
 * whose effective settings still hold the mapping (a lower level may have replaced the list).
 */
export async function mappedChannels(models: Models, mailbox: string): Promise<MappedChannel[]> {
  const filter = { 'settings.overrides.key': MAPPINGS_KEY };
  const projection = { teamId: 1, settings: 1 };
  const [workspaces, accounts, channels] = await Promise.all([
    models.workspaces.find(filter, projection).lean(),
    models.accounts.find(filter, projection).lean(),
    models.channels.find(filter, projection).lean(),
  ]);
  const levels = [
    ...workspaces.map((doc) => ({ teamId: String(doc._id), settings: doc.settings })),
    ...accounts.map((doc) => ({ teamId: doc.teamId, settings: doc.settings })),
    ...channels.map((doc) => ({ teamId: doc.teamId, settings: doc.settings })),
  ];
  const found = levels.flatMap(({ teamId, settings }) =>
    channelsNaming(StoredSettings.parse(settings ?? {}).overrides, teamId, mailbox),
  );
  const unique = new Map(found.map((entry) => [`${entry.teamId}/${entry.channelId}`, entry]));
  return [...unique.values()];
}

/**
 * A sending domain as stored for `channelId` (the most specific level that sets
 * `emailToSlack.domains`, as the effective value is): whether it is a `sandbox` domain, and its
 * SMTP login with the sealed password, for the code that logs in to the relay. The domain is
 * matched by name, or a wildcard parent's; null when none is registered.
 */
export async function storedDomain(
  models: Models,
  teamId: string,
  channelId: string,
  domain: string,
): Promise<{ sandbox: boolean; smtp: { login: string; sealedPassword: unknown } | null } | null> {
  const levels = new SettingsLevels(models);
  const channel = await levels.channel(teamId, channelId).catch(() => null);
  const chain = channel ? await levels.levelsFor(channel) : [await levels.workspaceLevel(teamId)];
  const setting = [...chain]
    .reverse()
    .find((level) => Object.hasOwn(level.settings.overrides, 'emailToSlack.domains'));
  const stored = setting?.settings.overrides['emailToSlack.domains'];
  if (!Array.isArray(stored)) return null;
  const name = domain.toLowerCase();
  const entries = stored as { name?: unknown; wildcard?: unknown }[];
  const entry = (entries.find((d) => String(d.name).toLowerCase() === name) ??
    entries.find(
      (d) => d.wildcard === true && name.endsWith(`.${String(d.name).toLowerCase()}`),
    )) as { type?: unknown; smtp_login?: unknown; smtp_password?: unknown } | undefined;
  if (!entry) return null;
  const smtp =
    typeof entry.smtp_login === 'string' && entry.smtp_password
      ? { login: entry.smtp_login, sealedPassword: entry.smtp_password }
      : null;
  return { sandbox: entry.type === 'sandbox', smtp };
}

/** The workspaces whose own settings register e-mail domains (for the daily DNS check). */
export async function teamsWithDomains(models: Models): Promise<string[]> {
  const found = await models.workspaces
    .find({ 'settings.overrides.key': 'emailToSlack.domains' }, { _id: 1 })
    .lean();
  return found.map((doc) => String(doc._id));
}

/** The e-mail threads of requests: how later mail finds its request, and whom replies go to. */
export class EmailThreads {
  constructor(private readonly models: Models) {}

  /** Records a request's thread once (its `_id` is the request's); answers the stored one. */
  async open(thread: Omit<EmailThreadDoc, 'createdAt' | 'updatedAt'>): Promise<EmailThreadDoc> {
    try {
      return parseEmailThread((await this.models.emailThreads.create(thread)).toObject());
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const stored = await this.models.emailThreads.findById(thread._id).lean();
      return parseEmailThread(stored);
    }
  }

  /** The thread of `mailbox` holding one of the Message-IDs `references`, if any. */
  async byReference(mailbox: string, references: readonly string[]) {
    if (references.length === 0) return null;
    const found = await this.models.emailThreads
      .findOne({ mailbox, messageIds: { $in: [...references] } })
      .lean();
    return found ? parseEmailThread(found) : null;
  }

  /** The thread whose reply address carries `token`, if it is `mailbox`'s. */
  async byToken(mailbox: string, token: string) {
    const found = await this.models.emailThreads.findOne({ mailbox, token }).lean();
    return found ? parseEmailThread(found) : null;
  }

  /** A request's thread, if it came in by e-mail. */
  async ofRequest(requestId: EmailThreadDoc['_id']) {
    const found = await this.models.emailThreads.findById(requestId).lean();
    return found ? parseEmailThread(found) : null;
  }

  /** Adds a Message-ID to the thread (once). */
  async addMessageId(id: EmailThreadDoc['_id'], messageId: string): Promise<void> {
    await this.models.emailThreads.updateOne({ _id: id }, { $addToSet: { messageIds: messageId } });
  }
}

/** What `EmailArrivals.begin` found: post it, it is posted already, or another is posting it. */
export type ArrivalStart = { kind: 'new' } | { kind: 'posted'; ts: string } | { kind: 'busy' };

/**
 * Inbound messages' posts, recorded before they are made (`email_arrivals`), so the same
 * Message-ID delivered again (a sender retrying after a cut-off session, or two MXs at once)
 * is posted once.
 */
export class EmailArrivals {
  constructor(private readonly models: Models) {}

  /**
   * Starts posting `key`: `new` for the first delivery (held for `leaseMs`), `posted` with the
   * post's ts once it was made, `busy` while another delivery holds it. A hold that ran out
   * (its holder died before recording a post) is taken over by one later delivery: the takeover
   * is a claim on the hold's end, since a conditional update is not atomic on FerretDB 1.24.
   */
  async begin(key: string, now: Date, leaseMs: number): Promise<ArrivalStart> {
    const lockedUntil = new Date(now.getTime() + leaseMs);
    try {
      await this.models.emailArrivals.create({ _id: key, ts: null, lockedUntil });
      return { kind: 'new' };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const found = await this.models.emailArrivals.findById(key).lean();
    const stored = parseEmailArrival(found);
    if (stored.ts !== null) return { kind: 'posted', ts: stored.ts };
    if (stored.lockedUntil > now) return { kind: 'busy' };
    const takeover = `email-arrival:${key}:${stored.lockedUntil.toISOString()}`;
    if (!(await claimOnce(this.models.claims, takeover, now))) return { kind: 'busy' };
    await this.models.emailArrivals.updateOne({ _id: key }, { $set: { lockedUntil } });
    return { kind: 'new' };
  }

  /** Records the post made for `key`. */
  async posted(key: string, ts: string): Promise<void> {
    await this.models.emailArrivals.updateOne({ _id: key }, { $set: { ts } });
  }
}
