import { isDocumentId } from './parse.js';
import {
  applyUpdate,
  keyFromName,
  type AttributeModel,
  type CustomFieldCreate,
  type CustomFieldUpdate,
} from '../../custom-fields/definition.js';
import { applicableFields, type StoredDefinition } from '../../custom-fields/values.js';
import { AppError, validationError } from '../../errors.js';
import { parseCustomField, type CustomFieldDoc, type Models } from '../models/index.js';

const DUPLICATE_KEY = 11000;
/** Definitions a workspace may have (a soft cap: two creates at once may pass it by one). */
export const MAX_FIELDS = 200;

/**
 * A workspace's custom field definitions: one single-document call per operation. Another
 * workspace's id answers `forbidden_workspace`, an unknown one `custom_field_not_found`.
 */
export class CustomFieldStore {
  constructor(private readonly models: Models) {}

  /** The workspace's definitions of one model (`all`: both), by name. */
  async list(teamId: string, model: AttributeModel | 'all'): Promise<CustomFieldDoc[]> {
    const docs = await this.models.customFields
      .find({ teamId, ...ofModel(model) })
      .sort({ name: 1, key: 1 })
      .lean();
    return docs.map(parseCustomField);
  }

  /** The workspace's definitions of one model as the value rules read them. */
  async definitions(teamId: string, model: AttributeModel): Promise<StoredDefinition[]> {
    return (await this.list(teamId, model)).map((field) => ({
      id: String(field._id),
      key: field.key,
      name: field.name,
      type: field.type,
      values: field.values,
    }));
  }

  /**
   * The request definitions a channel's `requests.custom_fields[]` picks (`applicableFields`; a
   * contact's definition never applies); no read when it picks none.
   */
  async applicable(
    teamId: string,
    picked: readonly { custom_field_id: string }[],
  ): Promise<StoredDefinition[]> {
    if (picked.length === 0) return [];
    return applicableFields(picked, await this.definitions(teamId, 'conversation_attribute'));
  }

  async get(teamId: string, id: string): Promise<CustomFieldDoc> {
    const stored = isDocumentId(id) ? await this.models.customFields.findById(id).lean() : null;
    if (!stored) throw new AppError('custom_field_not_found', `unknown custom field ${id}`);
    const field = parseCustomField(stored);
    if (field.teamId !== teamId) {
      throw new AppError('forbidden_workspace', `custom field ${id} belongs to another workspace`);
    }
    return field;
  }

  /** Creates a definition; a key the workspace already uses is refused (422 naming it). */
  async create(teamId: string, input: CustomFieldCreate): Promise<CustomFieldDoc> {
    const key = input.attribute_key ?? (keyFromName(input.attribute_display_name) as string);
    if ((await this.models.customFields.countDocuments({ teamId })) >= MAX_FIELDS) {
      throw validationError([
        {
          loc: ['body'],
          msg: `a workspace has at most ${MAX_FIELDS} custom fields; delete one first`,
          type: 'value_error.limit',
        },
      ]);
    }
    try {
      const created = await this.models.customFields.create({
        teamId,
        model: input.attribute_model,
        key,
        name: input.attribute_display_name,
        type: input.attribute_display_type,
        description: input.attribute_description,
        values: input.attribute_values,
      });
      return parseCustomField(created.toObject());
    } catch (error) {
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
      throw validationError([
        {
          loc: ['body', 'attribute_key'],
          msg: `the key ${key} is used by another ${KIND[input.attribute_model]} of this workspace`,
          type: 'value_error.duplicate',
        },
      ]);
    }
  }

  /** Changes name, description or options in one conditional write (on the version read). */
  async update(teamId: string, id: string, update: CustomFieldUpdate): Promise<CustomFieldDoc> {
    const field = await this.get(teamId, id);
    const next = applyUpdate(field, update);
    if (!next.ok) {
      throw validationError([
        { loc: ['body', 'attribute_values'], msg: next.error, type: 'value_error' },
      ]);
    }
    const $set = {
      name: next.value.name,
      values: next.value.values,
      ...(update.attribute_description !== undefined
        ? { description: update.attribute_description }
        : {}),
    };
    const updated = await this.models.customFields
      .findOneAndUpdate({ _id: field._id, teamId }, { $set }, { returnDocument: 'after' })
      .lean();
    if (!updated) throw new AppError('custom_field_not_found', `unknown custom field ${id}`);
    return parseCustomField(updated);
  }

  /** Deletes the workspace's request field with this key; the field deleted, or null when none. */
  async removeByKey(teamId: string, key: string): Promise<CustomFieldDoc | null> {
    const removed = await this.models.customFields
      .findOneAndDelete({ teamId, key, ...ofModel('conversation_attribute') })
      .lean();
    return removed ? parseCustomField(removed) : null;
  }

  async remove(teamId: string, id: string): Promise<void> {
    const field = await this.get(teamId, id);
    await this.models.customFields.deleteOne({ _id: field._id, teamId });
  }
}

/** A model's definitions as a sentence names them. */
const KIND: Record<AttributeModel, string> = {
  conversation_attribute: 'custom field',
  contact_attribute: 'contact attribute',
};

/**
 * The filter of a model's definitions. A request's is "not a contact's", so a definition written
 * by an instance older than contacts (no model) still counts as a request's.
 */
function ofModel(model: AttributeModel | 'all') {
  if (model === 'all') return {};
  return model === 'contact_attribute'
    ? { model }
    : { model: { $ne: 'contact_attribute' as const } };
}
