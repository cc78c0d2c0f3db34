import { z } from 'zod';
import { Crm } from './crm.js';
import { EmailToSlack } from './email-to-slack.js';
import { flag } from './requests-config.js';
import { Requests } from './requests.js';
import { InternalTicket, Tickets } from './tickets.js';

/**
 * The `features` settings of seed 000: every key, with seed 000's names and nesting. Every level
 * is strict (unknown keys are rejected, so a typo is a 422 rather than a silently ignored
 * setting) and prefaulted, so `Features.parse({})` is the complete built-in default
 * configuration. Features that post messages or change behaviour default to off unless users
 * obviously expect them (status updates and emojis on the request thread, reopening closed
 * requests). Arrays are replaced, never merged, when a level overrides them.
 */
export const Features = z.strictObject({
  ma: z
    .strictObject({
      config: z
        .strictObject({
          disableTrackingPixel: flag(
            false,
            'Indicates if the tracking pixel is disabled in marketing automation.',
          ),
        })
        .prefault({}),
    })
    .prefault({}),
  requests: Requests,
  tickets: Tickets,
  internal_ticket: InternalTicket,
  crm: Crm,
  csat_send_for: z
    .enum(['REQUEST', 'TICKET'])
    .default('REQUEST')
    .describe("Indicates which entities receive CSAT feedback ('REQUEST' or 'TICKET')."),
  hidePrivateChannelMetadata: flag(
    true,
    'Indicates if private channel metadata (names, topics, previews) should be hidden.',
  ),
  emailToSlack: EmailToSlack,
});
export type Features = z.infer<typeof Features>;
