import { z } from 'zod';
import { Conversation } from './conversation-schemas.js';

/**
 * The desk API's contacts (seed 003's shapes; a contact is a customer who opened a request, or a
 * person known by e-mail). Bodies are the domain's (`src/contacts/contact.ts`).
 */
export { ContactCreate, ContactUpdate } from '../contacts/contact.js';

export const ContactIdParams = z.object({ id: z.string() });

const Page = z.coerce.number().int().min(1).max(10_000).default(1);
const Sort = z
  .enum(['name', '-name', 'last_activity_at', '-last_activity_at'])
  .default('-last_activity_at')
  .describe('`-` for descending; the most recently active first when absent');

export const ContactListQuery = z
  .strictObject({ page: Page, sort: Sort })
  .meta({ id: 'ContactListQuery' });
export type ContactListQuery = z.infer<typeof ContactListQuery>;

export const ContactSearchQuery = z
  .strictObject({
    q: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .describe('Part of the name, e-mail address or Slack user id (any case)'),
    page: Page,
    sort: Sort,
  })
  .meta({ id: 'ContactSearchQuery' });
export type ContactSearchQuery = z.infer<typeof ContactSearchQuery>;

export const ContactConversationsQuery = z
  .strictObject({ page: Page })
  .meta({ id: 'ContactConversationsQuery' });

const Unix = z.number().int().describe('Unix seconds');

export const Contact = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    identifier: z.string().nullable().describe('The Slack user id; null for an e-mail contact'),
    thumbnail: z.null(),
    additional_attributes: z.object({
      account_id: z.string().nullable().describe('The customer account they last wrote in'),
      account_name: z.string().nullable(),
      slack_user_id: z.string().nullable(),
    }),
    custom_attributes: z.record(z.string(), z.union([z.string(), z.number()])),
    last_activity_at: Unix.nullable().describe('When they last opened a request'),
    created_at: Unix,
  })
  .meta({ id: 'Contact' });
export type Contact = z.infer<typeof Contact>;

const PageMeta = z.object({
  count: z.number().int().describe('How many match, on every page'),
  current_page: z.number().int(),
});

export const ContactList = z
  .object({ meta: PageMeta, payload: z.array(Contact).describe('15 a page') })
  .meta({ id: 'ContactList' });
export type ContactList = z.infer<typeof ContactList>;

export const ContactResponse = z.object({ payload: Contact }).meta({ id: 'ContactResponse' });
export type ContactResponse = z.infer<typeof ContactResponse>;

export const ContactConversations = z
  .object({
    meta: PageMeta,
    payload: z.array(Conversation).describe('The requests they opened, newest first, 25 a page'),
  })
  .meta({ id: 'ContactConversations' });
export type ContactConversations = z.infer<typeof ContactConversations>;
