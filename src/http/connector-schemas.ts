import { z } from 'zod';
import { CONNECTOR_TYPES } from '../connectors/connector.js';

/** `/api/v1/connectors`: the bodies are the domain's (`src/connectors/connector.ts`). */
export { ConnectorCreate, ConnectorUpdate } from '../connectors/connector.js';

export const ConnectorIdParams = z.object({ id: z.string() });

/** A connector as the API shows it: its credentials only as set, never their values. */
export const ConnectorResponse = z
  .object({
    id: z.string(),
    type: z.enum(CONNECTOR_TYPES),
    base_url: z.string(),
    credentials: z
      .object({ set: z.literal(true), webhook_secret_set: z.boolean() })
      .describe('Write-only: stored encrypted, shown only as set'),
    options: z.object({
      agent_replies_public: z.boolean(),
      project_key: z.string().optional(),
      issue_type: z.string(),
      external_id_field: z.string().optional(),
    }),
    webhook_path: z
      .string()
      .describe('Where the helpdesk’s webhook posts ticket events (signed with webhook_secret)'),
    account_id: z.string().describe('The workspace (Slack team id)'),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'Connector' });
export type ConnectorResponse = z.infer<typeof ConnectorResponse>;
