import { randomBytes } from 'node:crypto';
import type { WebhookDoc } from '../../db/models/index.js';
import { WebhookOutbox } from '../../db/repositories/webhook-outbox.js';
import { WebhookStore } from '../../db/repositories/webhooks.js';
import type { BotDeps } from '../../deps.js';
import { MAX_WEBHOOKS, type WebhookCreate, type WebhookUpdate } from '../../desk/webhook.js';
import { validationError } from '../../errors.js';
import { sealSecret } from '../../settings/secrets.js';
import { refusedUrl } from './address.js';

type ManageDeps = Pick<BotDeps, 'models' | 'env'>;

/** Creates a webhook; its signing secret is returned here once and stored sealed. */
export async function createWebhook(
  deps: ManageDeps,
  teamId: string,
  input: WebhookCreate,
): Promise<{ webhook: WebhookDoc; secret: string }> {
  const key = deps.env.SETTINGS_ENCRYPTION_KEY;
  if (!key) {
    throw validationError([
      {
        loc: ['body'],
        msg: 'a webhook secret cannot be stored: the server has no SETTINGS_ENCRYPTION_KEY',
        type: 'encryption_key_missing',
      },
    ]);
  }
  await checkUrl(deps, input.url);
  const store = new WebhookStore(deps.models);
  if ((await store.count(teamId)) >= MAX_WEBHOOKS) {
    throw validationError([
      {
        loc: ['body'],
        msg: `a workspace has at most ${MAX_WEBHOOKS} webhooks; delete one first`,
        type: 'value_error.limit',
      },
    ]);
  }
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  return { webhook: await store.create(teamId, input, sealSecret(secret, key)), secret };
}

export async function updateWebhook(
  deps: ManageDeps,
  teamId: string,
  id: string,
  update: WebhookUpdate,
): Promise<WebhookDoc> {
  const store = new WebhookStore(deps.models);
  await store.get(teamId, id);
  if (update.url) await checkUrl(deps, update.url);
  return store.update(teamId, id, update);
}

/** Deletes a webhook and its delivery log (pending deliveries are not sent). */
export async function deleteWebhook(deps: ManageDeps, teamId: string, id: string): Promise<void> {
  await new WebhookStore(deps.models).remove(teamId, id);
  await new WebhookOutbox(deps.models).forget(id);
}

async function checkUrl(deps: ManageDeps, url: string): Promise<void> {
  const refused = await refusedUrl(url, deps.env.WEBHOOK_ALLOW_PRIVATE);
  if (refused) {
    throw validationError([{ loc: ['body', 'url'], msg: refused, type: 'value_error.url' }]);
  }
}
