import { z } from 'zod';

/**
 * Custom fields (issue 11, part 4): fields a workspace defines once (name, type, options) and
 * channels pick with `requests.custom_fields[].custom_field_id`. The API speaks Chatwoot's
 * custom attribute definitions (`attribute_display_name`, `attribute_display_type`,
 * `attribute_key`, `attribute_values`, `attribute_model`), so the desk's custom attributes
 * (issue 12) are the same definitions: a request's, or a contact's (`contact_attribute`). Pure: shapes and value rules.
 */

/** A field's type: Chatwoot's display types the bot supports (`list` is a select). */
export const FieldType = z.enum(['text', 'number', 'list', 'date']);
export type FieldType = z.infer<typeof FieldType>;

/**
 * What a definition describes: a request's values (`conversation_attribute`, the card's "Edit
 * fields" and `POST /conversations/{id}/custom_attributes`) or a contact's (`contact_attribute`).
 * Chatwoot numbers them 0 and 1; both spellings are read, the names are answered.
 */
export const AttributeModel = z.enum(['conversation_attribute', 'contact_attribute']);
export type AttributeModel = z.infer<typeof AttributeModel>;

const BY_NUMBER = { '0': 'conversation_attribute', '1': 'contact_attribute' } as const;

/** `attribute_model` as a client sends it: the name, or Chatwoot's number (0, 1) as a number or text. */
export const AttributeModelInput = z
  .union([AttributeModel, z.literal([0, 1, '0', '1'])])
  .transform(
    (value): AttributeModel =>
      AttributeModel.safeParse(value).data ?? BY_NUMBER[String(value) as '0' | '1'],
  );

/** The key a value is stored and read by: lower-case letters, digits and `_`, from a letter. */
export const FieldKey = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,49}$/,
    'lower-case letters, digits and _, starting with a letter (at most 50)',
  );

const DisplayName = z.string().trim().min(1, 'must not be empty').max(100);
const Description = z.string().trim().max(500);
const Options = z
  .array(z.string().trim().min(1, 'an option must not be empty').max(100))
  .max(100)
  .refine((values) => new Set(values).size === values.length, 'options must be unique');

/** `POST /api/v1/custom_attribute_definitions`. */
export const CustomFieldCreate = z
  .strictObject({
    attribute_display_name: DisplayName,
    attribute_display_type: FieldType,
    attribute_key: FieldKey.optional().describe('Defaults to the display name, lower-cased with _'),
    attribute_description: Description.default(''),
    attribute_values: Options.default([]).describe('The options of a list field'),
    attribute_model: AttributeModelInput.default('conversation_attribute'),
  })
  .superRefine((input, ctx) => {
    const isList = input.attribute_display_type === 'list';
    if (isList && input.attribute_values.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['attribute_values'],
        message: 'a list field needs at least one option',
      });
    }
    if (!isList && input.attribute_values.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['attribute_values'],
        message: 'only a list field has options',
      });
    }
    if (!input.attribute_key && !keyFromName(input.attribute_display_name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['attribute_key'],
        message: 'give a key: the display name has no letters to make one from',
      });
    }
  })
  .meta({ id: 'CustomAttributeDefinitionCreate' });
export type CustomFieldCreate = z.infer<typeof CustomFieldCreate>;

/** `PATCH /api/v1/custom_attribute_definitions/{id}`: the key and type stay (stored values depend on them). */
export const CustomFieldUpdate = z
  .strictObject({
    attribute_display_name: DisplayName.optional(),
    attribute_description: Description.optional(),
    attribute_values: Options.optional(),
  })
  .refine((update) => Object.keys(update).length > 0, 'nothing to change')
  .meta({ id: 'CustomAttributeDefinitionUpdate' });
export type CustomFieldUpdate = z.infer<typeof CustomFieldUpdate>;

/** A definition as the rules read it. */
export interface FieldDefinition {
  key: string;
  name: string;
  type: FieldType;
  values: string[];
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * A key made from a display name: "Contract tier (2026)" → `contract_tier_2026`; `undefined`
 * when the name has nothing to make one of.
 */
export function keyFromName(name: string): string | undefined {
  const key = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // é → e
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 50)
    .replace(/_+$/, '');
  return key ? key : undefined;
}

/**
 * An update to a stored definition: options only for a list field, and a list keeps at least one.
 * Options removed from a list do not touch values already stored on requests (they show as set).
 */
export function applyUpdate(
  definition: FieldDefinition,
  update: CustomFieldUpdate,
): Checked<FieldDefinition> {
  if (update.attribute_values !== undefined) {
    if (definition.type !== 'list') return { ok: false, error: 'only a list field has options' };
    if (update.attribute_values.length === 0)
      return { ok: false, error: 'a list field needs at least one option' };
  }
  return {
    ok: true,
    value: {
      ...definition,
      name: update.attribute_display_name ?? definition.name,
      values: update.attribute_values ?? definition.values,
    },
  };
}

/** The longest text value kept. */
export const MAX_TEXT = 1_000;

/**
 * A value for a field on a request: text up to {@link MAX_TEXT} characters; a number (or a
 * numeric string, as a modal sends it); one of a list's options (ignoring case); a date as
 * `YYYY-MM-DD` that exists. `null` or an empty string clears the field.
 *
 * @example
 * checkFieldValue({ key: 'seats', name: 'Seats', type: 'number', values: [] }, '12'); // { ok: true, value: 12 }
 */
export function checkFieldValue(
  field: FieldDefinition,
  raw: unknown,
): Checked<string | number | null> {
  if (raw === null || (typeof raw === 'string' && raw.trim() === ''))
    return { ok: true, value: null };
  const fail = (why: string): Checked<never> => ({ ok: false, error: `${field.name} ${why}` });
  switch (field.type) {
    case 'text':
      if (typeof raw !== 'string') return fail('takes text');
      return raw.trim().length > MAX_TEXT
        ? fail(`is at most ${MAX_TEXT} characters`)
        : { ok: true, value: raw.trim() };
    case 'number': {
      const value =
        typeof raw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : raw;
      return typeof value === 'number' && Number.isFinite(value)
        ? { ok: true, value }
        : fail('takes a number');
    }
    case 'list': {
      const wanted = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
      const hit = field.values.find((option) => option.toLowerCase() === wanted);
      return hit ? { ok: true, value: hit } : fail(`is one of: ${field.values.join(', ')}`);
    }
    case 'date': {
      const parsed = typeof raw === 'string' ? z.iso.date().safeParse(raw.trim()) : undefined;
      return parsed?.success
        ? { ok: true, value: parsed.data }
        : fail('takes a date as YYYY-MM-DD');
    }
  }
}
