import { z } from 'zod';

/** Connectors' options (issue 14): split from `connector.ts`, which re-exports them. */

/** How the connector behaves; every option has a default. */
export const ConnectorOptions = z
  .strictObject({
    agent_replies_public: z
      .boolean()
      .default(false)
      .describe('Agents’ thread replies become public comments (default: internal notes).'),
    project_key: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{0,19}$/, 'must be a Jira project key such as SUP')
      .optional()
      .describe('Jira: the project new issues are created in (required for jira).'),
    issue_type: z
      .string()
      .min(1)
      .max(100)
      .default('Task')
      .describe('Jira: the issue type of new issues (default Task).'),
    team_key: z
      .string()
      .regex(/^[A-Z0-9]{1,10}$/, 'must be a Linear team key such as ENG')
      .optional()
      .describe('Linear: the team new issues are created in, by its key (required for linear).'),
    external_id_field: z
      .string()
      .regex(
        /^[A-Za-z][A-Za-z0-9_]*__c$/,
        'must be a custom field API name such as Triage_Request_Id__c',
      )
      .max(80)
      .optional()
      .describe(
        'Salesforce: the Case’s External ID field holding the request’s id, so a retried create finds the Case it made (default Triage_Request_Id__c).',
      ),
    id_property: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, 'must be a HubSpot property name such as triage_request_id')
      .max(100)
      .optional()
      .describe(
        'HubSpot: the unique-value ticket property holding the request’s id, so a retried create finds the ticket it made (default triage_request_id).',
      ),
    pipeline: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be a HubSpot pipeline id such as 0')
      .optional()
      .describe(
        'HubSpot: the ticket pipeline new tickets go in (default 0, the default pipeline).',
      ),
  })
  .meta({ id: 'ConnectorOptions' });
export type ConnectorOptions = z.infer<typeof ConnectorOptions>;
