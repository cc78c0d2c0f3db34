import type { DigestFacts } from '../../accounts/digest.js';
import { LIVE_STATUSES } from '../../requests/lifecycle.js';
import { RequestDocument, type Models } from '../models/index.js';

/** A request as the digest lists it among those waiting longest. */
const WaitingRequest = RequestDocument.pick({
  channelId: true,
  rootTs: true,
  text: true,
  createdAt: true,
});

/** The counts of an account's digest (`crm.summariser`), over its channels' requests. */
export class AccountDigestStore {
  constructor(private readonly models: Models) {}

  async facts(
    teamId: string,
    channelIds: readonly string[],
    period: { start: Date; end: Date },
    limit = 5,
  ): Promise<DigestFacts> {
    const base = { teamId, channelId: { $in: [...channelIds] } };
    const within = { $gte: period.start, $lt: period.end };
    const live = { ...base, status: { $in: [...LIVE_STATUSES] } };
    const count = (filter: object) => this.models.requests.countDocuments(filter);
    const [created, open, closed, breached, waiting] = await Promise.all([
      count({ ...base, createdAt: within }),
      count(live),
      count({ ...base, status: 'closed', closedAt: within }),
      count({
        ...base,
        $or: [{ 'sla.responseBreachedAt': within }, { 'sla.closureBreachedAt': within }],
      }),
      this.models.requests
        .find(live, { channelId: 1, rootTs: 1, text: 1, createdAt: 1 })
        .sort({ createdAt: 1, _id: 1 })
        .limit(limit)
        .lean(),
    ]);
    return {
      created,
      open,
      closed,
      breached,
      waiting: waiting.map((r) => WaitingRequest.parse(r)),
    };
  }
}
