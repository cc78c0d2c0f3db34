import type { Client } from '@hubspot/api-client';
import type { CaseChange, CaseCommentIn } from '../../connectors/crm-sync.js';
import { stageTicketStatus } from '../../connectors/hubspot.js';

/** At most this many changes a poll reads of each kind; the rest come with the next poll. */
const BATCH = 100;

/** One SDK call, its failure as a `VendorError` (`HubspotClient.call`). */
type Call = <T>(what: string, run: () => Promise<T>) => Promise<T>;

const filter = (propertyName: string, operator: string, value?: string) => ({
  propertyName,
  operator: operator as never,
  ...(value === undefined ? {} : { value }),
});

/**
 * The tickets the bot made (those with `idProperty` set) changed at or after `since`, oldest
 * first: HubSpot's search (`hs_lastmodifieddate GTE`, in milliseconds).
 */
export async function changedTickets(
  sdk: Client,
  call: Call,
  idProperty: string,
  since: Date,
): Promise<CaseChange[]> {
  const found = await call('POST /crm/v3/objects/tickets/search', () =>
    sdk.crm.tickets.searchApi.doSearch({
      filterGroups: [
        {
          filters: [
            filter('hs_lastmodifieddate', 'GTE', String(since.getTime())),
            filter(idProperty, 'HAS_PROPERTY'),
          ],
        },
      ],
      sorts: ['hs_lastmodifieddate'],
      properties: ['hs_pipeline_stage', 'hs_lastmodifieddate'],
      limit: BATCH,
    }),
  );
  return found.results.map((ticket) => {
    const stage = ticket.properties.hs_pipeline_stage ?? '';
    return {
      id: ticket.id,
      status: stage,
      ticketStatus: stageTicketStatus(stage),
      lastModified: new Date(ticket.properties.hs_lastmodifieddate ?? ticket.updatedAt),
    };
  });
}

/**
 * The notes written at or after `since` by a HubSpot user (`hs_created_by_user_id` set: the
 * bot's own notes are its private app's, which have none, so they never come back), each with
 * the tickets it is on, oldest first. Notes on tickets the bot did not make match no request.
 */
export async function newTicketNotes(
  sdk: Client,
  call: Call,
  since: Date,
): Promise<CaseCommentIn[]> {
  const found = await call('POST /crm/v3/objects/notes/search', () =>
    sdk.crm.objects.notes.searchApi.doSearch({
      filterGroups: [
        {
          filters: [
            filter('hs_createdate', 'GTE', String(since.getTime())),
            filter('hs_created_by_user_id', 'HAS_PROPERTY'),
          ],
        },
      ],
      sorts: ['hs_createdate'],
      properties: ['hs_note_body', 'hs_created_by_user_id', 'hs_createdate'],
      limit: BATCH,
    }),
  );
  const notes: CaseCommentIn[] = [];
  for (const note of found.results) {
    const tickets = await call('GET /crm/v4/objects/notes/{id}/associations/tickets', () =>
      sdk.crm.associations.v4.basicApi.getPage('notes', note.id, 'tickets'),
    );
    const author = note.properties.hs_created_by_user_id ?? '';
    for (const ticket of tickets.results) {
      notes.push({
        id: note.id,
        caseId: String(ticket.toObjectId),
        body: stripHtml(note.properties.hs_note_body ?? ''),
        published: true,
        authorId: author,
        authorName: `HubSpot user ${author}`,
        created: new Date(note.properties.hs_createdate ?? note.createdAt),
      });
    }
  }
  return notes;
}

/** A note's body as text: HubSpot keeps notes as HTML. */
export const stripHtml = (html: string): string =>
  html
    .replace(/<br\s*\/?>|<\/p>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
