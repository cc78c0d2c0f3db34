import type { z } from 'zod';
import { CONNECTOR_TYPES, ConnectorOptions, credentialsSchemaOf } from './connector.js';
import type { ConnectorType } from './credentials.js';

/**
 * The fields of App Home's connector modals, read from the API's own schemas (one source of
 * truth): a type's credentials (`credentialsSchemaOf`) and the options that apply to it
 * (`ConnectorOptions`, whose descriptions name the vendor an option is for: `Jira: …`).
 */

export interface FormField {
  /** The API's name for it: `api_token`, `project_key`. */
  name: string;
  /** Whether the schema lets it be left out. */
  optional: boolean;
  /** A yes/no option (a checkbox), else text. */
  kind: 'text' | 'boolean';
  /** The schema's description, the vendor's prefix taken off. */
  hint?: string;
}

const fieldOf = (name: string, schema: z.ZodType, hint?: string): FormField => ({
  name,
  optional: schema.safeParse(undefined).success,
  kind: schema.safeParse(true).success ? 'boolean' : 'text',
  ...(hint ? { hint } : {}),
});

/** What a connector of `type` logs in with, field by field. */
export function credentialFields(type: ConnectorType): FormField[] {
  const shape: Record<string, z.ZodType> = credentialsSchemaOf(type).shape;
  return Object.entries(shape).map(([name, schema]) => fieldOf(name, schema));
}

/** The options a connector of `type` takes: those for every vendor, and its own. */
export function optionFields(type: ConnectorType): FormField[] {
  const shape: Record<string, z.ZodType> = ConnectorOptions.shape;
  const fields: FormField[] = [];
  for (const [name, schema] of Object.entries(shape)) {
    const text = schema.description ?? '';
    const vendor = /^(\w+): /.exec(text)?.[1]?.toLowerCase();
    const forVendor = (CONNECTOR_TYPES as readonly string[]).includes(vendor ?? '');
    if (forVendor && vendor !== type) continue;
    fields.push(fieldOf(name, schema, forVendor ? text.replace(/^\w+: /, '') : text));
  }
  return fields;
}

/**
 * The field a refusal's `loc` (the API's, `body` first or not) is about, for a modal showing it
 * under that field: `credentials` alone (the vendor refused them) is the type's last required
 * credential (the token or secret); undefined when it names none of these fields.
 */
export function fieldOfLoc(
  type: ConnectorType,
  loc: readonly (string | number)[],
): { group: 'base_url' | 'credentials' | 'options'; name?: string } | undefined {
  const [group, name] = loc[0] === 'body' ? loc.slice(1) : loc;
  if (group === 'base_url') return { group };
  if (group === 'credentials') {
    const fields = credentialFields(type);
    const named = fields.find((f) => f.name === name);
    const last = fields.filter((f) => !f.optional).at(-1);
    return { group, name: (named ?? last)?.name };
  }
  if (group === 'options' && typeof name === 'string') return { group, name };
  return undefined;
}
