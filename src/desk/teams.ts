import { z } from 'zod';
import { SlackUserId } from '../settings/primitives.js';

/**
 * Agents, teams and how a team's next assignee is chosen (issue 12, part 3). Agents are Slack
 * users with a role record; teams (seed 003's) group them for round-robin and load-balanced
 * assignment. Shapes shared by the API, `/triage` and App Home; decisions are pure.
 */

/** Seed 003's agent roles (the same as an API token's). */
export const AgentRole = z.enum(['administrator', 'agent']).meta({ id: 'AgentRoleEnum' });
export type AgentRole = z.infer<typeof AgentRole>;

/**
 * Whether an agent takes new requests: `online` ones do; `busy` and `offline` ones are skipped
 * by round-robin and load-balanced assignment. The API also takes seed 003's `available`.
 */
export const Availability = z.enum(['online', 'busy', 'offline']).meta({ id: 'AvailabilityEnum' });
export type Availability = z.infer<typeof Availability>;
export const AvailabilityInput = z.preprocess(
  (value) => (value === 'available' ? 'online' : value),
  Availability,
);

/** How a channel's new requests are routed to a team (stored on the channel, not a setting). */
export const RoutingMode = z.enum(['round_robin', 'load_balanced']);
export type RoutingMode = z.infer<typeof RoutingMode>;

const Name = z.string().trim().min(1, 'must not be empty').max(100);

export const TeamCreate = z
  .strictObject({
    name: Name,
    description: z.string().max(500).optional(),
    allow_auto_assign: z.boolean().optional(),
  })
  .meta({ id: 'TeamCreate' });
export type TeamCreate = z.infer<typeof TeamCreate>;

export const TeamUpdate = z
  .strictObject({
    name: Name.optional(),
    description: z.string().max(500).optional(),
    allow_auto_assign: z.boolean().optional(),
  })
  .meta({ id: 'TeamUpdate' });
export type TeamUpdate = z.infer<typeof TeamUpdate>;

/** Seed 003's `user_ids` (Slack user ids here), at most a hundred at once. */
export const TeamMembersWrite = z
  .strictObject({ user_ids: z.array(SlackUserId).min(1).max(100) })
  .meta({ id: 'TeamMembersWrite' });
export type TeamMembersWrite = z.infer<typeof TeamMembersWrite>;

export const AgentUpdate = z
  .strictObject({
    role: AgentRole.optional(),
    availability: AvailabilityInput.optional(),
    availability_status: AvailabilityInput.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'give role, availability or both')
  .meta({ id: 'AgentUpdate' });
export type AgentUpdate = z.infer<typeof AgentUpdate>;

/** A team member as the assignment rules see them. */
export interface Candidate {
  userId: string;
  availability: Availability;
  /** Requests assigned to them that are not closed or discarded. */
  open: number;
}

export interface RoutingInput {
  mode: RoutingMode;
  members: readonly Candidate[];
  /**
   * This request's ticket from the team's rotation counter (incremented atomically once per
   * new request): concurrent requests hold different tickets, so they take different slots.
   */
  ticket: number;
  /** At most this many open requests per agent (either mode); none: no limit. */
  capacity?: number | null;
}

/**
 * Who a new request routed to a team goes to, or null when nobody may take it. Only `online`
 * members count, sorted by id. Round robin: the ticket modulo their number, so N requests give
 * each of k members ⌊N/k⌋ or ⌈N/k⌉. Load balanced: the members under capacity with the fewest
 * open requests; ties (the usual case when requests arrive together) are spread by the ticket.
 *
 * @example
 * // online A, B (C offline), ticket 5 → B
 * pickAssignee({ mode: 'round_robin', ticket: 5, members: [a, b, c] });
 */
export function pickAssignee(input: RoutingInput): string | null {
  const online = input.members
    .filter((member) => member.availability === 'online')
    .sort((x, y) => (x.userId < y.userId ? -1 : x.userId > y.userId ? 1 : 0));
  const capacity = input.capacity ?? Infinity;
  const open = online.filter((member) => member.open < capacity);
  if (open.length === 0) return null;
  const pool =
    input.mode === 'round_robin'
      ? open
      : open.filter((member) => member.open === Math.min(...open.map((m) => m.open)));
  const slot = ((input.ticket % pool.length) + pool.length) % pool.length;
  return (pool[slot] as Candidate).userId;
}
