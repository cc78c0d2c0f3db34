import { z } from 'zod';
import { answerFields, type FieldChange, type FieldValue } from '../custom-fields/values.js';
import type { FieldDefinition } from '../custom-fields/definition.js';
import { classifySender } from '../requests/sender.js';

/**
 * Contacts (issue 12, part 7): the customers, people of customer organisations who open requests
 * in Slack (later, e-mail senders), with Chatwoot's contact API over them. Pure: the shapes the
 * API takes, who is recorded and when, and what an update changes.
 */

/** Contacts per page, as Chatwoot pages them (seed 003). */
export const CONTACTS_PAGE_SIZE = 15;

const Name = z.string().trim().min(1, 'must not be empty').max(255);
// Not trimmed first: a pipe would publish a bare string, `format: email` tells a client more.
const Email = z.email('expected an e-mail address').max(320);
const AttributeValues = z
  .record(z.string().max(50), z.union([z.string(), z.number(), z.null()]))
  .describe(
    'Values by attribute_key of contact_attribute definitions: text, a number, one of a list’s options or a date as YYYY-MM-DD; null (or "") removes one',
  );

/** `POST /api/v1/contacts`: a contact known by e-mail only (a Slack contact is recorded by the bot). */
export const ContactCreate = z
  .strictObject({ name: Name, email: Email })
  .meta({ id: 'ContactCreate' });
export type ContactCreate = z.infer<typeof ContactCreate>;

/** `PUT|PATCH /api/v1/contacts/{id}`: custom attributes merge by key; the rest replaces. */
export const ContactUpdate = z
  .strictObject({
    name: Name.optional(),
    email: Email.nullable().optional().describe('null removes it (not from an e-mail contact)'),
    custom_attributes: AttributeValues.optional(),
  })
  .refine((update) => Object.keys(update).length > 0, 'nothing to change')
  .meta({ id: 'ContactUpdate' });
export type ContactUpdate = z.infer<typeof ContactUpdate>;

/** What a contact is found by: its Slack user, or (an e-mail contact) its address in lower case. */
export function contactIdentity(by: { userId: string } | { email: string }): string {
  return 'userId' in by ? `slack:${by.userId}` : `email:${by.email.toLowerCase()}`;
}

/** Whether a request's requester is a person (a Slack user id, not a white-listed bot's id). */
export const isPersonRequester = (requesterId: string): boolean =>
  /^[UW][A-Z0-9]+$/.test(requesterId);

/**
 * Whether the person who opened a request is a customer, as intake tells them apart
 * (`classifySender`: another organisation's people are customers, the support side is not).
 * Intake opens requests for customers; a suggestion an agent accepts opens one for whoever wrote
 * it, which may be an agent. `teamId` is the person's own team when Slack said it.
 */
export function isCustomerRequester(input: {
  userId: string;
  teamId: string | null | undefined;
  workspaceTeamId: string;
  isExtShared: boolean;
  supportSide: ReadonlySet<string>;
}): boolean {
  const kind = classifySender({
    userId: input.userId,
    ...(input.teamId ? { userTeamId: input.teamId } : {}),
    workspaceTeamId: input.workspaceTeamId,
    botUserId: '',
    isExtShared: input.isExtShared,
    internalUserIds: input.supportSide,
    whitelistedBots: [],
  });
  return kind === 'customer';
}

/** How long a recorded contact's last activity may lag behind before a new request refreshes it. */
export const ACTIVITY_REFRESH_MS = 5 * 60_000;

/**
 * Whether a new request by a contact this instance recorded at `recorded` (with that account)
 * needs a write: never recorded here, recorded too long ago, or now writing in another account.
 */
export function needsRecording(
  recorded: { at: number; accountId: string | null } | undefined,
  accountId: string | null,
  now: Date,
): boolean {
  if (!recorded) return true;
  return recorded.accountId !== accountId || now.getTime() - recorded.at >= ACTIVITY_REFRESH_MS;
}

/** The contact fields an update sets, or the 422 entries naming each bad part. */
export type ContactChange =
  | {
      ok: true;
      set: { name?: string; email?: string | null; customAttributes?: FieldValue[] };
      changes: FieldChange[];
    }
  | { ok: false; errors: { loc: string[]; msg: string }[] };

/**
 * An update to a contact: `custom_attributes` checked against the workspace's contact attribute
 * definitions (an unknown key or a bad value is named under `custom_attributes.<key>`; `null`
 * removes the key) and merged with what it holds; an e-mail contact keeps an address.
 */
export function planContactUpdate(
  contact: { userId: string | null; customAttributes: readonly FieldValue[] },
  update: ContactUpdate,
  definitions: readonly FieldDefinition[],
): ContactChange {
  const errors: { loc: string[]; msg: string }[] = [];
  if (update.email === null && contact.userId === null) {
    errors.push({ loc: ['email'], msg: 'an e-mail contact keeps an e-mail address' });
  }
  let customAttributes: FieldValue[] | undefined;
  let changes: FieldChange[] = [];
  if (update.custom_attributes) {
    const answered = answerFields(
      definitions,
      contact.customAttributes,
      update.custom_attributes,
      (key) => `no contact attribute "${key}" is defined in this workspace`,
    );
    if (answered.ok) ({ values: customAttributes, changes } = answered);
    else {
      for (const [key, msg] of Object.entries(answered.errors))
        errors.push({ loc: ['custom_attributes', key], msg });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    set: {
      ...(update.name !== undefined ? { name: update.name } : {}),
      ...(update.email !== undefined ? { email: update.email } : {}),
      ...(customAttributes && changes.length > 0 ? { customAttributes } : {}),
    },
    changes,
  };
}
