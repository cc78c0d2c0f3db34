import type { ModalView } from '@slack/types';
import { z } from 'zod';
import {
  CONNECTOR_TYPES,
  ConnectorCreate,
  ConnectorUpdate,
  credentialsSchemaOf,
  type ConnectorType,
} from '../../connectors/connector.js';
import { credentialFields, fieldOfLoc, optionFields } from '../../connectors/form.js';
import { ACTIONS } from '../../constants.js';
import { ConnectorStore } from '../../db/repositories/connectors.js';
import type { BotDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import {
  BLOCK,
  CONNECTOR_INPUT,
  addConnectorModal,
  editConnectorModal,
  type ConnectorFormView,
} from '../../views/connector-modals.js';
import { createConnector, credentialsOf, updateConnector, VENDOR_NAME } from './manage.js';

/**
 * App Home's connector modals (issue 14): built from the API's schemas, submitted through the
 * API's service functions (`createConnector`, `updateConnector`: the vendor checks the
 * credentials first, nothing is stored when it refuses); a refusal shows under its field.
 */

type ModalDeps = Pick<BotDeps, 'models' | 'env'>;
/** `view.state.values` of a `view_submission`. */
export type StateValues = Record<string, Record<string, unknown>>;
export type Submitted = { ok: true } | { ok: false; errors: Record<string, string> };

const TYPES = CONNECTOR_TYPES.map((type) => ({ type, name: VENDOR_NAME[type] }));

const formOf = (type: ConnectorType): ConnectorFormView => ({
  type,
  credentials: credentialFields(type),
  options: optionFields(type),
});

/** The Add connector modal, with `type`'s fields (Zendesk's first). */
export const addModal = (type: ConnectorType = 'zendesk'): ModalView =>
  addConnectorModal(formOf(type), TYPES);

/** The Edit modal of the workspace's connector `id` (`connector_not_found` if it is none). */
export async function editModal(deps: ModalDeps, teamId: string, id: string): Promise<ModalView> {
  const doc = await new ConnectorStore(deps.models).get(teamId, id);
  let setCredentials: string[] = [];
  try {
    setCredentials = Object.keys(credentialsOf(deps, doc));
  } catch {
    // sealed with another key: none can be told set
  }
  const connector = { id, name: VENDOR_NAME[doc.type], baseUrl: doc.baseUrl, options: doc.options };
  return editConnectorModal(formOf(doc.type), { ...connector, setCredentials });
}

const Input = z.object({
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
});

const inputOf = (values: StateValues, blockId: string, actionId = CONNECTOR_INPUT) =>
  Input.parse(values[blockId]?.[actionId] ?? {});

/** The type chosen in the Add modal's menu. */
export function typeOf(values: StateValues, fallback: string): ConnectorType {
  const chosen = inputOf(values, BLOCK.type, ACTIONS.connectorType).selected_option?.value;
  return z
    .enum(CONNECTOR_TYPES)
    .catch('zendesk')
    .parse(chosen ?? fallback);
}

/** What was typed: blank text left out, a checkbox as true or false. */
function readForm(values: StateValues, type: ConnectorType) {
  const text = (blockId: string) => inputOf(values, blockId).value?.trim() || undefined;
  const credentials: Record<string, string> = {};
  for (const field of credentialFields(type)) {
    const value = text(BLOCK.credential + field.name);
    if (value !== undefined) credentials[field.name] = value;
  }
  const options: Record<string, string | boolean> = {};
  for (const field of optionFields(type)) {
    const block = BLOCK.option + field.name;
    const value =
      field.kind === 'boolean'
        ? (inputOf(values, block).selected_options ?? []).length > 0
        : text(block);
    if (value !== undefined) options[field.name] = value;
  }
  return { base_url: text(BLOCK.baseUrl), credentials, options };
}

/** Each refusal (`loc` as the API's) under the modal's field it names, the first one per field. */
function errorsOf(type: ConnectorType, issues: { loc: PropertyKey[]; msg: string }[]) {
  const errors: Record<string, string> = {};
  for (const { loc, msg } of issues) {
    const field = fieldOfLoc(type, loc.map(String));
    const block =
      field?.group === 'credentials' && field.name
        ? BLOCK.credential + field.name
        : field?.group === 'options' && field.name
          ? BLOCK.option + field.name
          : BLOCK.baseUrl;
    errors[block] ??= msg;
  }
  return errors;
}

/** The credentials checked on their own first: a field's own error beats the union's "invalid". */
function invalid(type: ConnectorType, credentials: unknown, schema: z.ZodType, input: unknown) {
  const own =
    credentials === undefined
      ? []
      : (credentialsSchemaOf(type).safeParse(credentials).error?.issues ?? []);
  const all = schema.safeParse(input).error?.issues ?? [];
  const issues = [
    ...own.map((i) => ({ loc: ['credentials', ...i.path], msg: i.message })),
    ...all.map((i) => ({ loc: i.path, msg: i.message })),
  ];
  return issues.length > 0 ? ({ ok: false, errors: errorsOf(type, issues) } as const) : undefined;
}

/** Runs a save; the API's refusals (the vendor's among them) under their fields. */
async function saving(type: ConnectorType, save: () => Promise<unknown>): Promise<Submitted> {
  try {
    await save();
    return { ok: true };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const detail = error.detail.length > 0 ? error.detail : [{ loc: [], msg: error.message }];
    return { ok: false, errors: errorsOf(type, detail) };
  }
}

/** Add connector's submission: checked as `POST /api/v1/connectors` is, then created. */
export async function submitAdd(
  deps: ModalDeps,
  teamId: string,
  type: ConnectorType,
  values: StateValues,
): Promise<Submitted> {
  const form = readForm(values, type);
  const input = { type, ...form, base_url: form.base_url ?? '' };
  const refused = invalid(type, form.credentials, ConnectorCreate, input);
  if (refused) return refused;
  return saving(type, () => createConnector(deps, teamId, ConnectorCreate.parse(input)));
}

/**
 * Edit's submission: a credential typed replaces that one (the others kept), a blank one keeps
 * it; a new address or new credentials are checked with the vendor (`updateConnector`).
 */
export async function submitEdit(
  deps: ModalDeps,
  teamId: string,
  id: string,
  values: StateValues,
): Promise<Submitted> {
  const doc = await new ConnectorStore(deps.models).find(teamId, id);
  if (!doc) return { ok: false, errors: { [BLOCK.baseUrl]: 'This connector was removed.' } };
  const form = readForm(values, doc.type);
  const update: Record<string, unknown> = {};
  if (form.base_url && form.base_url !== doc.baseUrl) update.base_url = form.base_url;
  let credentials: Record<string, unknown> = {};
  if (Object.keys(form.credentials).length > 0) {
    try {
      credentials = credentialsOf(deps, doc);
    } catch {
      // sealed with another key: only what was typed now
    }
    update.credentials = { ...credentials, ...form.credentials };
  }
  const current: Record<string, unknown> = doc.options;
  const options = Object.entries(form.options).filter(([key, value]) => current[key] !== value);
  if (options.length > 0) update.options = Object.fromEntries(options);
  if (Object.keys(update).length === 0) return { ok: true };
  const refused = invalid(doc.type, update.credentials, ConnectorUpdate, update);
  if (refused) return refused;
  return saving(doc.type, () => updateConnector(deps, teamId, id, ConnectorUpdate.parse(update)));
}
