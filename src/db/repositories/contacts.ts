import type { QueryFilter } from 'mongoose';
import { contactIdentity } from '../../contacts/contact.js';
import type { FieldValue } from '../../custom-fields/values.js';
import { AppError, validationError } from '../../errors.js';
import { parseContact, type AccountDoc, type ContactDoc, type Models } from '../models/index.js';
import { containing, isDocumentId, keyValue, listIs, orNull } from './parse.js';

const DUPLICATE_KEY = 11000;
const contactOrNull = orNull(parseContact);

/** How a list is ordered: Chatwoot's `sort` (`-` for descending), then by id for a stable page. */
export type ContactSort = 'name' | '-name' | 'last_activity_at' | '-last_activity_at';
const ORDER: Record<ContactSort, Record<string, 1 | -1>> = {
  name: { name: 1, _id: 1 },
  '-name': { name: -1, _id: -1 },
  last_activity_at: { lastActivityAt: 1, _id: 1 },
  '-last_activity_at': { lastActivityAt: -1, _id: -1 },
};

/** A workspace's contacts: one single-document call per write, each read parsed. */
export class ContactStore {
  constructor(private readonly models: Models) {}

  /**
   * Records that a Slack user opened a request at `at` in a channel of `accountId`: one upsert
   * (created with the name and address given, which later requests leave as an agent may have
   * edited them; the last activity only moves forward). A second instance creating the same
   * contact at the same moment loses the insert and updates instead.
   */
  async recordSlackUser(input: {
    teamId: string;
    userId: string;
    accountId: AccountDoc['_id'] | null;
    name: string | null;
    email: string | null;
    at: Date;
  }): Promise<ContactDoc> {
    const { userId, name, email } = input;
    const contact = await this.upsert(input, contactIdentity({ userId }), { userId, email });
    // A name the first lookup could not find, filled in once it is known.
    if (contact.name !== null || name === null) return contact;
    const named = await this.models.contacts
      .findOneAndUpdate(
        { _id: contact._id, name: null },
        { $set: { name } },
        { returnDocument: 'after' },
      )
      .lean();
    return contactOrNull(named) ?? contact;
  }

  /**
   * Records that someone wrote by e-mail (issue 15): the workspace's e-mail contact of the
   * address, created on the first message (as an API-created one would be), its last activity
   * moved forward on the next.
   */
  async recordEmail(input: {
    teamId: string;
    email: string;
    accountId: AccountDoc['_id'] | null;
    name: string | null;
    at: Date;
  }): Promise<ContactDoc> {
    const email = input.email.toLowerCase();
    return this.upsert(input, contactIdentity({ email }), { email });
  }

  /** One upsert of the contact `identity`; unknown parts are left out (read back as null). */
  private async upsert(
    input: { teamId: string; accountId: AccountDoc['_id'] | null; name: string | null; at: Date },
    identity: string,
    onInsert: { userId?: string; email: string | null },
  ): Promise<ContactDoc> {
    const { teamId, accountId, name, at } = input;
    const { userId, email } = onInsert;
    const record = () =>
      this.models.contacts
        .findOneAndUpdate(
          { teamId, identity },
          {
            $set: { accountId },
            $max: { lastActivityAt: at },
            $setOnInsert: {
              ...(userId ? { userId } : {}),
              ...(name ? { name } : {}),
              ...(email ? { email } : {}),
            },
          },
          { upsert: true, returnDocument: 'after' },
        )
        .lean();
    const recorded = await record().catch((error: { code?: unknown }) => {
      if (error.code === DUPLICATE_KEY) return record();
      throw error;
    });
    return parseContact(recorded);
  }

  /** Creates an e-mail contact; an address the workspace already has is refused (422 naming it). */
  async createByEmail(teamId: string, name: string, email: string): Promise<ContactDoc> {
    await this.refuseTakenEmail(teamId, email);
    try {
      const created = await this.models.contacts.create({
        teamId,
        identity: contactIdentity({ email }),
        name,
        email,
      });
      return parseContact(created.toObject());
    } catch (error) {
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
      throw emailTaken(email);
    }
  }

  /** A contact of the workspace; `contact_not_found` (404) for an unknown, malformed or another's id. */
  async get(teamId: string, id: string): Promise<ContactDoc> {
    const found = isDocumentId(id)
      ? await this.models.contacts.findOne({ _id: id, teamId }).lean()
      : null;
    const contact = contactOrNull(found);
    if (!contact) throw new AppError('contact_not_found', `unknown contact ${id}`);
    return contact;
  }

  /** One page of the workspace's contacts (all, or those `q` finds) and how many there are. */
  async page(
    teamId: string,
    query: { q?: string; sort: ContactSort; page: number; size: number },
  ): Promise<{ docs: ContactDoc[]; count: number }> {
    const filter: QueryFilter<ContactDoc> = {
      teamId,
      ...(query.q
        ? {
            $or: [
              { name: containing(query.q) },
              { email: containing(query.q) },
              { userId: containing(query.q) },
            ],
          }
        : {}),
    };
    const [docs, count] = await Promise.all([
      this.models.contacts
        .find(filter)
        .sort(ORDER[query.sort])
        .skip((query.page - 1) * query.size)
        .limit(query.size)
        .lean(),
      this.models.contacts.countDocuments(filter),
    ]);
    return { docs: docs.map(parseContact), count };
  }

  /**
   * Sets name, address or custom attributes of a contact whose attributes are still `from` (what
   * the change was checked against); null when someone else changed them meanwhile. A new address
   * the workspace already has is refused (422); an e-mail contact is then found by its new one.
   */
  async update(
    contact: ContactDoc,
    from: readonly FieldValue[],
    set: { name?: string; email?: string | null; customAttributes?: FieldValue[] },
  ): Promise<ContactDoc | null> {
    const { email } = set;
    const newEmail =
      typeof email === 'string' && email.toLowerCase() !== contact.email?.toLowerCase();
    if (newEmail) await this.refuseTakenEmail(contact.teamId, email, contact._id);
    const identity =
      newEmail && contact.userId === null ? { identity: contactIdentity({ email }) } : {};
    try {
      const updated = await this.models.contacts
        .findOneAndUpdate(
          { _id: contact._id, teamId: contact.teamId, ...listIs('customAttributes', from) },
          {
            $set: {
              ...set,
              ...identity,
              ...(set.customAttributes
                ? { customAttributes: set.customAttributes.map(keyValue) }
                : {}),
            },
          },
          { returnDocument: 'after' },
        )
        .lean();
      return contactOrNull(updated);
    } catch (error) {
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY || !newEmail) throw error;
      throw emailTaken(email);
    }
  }

  /** 422 when another contact of the workspace has this address (any case). */
  private async refuseTakenEmail(teamId: string, email: string, except?: ContactDoc['_id']) {
    const exact = { $regex: `^${containing(email).$regex}$`, $options: 'i' };
    const taken = await this.models.contacts.exists({
      teamId,
      email: exact,
      ...(except ? { _id: { $ne: except } } : {}),
    });
    if (taken) throw emailTaken(email);
  }
}

const emailTaken = (email: string) =>
  validationError([
    {
      loc: ['body', 'email'],
      msg: `another contact of this workspace has the address ${email}`,
      type: 'value_error.duplicate',
    },
  ]);
