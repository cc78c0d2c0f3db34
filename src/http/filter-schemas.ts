import { z } from 'zod';
import { FILTER_TYPES, FilterPayload } from '../desk/filters.js';
import { AutomationRuleResponse } from './automation-schemas.js';
import { ConversationListQuery } from './conversation-schemas.js';

/** Saved conversation filters (seed 003's custom filters), each the token creator's own. */
export { CustomFilterCreate, CustomFilterUpdate } from '../desk/filters.js';

export const CustomFilterIdParams = z.object({ id: z.string() });

export const CustomFilterListQuery = z
  .strictObject({
    filter_type: z
      .enum(FILTER_TYPES)
      .optional()
      .describe('Only filters of this type (conversation filters are the only kind kept)'),
  })
  .meta({ id: 'CustomFilterListQuery' });

export const CustomFilterResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    filter_type: z.enum(['conversation']),
    query: z.object({ payload: AutomationRuleResponse.shape.conditions }),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'CustomFilter' });
export type CustomFilterResponse = z.infer<typeof CustomFilterResponse>;

/** `POST /conversations/filter`: the conditions, as a saved filter's `query` holds them. */
export const ConversationFilterWrite = FilterPayload.meta({ id: 'ConversationFilter' });
export const ConversationFilterQuery = ConversationListQuery.pick({ page: true }).meta({
  id: 'ConversationFilterQuery',
});
