import type { EmailSummary } from '../../email/outbound.js';
import { leaseDue } from './lease.js';
import {
  isDuplicateKey,
  parseEmailOutbox,
  parseEmailThread,
  parseMessage,
  type EmailOutboxDoc,
  type MessageDoc,
  type Models,
} from '../models/index.js';

/** A reply to queue: what is fixed when it is queued. */
export type NewEmail = Pick<
  EmailOutboxDoc,
  | '_id'
  | 'teamId'
  | 'requestId'
  | 'from'
  | 'fromName'
  | 'replyTo'
  | 'to'
  | 'subject'
  | 'text'
  | 'messageId'
  | 'inReplyTo'
  | 'references'
  | 'pixelId'
  | 'tracked'
> &
  Partial<Pick<EmailOutboxDoc, 'csat'>>;

/** The e-mail outbox: one entry per reply, each claimed under a lease and settled once. */
export class EmailOutbox {
  constructor(private readonly models: Models) {}

  /** Queues a reply; false when it was queued already (the same message's hook again). */
  async enqueue(email: NewEmail, now: Date): Promise<boolean> {
    try {
      await this.models.emailOutbox.create({
        ...email,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        lockedUntil: null,
        lastError: null,
        sentAt: null,
        opens: 0,
        lastOpenedAt: null,
      });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /**
   * Takes one due reply for `leaseMs` and counts the attempt (`leaseDue`, as webhook deliveries
   * are: a conditional update alone is not atomic on FerretDB 1.24, so two workers could both
   * take one): one that died lets it go when its lease passes.
   */
  async claim(now: Date, leaseMs: number): Promise<EmailOutboxDoc | null> {
    const { emailOutbox: model, claims } = this.models;
    const target = { model, claims, parse: parseEmailOutbox };
    const claim = { prefix: 'email-attempt', idOf: (reply: EmailOutboxDoc) => String(reply._id) };
    return (await leaseDue(target, claim, now, 1, leaseMs))[0] ?? null;
  }

  /**
   * Settles the attempt `claimed` made: sent, or failed (`retryAt` null: given up). Conditional
   * on the attempt count, so a worker whose lease ran out cannot settle another's attempt.
   */
  async settle(
    claimed: EmailOutboxDoc,
    outcome: { sentAt: Date } | { error: string; retryAt: Date | null },
  ): Promise<boolean> {
    const set =
      'sentAt' in outcome
        ? { status: 'sent', sentAt: outcome.sentAt, lockedUntil: null, lastError: null }
        : {
            status: outcome.retryAt ? 'pending' : 'failed',
            lastError: outcome.error,
            lockedUntil: null,
            ...(outcome.retryAt ? { nextAttemptAt: outcome.retryAt } : {}),
          };
    const result = await this.models.emailOutbox.updateOne(
      { _id: claimed._id, attempts: claimed.attempts, status: 'pending' },
      { $set: set },
    );
    return result.modifiedCount === 1;
  }

  /** Counts an open of a tracked reply's pixel; the entry, or null for an unknown id. */
  async opened(pixelId: string, at: Date): Promise<EmailOutboxDoc | null> {
    const found = await this.models.emailOutbox
      .findOneAndUpdate(
        { pixelId, tracked: true },
        { $inc: { opens: 1 }, $max: { lastOpenedAt: at } },
        { returnDocument: 'after' },
      )
      .lean();
    return found ? parseEmailOutbox(found) : null;
  }

  /**
   * Public agent replies stored from `since` to `until` in the thread of a request that came in
   * by e-mail, after its e-mail thread was recorded (so its hook would have queued them), that
   * have no outbox entry: what a crash between storing a reply and queueing it leaves (or,
   * `requestId` given, the replies made while the request was opening, before its thread was).
   */
  async unqueuedReplies(
    since: Date,
    until: Date,
    requestId?: MessageDoc['requestId'],
  ): Promise<MessageDoc[]> {
    const { messages, emailThreads, emailOutbox } = this.models;
    const stored = (
      await messages
        .find({
          ...(requestId ? { requestId } : {}),
          kind: 'outgoing',
          private: { $ne: true },
          text: { $nin: [null, ''] },
          createdAt: { $gte: since, $lte: until },
        })
        .lean()
    ).map(parseMessage);
    if (stored.length === 0) return [];
    const requestIds = [...new Set(stored.map((message) => String(message.requestId)))];
    const threads = (await emailThreads.find({ _id: { $in: requestIds } }).lean()).map(
      parseEmailThread,
    );
    const openedAt = new Map(threads.map((t) => [String(t._id), t.openedAt ?? t.createdAt]));
    const replies = stored.filter((message) => {
      const opened = openedAt.get(String(message.requestId));
      return opened !== undefined && message.createdAt >= opened;
    });
    if (replies.length === 0) return [];
    const queued = await emailOutbox
      .find({ _id: { $in: replies.map((message) => message._id) } }, { _id: 1 })
      .lean();
    const done = new Set(queued.map((entry) => String(entry._id)));
    return replies.filter((message) => !done.has(String(message._id)));
  }

  /** The CSAT ask whose links carry `token`, if any (expired or not). */
  async csatAsk(token: string): Promise<EmailOutboxDoc | null> {
    const found = await this.models.emailOutbox
      .findOne({ pixelId: token, csat: { $ne: null } })
      .lean();
    return found ? parseEmailOutbox(found) : null;
  }

  /** A request's replies by e-mail (not its CSAT asks), summed up for its card. */
  async summary(requestId: EmailOutboxDoc['requestId']): Promise<EmailSummary> {
    const docs = (
      await this.models.emailOutbox.find({ requestId, csat: null }).sort({ createdAt: 1 }).lean()
    ).map(parseEmailOutbox);
    const count = (status: EmailOutboxDoc['status']) =>
      docs.filter((doc) => doc.status === status).length;
    const opened = docs.map((doc) => doc.lastOpenedAt).filter((at): at is Date => at !== null);
    const failing = docs.filter((doc) => doc.status !== 'sent' && doc.lastError);
    return {
      sent: count('sent'),
      pending: count('pending'),
      failed: count('failed'),
      opened: docs.reduce((sum, doc) => sum + doc.opens, 0),
      lastOpenedAt: opened.length > 0 ? new Date(Math.max(...opened.map(Number))) : null,
      lastError: failing.at(-1)?.lastError ?? null,
    };
  }
}
