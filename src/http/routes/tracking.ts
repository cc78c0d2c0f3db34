import { Router } from 'express';
import type { BotDeps } from '../../deps.js';
import { recordOpen } from '../../services/email/outbound.js';

/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * `GET /t/<id>.gif`: the open-tracking pixel of an e-mail reply (issue 15). No token (a mail
 * client fetches it); the id is 128 random bits. Every well-formed id gets the image, so the
 * answer tells nothing about which ids exist; a known one counts an open on its request's card.
 */
export function trackingRoutes(deps: BotDeps): Router {
  const router = Router();
  router.get('/t/:file', async (req, res) => {
    const id = /^([0-9a-f]{32})\.gif$/.exec(req.params.file)?.[1];
    if (!id) {
      res.status(404).json({ error: 'not_found' });
      return;
    }
    await recordOpen(deps, id).catch((error: unknown) =>
      deps.logger.warn({ err: error }, 'could not record an e-mail open'),
    );
    res
      .status(200)
      .set({ 'content-type': 'image/gif', 'cache-control': 'no-store, private' })
      .send(PIXEL);
  });
  return router;
}
