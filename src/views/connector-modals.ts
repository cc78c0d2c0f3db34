import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { ACTIONS, VIEWS } from '../constants.js';
import type { ConnectorType } from '../connectors/connector.js';
import type { FormField } from '../connectors/form.js';
import { truncate } from '../text/mrkdwn.js';

/**
 * App Home's connector modals (admins): Add (a type menu, then that type's address, credentials
 * and options, fields read from the API's schemas) and Edit (credentials blank = keep). Each
 * field's block id names it (`BLOCK.credential + 'api_token'`), so a refusal shows under it.
 */

/** The `action_id` of every text or checkbox input of these modals. */
export const CONNECTOR_INPUT = 'connector_value';
export const BLOCK = {
  type: 'connector_type',
  baseUrl: 'connector_base_url',
  credential: 'connector_credential_',
  option: 'connector_option_',
} as const;

export interface ConnectorFormView {
  type: ConnectorType;
  credentials: FormField[];
  options: FormField[];
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });

function input(
  blockId: string,
  label: string,
  field: Pick<FormField, 'optional' | 'kind' | 'hint'>,
  initial?: string | boolean,
): InputBlock {
  const hint = field.hint ? { hint: plain(truncate(field.hint, 150)) } : {};
  const yes = { text: plain('Yes'), value: 'yes' };
  const element =
    field.kind === 'boolean'
      ? {
          type: 'checkboxes' as const,
          action_id: CONNECTOR_INPUT,
          options: [yes],
          ...(initial === true ? { initial_options: [yes] } : {}),
        }
      : {
          type: 'plain_text_input' as const,
          action_id: CONNECTOR_INPUT,
          ...(typeof initial === 'string' && initial ? { initial_value: initial } : {}),
        };
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    optional: field.optional || field.kind === 'boolean',
    element,
    ...hint,
  };
}

/** The address, credentials and options blocks of a type. */
function fieldBlocks(
  form: ConnectorFormView,
  editing?: { baseUrl: string; options: Record<string, unknown>; setCredentials: string[] },
): KnownBlock[] {
  const keep = (name: string) =>
    editing?.setCredentials.includes(name)
      ? 'Set: leave blank to keep it; typed, it replaces it. Never shown.'
      : 'Not set: leave blank to leave it unset.';
  const url = { optional: false, kind: 'text' as const, hint: 'Where its API answers.' };
  return [
    input(BLOCK.baseUrl, 'base_url', url, editing?.baseUrl),
    ...form.credentials.map((field) =>
      input(
        BLOCK.credential + field.name,
        field.name,
        editing ? { ...field, optional: true, hint: keep(field.name) } : field,
      ),
    ),
    ...form.options.map((field) => {
      const value = editing?.options[field.name];
      const initial = typeof value === 'boolean' || typeof value === 'string' ? value : undefined;
      return input(BLOCK.option + field.name, field.name, field, initial);
    }),
  ];
}

/** Add connector: the type menu (changing it redraws the fields) and that type's fields. */
export function addConnectorModal(
  form: ConnectorFormView,
  types: { type: ConnectorType; name: string }[],
): ModalView {
  const option = (t: { type: string; name: string }): PlainTextOption => ({
    text: plain(t.name),
    value: t.type,
  });
  const chosen = types.find((t) => t.type === form.type) ?? types[0];
  return {
    type: 'modal',
    callback_id: VIEWS.connectorAdd,
    private_metadata: JSON.stringify({ type: form.type }),
    title: plain('Add connector'),
    submit: plain('Check and save'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'input',
        block_id: BLOCK.type,
        label: plain('Type'),
        dispatch_action: true,
        element: {
          type: 'static_select',
          action_id: ACTIONS.connectorType,
          options: types.map(option),
          ...(chosen ? { initial_option: option(chosen) } : {}),
        },
      },
      ...fieldBlocks(form),
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'The bot logs in with these first: nothing is saved if the vendor refuses them. Credentials are stored encrypted and never shown.',
          },
        ],
      },
    ],
  };
}

/** Edit connector: its address and options as they are, its credentials blank (kept unless typed), each marked set or not. */
export function editConnectorModal(
  form: ConnectorFormView,
  connector: {
    id: string;
    name: string;
    baseUrl: string;
    options: Record<string, unknown>;
    /** The credentials stored (their names only: a "set" marker, never a value). */
    setCredentials: string[];
  },
): ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.connectorEdit,
    private_metadata: JSON.stringify({ id: connector.id }),
    title: plain('Edit connector'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `*${connector.name}* · id \`${connector.id}\`` }],
      },
      ...fieldBlocks(form, connector),
    ],
  };
}

/** A modal that only says something (a refusal), closed with OK. */
export function noticeModal(title: string, text: string): ModalView {
  return {
    type: 'modal',
    title: plain(truncate(title, 24)),
    close: plain('OK'),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) } }],
  };
}
