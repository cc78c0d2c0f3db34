import { claimOnce, releaseClaim } from '../../db/models/index.js';
import { aiGate } from '../../ai/policy.js';
import { suggestionKey } from '../../kb/answer.js';
import { aiProvider } from '../ai/provider.js';
import { embeddingRerank } from '../ai/rerank.js';
import { kbSuggestions } from '../../views/kb-suggestions.js';
import type { RequestHooks } from '../requests/hooks.js';

/**
 * Knowledge-base answers (`send_kbsuggested_answers`): a new request's text is searched in the
 * workspace's published articles, and up to three that score over the threshold
 * (`MIN_SCORE`, `src/kb/search.ts`) are posted in its thread with **This solved it** / **Still
 * need help**. Posted once per request (a claim), so a retried event posts nothing more; nothing
 * is posted when no article matches. With an AI provider and `ai_assist_auto_responder` on, the
 * hits that passed the threshold are re-ordered by embeddings (`embeddingRerank`).
 */
export const kbHooks: RequestHooks = {
  async created(deps, ctx, request) {
    const config = ctx.features.requests.config;
    if (!config.send_kbsuggested_answers || !request.text.trim()) return;
    const requestId = String(request._id);
    const key = suggestionKey(requestId);
    if (!(await claimOnce(deps.models.claims, key, deps.clock.now()))) return;
    // With an AI provider and AI assist on, the BM25 hits are re-ordered by embeddings.
    const provider = aiProvider(deps);
    const ai = aiGate(provider.configured, config.ai_assist_auto_responder);
    const rerank = ai.send ? embeddingRerank(provider, request.teamId) : undefined;
    const articles = await deps.kb.suggest(request.teamId, request.text, { rerank });
    if (articles.length === 0) return;
    const slack = await deps.slack(request.teamId);
    const message = kbSuggestions({ requestId, kbName: config.knowledge_base_name, articles });
    const posted = await slack.post(
      { channel: request.channelId, thread_ts: request.rootTs, ...message },
      { bestEffort: { step: 'kb_suggestions', requestId } },
    );
    // Not shown: free the claim so a redelivery of the event may post them.
    if (!posted) await releaseClaim(deps.models.claims, key);
  },
};
