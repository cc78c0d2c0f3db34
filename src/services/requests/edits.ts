import type { MessageDoc } from '../../db/models/index.js';
import { MessageStore, type MessageKey } from '../../db/repositories/messages.js';
import { keyedOutboxEvent, WebhookOutbox } from '../../db/repositories/webhook-outbox.js';
import { RequestStore } from '../../db/repositories/requests.js';
import type { BotDeps } from '../../deps.js';
import { requestText } from '../../requests/detection.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { channelContext } from './context.js';
import { RequestEffects } from './effects.js';

/**
 * Edits and deletions in Slack: of a customer's root message (the request's text follows, or
 * the request goes), and of a stored reply (its text follows, or goes).
 */
export class RequestEdits {
  private readonly store: RequestStore;
  private readonly messages: MessageStore;
  private readonly effects: RequestEffects;

  constructor(
    private readonly deps: BotDeps,
    private readonly slack: SlackGateway,
  ) {
    this.store = new RequestStore(deps.models);
    this.messages = new MessageStore(deps.models);
    this.effects = new RequestEffects(deps, slack);
  }

  /** The customer edited their message: the request's text follows. */
  async edited(teamId: string, channelId: string, ts: string, text: string, files: string[] = []) {
    const updated = await this.store.updateText(teamId, channelId, ts, requestText(text, files));
    const ctx = updated && (await channelContext(this.deps, this.slack, teamId, channelId));
    if (updated && ctx) await this.effects.updateNotification(ctx, updated);
  }

  /**
   * Someone edited a reply in a request's thread: the stored reply's text follows, and
   * `message_updated` is queued first, keyed by the edit (`eventTs`), so working the same Slack
   * event again after a crash sends it once and a crash between the two loses none.
   */
  async replyEdited(
    key: MessageKey & { eventTs: string },
    text: string,
    files: string[],
  ): Promise<void> {
    const { eventTs, ...at } = key;
    const now = requestText(text, files);
    const stored = await this.messages.live(at);
    if (!stored || stored.text === now) return;
    await this.updatedEvent(stored, eventTs);
    await this.messages.edited(at, now, this.deps.clock.now());
  }

  /**
   * A message was deleted: a stored reply loses its text (and stays counted); the customer's
   * deleted root message (`message_deleted`, or the tombstone left by a root
   * with replies): its request is discarded.
   */
  async deleted(teamId: string, channelId: string, ts: string, eventTs: string): Promise<void> {
    const at = this.deps.clock.now();
    const key = { teamId, channelId, ts };
    const reply = await this.messages.live(key);
    if (reply) await this.updatedEvent(reply, eventTs);
    if (await this.messages.deleted(key, at)) return;
    const request = await this.store.byRoot(teamId, channelId, ts);
    if (!request) return;
    const moved = await this.store.transition(request._id, 'discarded', 'bot', at);
    const ctx = moved && (await channelContext(this.deps, this.slack, teamId, channelId));
    if (moved && ctx) await this.effects.changed(ctx, moved.before, moved.after, 'bot');
  }

  /** `message_updated` about a stored message, on its request's outbox. */
  private async updatedEvent(message: MessageDoc, eventTs: string): Promise<void> {
    const id = String(message._id);
    const event = keyedOutboxEvent('message_updated', this.deps.clock.now(), eventTs, id);
    await new WebhookOutbox(this.deps.models).queue(message.requestId, event);
  }
}
