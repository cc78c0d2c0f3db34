import { RequestStore } from '../../db/repositories/requests.js';
import type { BotDeps } from '../../deps.js';
import { requestText } from '../../requests/detection.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { channelContext } from './context.js';
import { RequestEffects } from './effects.js';

/** Edits and deletions of a customer's root message: the request's text follows, or it goes. */
export class RequestEdits {
  private readonly store: RequestStore;
  private readonly effects: RequestEffects;

  constructor(
    private readonly deps: BotDeps,
    private readonly slack: SlackGateway,
  ) {
    this.store = new RequestStore(deps.models);
    this.effects = new RequestEffects(deps, slack);
  }

  /** The customer edited their message: the request's text follows. */
  async edited(teamId: string, channelId: string, ts: string, text: string, files: string[] = []) {
    const updated = await this.store.updateText(teamId, channelId, ts, requestText(text, files));
    const ctx = updated && (await channelContext(this.deps, this.slack, teamId, channelId));
    if (updated && ctx) await this.effects.updateNotification(ctx, updated);
  }

  /**
   * The customer deleted the root message (`message_deleted`, or the tombstone left by a root
   * with replies): its request is discarded.
   */
  async deleted(teamId: string, channelId: string, ts: string): Promise<void> {
    const request = await this.store.byRoot(teamId, channelId, ts);
    if (!request) return;
    const moved = await this.store.transition(
      request._id,
      'discarded',
      'bot',
      this.deps.clock.now(),
    );
    const ctx = moved && (await channelContext(this.deps, this.slack, teamId, channelId));
    if (moved && ctx) await this.effects.changed(ctx, moved.before, moved.after, 'bot');
  }
}
