import {
  CONTACTS_PAGE_SIZE,
  planContactUpdate,
  type ContactCreate,
  type ContactUpdate,
} from '../../contacts/contact.js';
import type { ContactDoc } from '../../db/models/index.js';
import { ContactStore } from '../../db/repositories/contacts.js';
import { ConversationStore } from '../../db/repositories/conversations.js';
import { CustomFieldStore } from '../../db/repositories/custom-fields.js';
import { WorkspaceStore } from '../../db/repositories/workspaces.js';
import type { BotDeps } from '../../deps.js';
import { requestStatusesOf } from '../../desk/conversation.js';
import { AppError, validationError } from '../../errors.js';
import type {
  Contact,
  ContactConversations,
  ContactList,
  ContactListQuery,
  ContactSearchQuery,
} from '../../http/contact-schemas.js';
import { conversationsOf, PAGE_SIZE } from '../desk/conversations.js';
import { unixSeconds } from '../../clock.js';

type Deps = Pick<BotDeps, 'models'>;

/** Tries of an update that someone else's change overtook: each reads the contact afresh. */
const ATTEMPTS = 3;

/** `GET /contacts` and `/contacts/search`: one page (15) of the workspace's contacts. */
export async function listContacts(
  deps: Deps,
  teamId: string,
  query: ContactListQuery | ContactSearchQuery,
): Promise<ContactList> {
  const { docs, count } = await new ContactStore(deps.models).page(teamId, {
    ...('q' in query ? { q: query.q } : {}),
    sort: query.sort,
    page: query.page,
    size: CONTACTS_PAGE_SIZE,
  });
  return {
    meta: { count, current_page: query.page },
    payload: await contactsOf(deps, teamId, docs),
  };
}

/** `GET /contacts/{id}`: a contact of the workspace (404 for any other). */
export async function getContact(deps: Deps, teamId: string, id: string): Promise<Contact> {
  const contact = await new ContactStore(deps.models).get(teamId, id);
  return contactOf(deps, teamId, contact);
}

/** `POST /contacts`: a contact known by e-mail only (422 for an address the workspace has). */
export async function createContact(
  deps: Deps,
  teamId: string,
  input: ContactCreate,
): Promise<Contact> {
  const created = await new ContactStore(deps.models).createByEmail(
    teamId,
    input.name,
    input.email,
  );
  return contactOf(deps, teamId, created);
}

/**
 * `PUT|PATCH /contacts/{id}`: name, address and custom attributes (checked against the
 * workspace's contact attribute definitions and merged by key, `planContactUpdate`). Nothing is
 * written unless every part passes; a change overtaken by another is tried again on fresh values.
 */
export async function updateContact(
  deps: Deps,
  teamId: string,
  id: string,
  update: ContactUpdate,
): Promise<Contact> {
  const store = new ContactStore(deps.models);
  const definitions = update.custom_attributes
    ? await new CustomFieldStore(deps.models).definitions(teamId, 'contact_attribute')
    : [];
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const contact = await store.get(teamId, id);
    const plan = planContactUpdate(contact, update, definitions);
    if (!plan.ok) {
      throw validationError(
        plan.errors.map(({ loc, msg }) => ({ loc: ['body', ...loc], msg, type: 'value_error' })),
      );
    }
    if (Object.keys(plan.set).length === 0) return contactOf(deps, teamId, contact);
    const after = await store.update(contact, contact.customAttributes, plan.set);
    if (after) return contactOf(deps, teamId, after);
  }
  throw new AppError('conflict', 'the contact kept changing; try again');
}

/**
 * `GET /contacts/{id}/conversations`: the requests the contact opened, newest first, in the
 * conversations API's shape (an e-mail contact's: those it opened by writing to a mapped address).
 */
export async function contactConversations(
  deps: Pick<BotDeps, 'models' | 'settings'>,
  teamId: string,
  id: string,
  page: number,
): Promise<ContactConversations> {
  const contact = await new ContactStore(deps.models).get(teamId, id);
  // An e-mail contact's requests name it by its identity (`email:<address>`, issue 15).
  const requesterId = contact.userId ?? contact.identity;
  const { docs, counts } = await new ConversationStore(deps.models).page(
    { teamId, statuses: requestStatusesOf('all'), requesterId },
    { type: 'all', me: '' },
    { number: page, size: PAGE_SIZE },
  );
  return {
    meta: { count: counts.all_count, current_page: page },
    payload: await conversationsOf(deps, teamId, docs),
  };
}

const contactOf = async (deps: Deps, teamId: string, contact: ContactDoc) =>
  (await contactsOf(deps, teamId, [contact]))[0] as Contact;

/** Contacts in seed 003's shape, each account's name read once. */
async function contactsOf(deps: Deps, teamId: string, contacts: readonly ContactDoc[]) {
  const ids = contacts.flatMap((c) => (c.accountId ? [c.accountId] : []));
  const names = await new WorkspaceStore(deps.models).accountNames(teamId, ids);
  return contacts.map((contact): Contact => {
    const accountId = contact.accountId ? String(contact.accountId) : null;
    return {
      id: String(contact._id),
      name: contact.name,
      email: contact.email,
      identifier: contact.userId,
      thumbnail: null,
      additional_attributes: {
        account_id: accountId,
        account_name: (accountId && names.get(accountId)) ?? null,
        slack_user_id: contact.userId,
      },
      custom_attributes: Object.fromEntries(contact.customAttributes.map((a) => [a.key, a.value])),
      last_activity_at: contact.lastActivityAt ? unixSeconds(contact.lastActivityAt) : null,
      created_at: unixSeconds(contact.createdAt),
    };
  });
}
