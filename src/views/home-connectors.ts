import type { KnownBlock } from '@slack/types';
import { ACTIONS } from '../constants.js';
import type { HomeConnector } from '../home/connectors.js';
import { escapeMrkdwn, slackDate, truncate } from '../text/mrkdwn.js';
import { button } from './blocks.js';

/**
 * App Home's Connectors section, for workspace admins: each connector's vendor, address, state
 * (credentials accepted, or the vendor's last refusal in words), whether its secrets are set
 * (never the secrets) and the channels using it, with Edit, Check and Remove; and Add connector.
 * At most `MAX_CONNECTORS` connectors: 2 blocks each, 3 around them. None for non-admins.
 */
export function connectorsSection(connectors: HomeConnector[] | undefined): KnownBlock[] {
  if (!connectors) return [];
  const blocks: KnownBlock[] = [
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: `Connectors (${connectors.length})` } },
  ];
  for (const connector of connectors) blocks.push(...connectorLines(connector));
  blocks.push({
    type: 'actions',
    block_id: 'home_connectors_add',
    elements: [
      {
        type: 'button',
        text: { type: 'plain_text', text: 'Add connector' },
        action_id: ACTIONS.connectorAdd,
        style: 'primary',
      },
    ],
  });
  if (connectors.length === 0) {
    blocks.splice(2, 0, {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'No connectors yet: add your helpdesk (Zendesk, Jira, Linear) or Salesforce, then name it in a channel’s `tickets.config.helpdeskIds`.',
        },
      ],
    });
  }
  return blocks;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });

function connectorLines(connector: HomeConnector): KnownBlock[] {
  const { id, name } = connector;
  const secrets = `credentials set${connector.webhookSecretSet ? ', webhook secret set' : ''}`;
  const state = connector.error
    ? `:warning: ${escapeMrkdwn(connector.error)} (checked ${slackDate(connector.checkedAt)})`
    : `:white_check_mark: Credentials accepted ${slackDate(connector.checkedAt)}`;
  const channels =
    connector.channels.length > 0
      ? `Used by ${connector.channels.map((c) => `<#${c}>`).join(', ')}`
      : 'Used by no channel';
  const remove = {
    ...button('Remove', ACTIONS.connectorRemove, id, 'danger'),
    confirm: {
      title: plain('Remove connector?'),
      text: plain(
        truncate(
          `The ${name} connector at ${connector.baseUrl} and its credentials are deleted. A connector channels still use cannot be removed.`,
          300,
        ),
      ),
      confirm: plain('Remove'),
      deny: plain('Keep it'),
      style: 'danger' as const,
    },
  };
  return [
    {
      type: 'section',
      block_id: `home_connector_${id}`,
      text: {
        type: 'mrkdwn',
        text: truncate(
          `*${name}* · ${escapeMrkdwn(connector.baseUrl)} · ${secrets} · id \`${id}\`\n${state}\n${channels}`,
          3000,
        ),
      },
    },
    {
      type: 'actions',
      block_id: `home_connector_actions_${id}`,
      elements: [
        button('Edit', ACTIONS.connectorEdit, id),
        button('Check', ACTIONS.connectorCheck, id),
        remove,
      ],
    },
  ];
}
