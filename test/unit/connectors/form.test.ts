import { credentialFields, fieldOfLoc, optionFields } from '../../../src/connectors/form.js';
import { channelUses, connectorState } from '../../../src/home/connectors.js';
import { Features } from '../../../src/settings/features.js';

const names = (fields: { name: string }[]) => fields.map((f) => f.name);

describe('the App Home connector modals read their fields from the API schemas', () => {
  it('gives each type its credentials, optional ones marked', () => {
    expect(credentialFields('zendesk')).toEqual([
      { name: 'email', optional: false, kind: 'text' },
      { name: 'api_token', optional: false, kind: 'text' },
      { name: 'webhook_secret', optional: true, kind: 'text' },
    ]);
    expect(names(credentialFields('linear'))).toEqual(['api_key', 'webhook_secret']);
    expect(credentialFields('salesforce').map((f) => [f.name, f.optional])).toEqual([
      ['client_id', false],
      ['client_secret', false],
      ['username', true],
      ['password', true],
    ]);
  });

  it('gives each type the options for every vendor and its own, the vendor prefix off the hint', () => {
    expect(names(optionFields('zendesk'))).toEqual(['agent_replies_public']);
    expect(names(optionFields('jira'))).toEqual([
      'agent_replies_public',
      'project_key',
      'issue_type',
    ]);
    expect(names(optionFields('linear'))).toEqual(['agent_replies_public', 'team_key']);
    expect(names(optionFields('salesforce'))).toEqual([
      'agent_replies_public',
      'external_id_field',
    ]);
    const [replies, project] = optionFields('jira');
    expect(replies).toMatchObject({ kind: 'boolean', optional: true });
    expect(project).toMatchObject({ kind: 'text', optional: true });
    expect(project?.hint).toBe('the project new issues are created in (required for jira).');
  });

  it('puts a refusal under the field its loc names; a refusal of the credentials under the token', () => {
    expect(fieldOfLoc('zendesk', ['body', 'base_url'])).toEqual({ group: 'base_url' });
    expect(fieldOfLoc('zendesk', ['body', 'credentials'])).toEqual({
      group: 'credentials',
      name: 'api_token',
    });
    expect(fieldOfLoc('zendesk', ['credentials', 'email'])).toEqual({
      group: 'credentials',
      name: 'email',
    });
    expect(fieldOfLoc('linear', ['body', 'credentials'])).toEqual({
      group: 'credentials',
      name: 'api_key',
    });
    expect(fieldOfLoc('salesforce', ['body', 'options', 'external_id_field'])).toEqual({
      group: 'options',
      name: 'external_id_field',
    });
    expect(fieldOfLoc('zendesk', ['body'])).toBeUndefined();
  });
});

describe('a connector line in App Home', () => {
  const updatedAt = new Date('2026-11-30T10:00:00Z');
  const later = new Date('2026-11-30T11:00:00Z');

  it('shows the last check when it came after the last change, else the change (checked on save)', () => {
    expect(connectorState({ lastCheck: null, updatedAt })).toEqual({
      error: null,
      checkedAt: updatedAt,
    });
    const refused = { at: later, error: 'Zendesk answered 401' };
    expect(connectorState({ lastCheck: refused, updatedAt })).toEqual({
      error: 'Zendesk answered 401',
      checkedAt: later,
    });
    // new credentials saved after the refusal: checked then, the refusal is old news
    expect(
      connectorState({ lastCheck: refused, updatedAt: new Date(later.getTime() + 1) }),
    ).toEqual({
      error: null,
      checkedAt: new Date(later.getTime() + 1),
    });
  });

  it('counts a channel as using a helpdesk its helpdeskIds name, and the CRM its requests go to', () => {
    const helpdesk = { id: 'c1', type: 'zendesk' as const };
    const named = Features.parse({ tickets: { config: { helpdeskIds: ['c1'] } } });
    expect(channelUses(named, helpdesk, undefined)).toBe(true);
    expect(channelUses(Features.parse({}), helpdesk, undefined)).toBe(false);

    const crm = { id: 's1', type: 'salesforce' as const };
    const writes = Features.parse({ requests: { config: { write_all_requests_to_crm: true } } });
    const sink = Features.parse({ requests: { sink: { salesforce: '001000000000001' } } });
    expect(channelUses(writes, crm, 's1')).toBe(true);
    expect(channelUses(sink, crm, 's1')).toBe(true);
    expect(channelUses(Features.parse({}), crm, 's1')).toBe(false);
    // only the workspace's first Salesforce connector is used, and none with HubSpot
    expect(channelUses(writes, crm, 's0')).toBe(false);
    const hubspot = Features.parse({
      crm: { type: 'HUBSPOT' },
      requests: { config: { write_all_requests_to_crm: true } },
    });
    expect(channelUses(hubspot, crm, 's1')).toBe(false);
  });
});
