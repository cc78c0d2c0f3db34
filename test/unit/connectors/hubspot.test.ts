import {
  changedTicketIds,
  hubspotSignature,
  refuseHubspotCall,
} from '../../../src/connectors/hubspot-webhook.js';
import {
  TICKET_STAGE,
  stageTicketStatus,
  ticketProperties,
} from '../../../src/connectors/hubspot.js';

const source = {
  id: 'r1',
  text: 'Export is broken\nsince Monday',
  status: 'open' as const,
  priority: 'urgent',
  severity: null,
  category: null,
  tags: [],
  requesterId: 'U1',
  assigneeId: null,
  channelId: 'C1',
  createdAt: new Date('2026-11-30T10:00:00Z'),
  categories: [],
  customFields: [],
};

describe('HubSpot tickets (pure)', () => {
  it('makes a ticket of a request, mapped properties over the standard ones', () => {
    expect(
      ticketProperties(source, { source_channel: 'channelId', missing: 'assigneeId' }, '0'),
    ).toEqual({
      subject: 'Export is broken',
      content: 'Export is broken\nsince Monday',
      hs_pipeline: '0',
      hs_pipeline_stage: '1',
      hs_ticket_priority: 'URGENT',
      source_channel: 'C1',
    });
  });

  it('maps statuses to the default pipeline’s stages and back', () => {
    expect(TICKET_STAGE).toEqual({
      open: '1',
      in_progress: '3',
      on_hold: '2',
      closed: '4',
      discarded: '4',
    });
    expect(['1', '2', '3', '4', 'custom'].map(stageTicketStatus)).toEqual([
      'new',
      'open',
      'open',
      'closed',
      'open',
    ]);
  });
});

describe('HubSpot webhook v3 signatures', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  const call = {
    method: 'POST',
    uri: 'https://triage.example/webhooks/hubspot/c1',
    body: '[]',
    timestamp: String(now.getTime()),
  };
  const signature = hubspotSignature('secret', call);

  it('accepts its own signature and refuses a forged, stale, unsigned or unverifiable call', () => {
    expect(refuseHubspotCall('secret', { ...call, signature }, now)).toBeUndefined();
    expect(refuseHubspotCall('other', { ...call, signature }, now)).toBe(
      'the signature does not match',
    );
    expect(refuseHubspotCall('secret', { ...call, uri: `${call.uri}?x=1`, signature }, now)).toBe(
      'the signature does not match',
    );
    const late = new Date(now.getTime() + 5 * 60_000 + 1);
    expect(refuseHubspotCall('secret', { ...call, signature }, late)).toBe(
      'the timestamp is older than 5 minutes',
    );
    expect(refuseHubspotCall('secret', { ...call }, now)).toBe(
      'the signature or timestamp header is missing',
    );
    expect(refuseHubspotCall(undefined, { ...call, signature }, now)).toContain('no client_secret');
  });

  it('reads the tickets whose stage changed, each once', () => {
    const event = (objectId: number, propertyName: string) => ({
      subscriptionType: 'ticket.propertyChange',
      objectId,
      propertyName,
    });
    expect(
      changedTicketIds([
        event(1, 'hs_pipeline_stage'),
        event(1, 'hs_pipeline_stage'),
        event(2, 'subject'),
        { nope: 1 },
      ]),
    ).toEqual(['1']);
    expect(changedTicketIds({ not: 'an array' })).toEqual([]);
  });
});
