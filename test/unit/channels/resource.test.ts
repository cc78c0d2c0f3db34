import { channelFields } from '../../../src/channels/channel.js';
import {
  channelResponse,
  planChannelUpdate,
  type ChannelRecord,
} from '../../../src/channels/resource.js';
import { Features } from '../../../src/settings/features.js';

const WH = 'workingHoursConfig';

function record(overrides: Partial<ChannelRecord> = {}): ChannelRecord {
  return {
    channelId: 'C1',
    name: 'ext-acme',
    kind: 'customer',
    isPrivate: false,
    isExtShared: true,
    isArchived: false,
    botIsMember: true,
    accountId: null,
    settings: { overrides: [] },
    counters: { total_conversations: 3, total_messages_sent: 2, total_messages_received: 5 },
    createdAt: new Date('2026-01-05T09:00:00Z'),
    updatedAt: new Date('2026-01-05T10:00:00Z'),
    ...overrides,
  };
}

describe('channelResponse', () => {
  it('shows a default channel with the built-in settings', () => {
    const response = channelResponse(record(), Features.parse({}));
    expect(response).toMatchObject({
      id: 'C1',
      status: 'active',
      is_active: true,
      is_default: true,
      assignment_mode: 'manual',
      total_messages_received: 5,
      created_at: '2026-01-05T09:00:00.000Z',
      config: { account_id: null, triage_channel_id: null, timezone: 'UTC' },
    });
    // Mon–Fri 09:00–17:00 by default, weekend closed
    expect(response.config.business_hours.monday).toEqual({
      enabled: true,
      start: '09:00',
      end: '17:00',
    });
    expect(response.config.business_hours.sunday).toEqual({
      enabled: false,
      start: '09:00',
      end: '17:00',
    });
  });

  it.each<[string, Partial<ChannelRecord>, string, boolean]>([
    ['archived', { isArchived: true }, 'archived', false],
    ['not joined', { botIsMember: false }, 'not_joined', false],
  ])('a channel %s', (_case, overrides, status, active) => {
    const response = channelResponse(record(overrides), Features.parse({}));
    expect([response.status, response.is_active]).toEqual([status, active]);
  });

  it.each<[Record<string, boolean>, string]>([
    [{ auto_assign_request_to_first_responder: true, auto_assign_to_csm: true }, 'first_responder'],
    [{ auto_assign_to_csm: true }, 'csm'],
  ])('reads assignment %o as %s', (config, mode) => {
    const features = Features.parse({ requests: { config } });
    expect(channelResponse(record(), features).assignment_mode).toBe(mode);
  });

  it('shows days open all day when hours are not per day', () => {
    const features = Features.parse({
      requests: { support: { response_sla: { [WH]: { dailyWorkingHourConfig: false } } } },
    });
    expect(channelResponse(record(), features).config.business_hours.friday).toEqual({
      enabled: true,
      start: '00:00',
      end: '24:00',
    });
  });
});

describe('planChannelUpdate', () => {
  const prefix = `requests.support.response_sla.${WH}`;

  it('writes business hours as channel settings, open days only', () => {
    const plan = planChannelUpdate({
      business_hours: {
        monday: { enabled: true, start: '08:00', end: '16:00' },
        tuesday: { enabled: false, start: '08:00', end: '16:00' },
        saturday: { enabled: true, start: '10:00', end: '12:00' },
      },
    });
    expect(plan).toEqual({
      settings: {
        update: {
          requests: {
            support: {
              response_sla: {
                [WH]: {
                  isEnabled: true,
                  dailyWorkingHourConfig: true,
                  workingDays: [1, 6],
                  dailyConfigurations: [
                    { day: 1, start: '08:00', end: '16:00' },
                    { day: 6, start: '10:00', end: '12:00' },
                  ],
                },
              },
            },
          },
        },
      },
      fields: {},
    });
  });

  it('resets business hours and assignment with null', () => {
    expect(planChannelUpdate({ business_hours: null, assignment_mode: null })).toEqual({
      settings: {
        update: {},
        reset: [
          `${prefix}.workingDays`,
          `${prefix}.dailyConfigurations`,
          `${prefix}.dailyWorkingHourConfig`,
          `${prefix}.isEnabled`,
          'requests.config.auto_assign_request_to_first_responder',
          'requests.config.auto_assign_to_csm',
        ],
      },
      fields: { routing: null }, // and stops routing to a team
    });
  });

  it.each<['round_robin' | 'load_balanced', number | undefined]>([
    ['round_robin', undefined],
    ['load_balanced', 3],
  ])(
    'assignment %s routes to a team: the channel’s own field, both settings off',
    (mode, capacity) => {
      const team = '64b7f0f0f0f0f0f0f0f0f0f0';
      const plan = planChannelUpdate({ assignment_mode: mode, team_id: team, capacity });
      expect(plan).toEqual({
        settings: {
          update: {
            requests: {
              config: { auto_assign_request_to_first_responder: false, auto_assign_to_csm: false },
            },
          },
        },
        fields: { routing: { mode, deskTeamId: team, capacity: capacity ?? null } },
      });
    },
  );

  it('reads a channel routed to a team as its mode, team and capacity', () => {
    const routing = { mode: 'load_balanced' as const, deskTeamId: 'T1', capacity: 2 };
    const response = channelResponse(record({ routing }), Features.parse({}));
    expect([response.assignment_mode, response.team_id, response.capacity]).toEqual([
      'load_balanced',
      'T1',
      2,
    ]);
  });

  it.each<['manual' | 'first_responder' | 'csm', boolean, boolean]>([
    ['manual', false, false],
    ['first_responder', true, false],
    ['csm', false, true],
  ])('assignment %s', (mode, firstResponder, csm) => {
    expect(planChannelUpdate({ assignment_mode: mode }).settings).toEqual({
      update: {
        requests: {
          config: {
            auto_assign_request_to_first_responder: firstResponder,
            auto_assign_to_csm: csm,
          },
        },
      },
    });
  });

  it("sets the channel's own fields without a settings write", () => {
    expect(
      planChannelUpdate({ channel_type: 'triage', triage_channel_id: null, csm_user_id: 'U1' }),
    ).toEqual({ fields: { kind: 'triage', triageChannelId: null, csmUserId: 'U1' } });
    expect(planChannelUpdate({})).toEqual({ fields: {} });
  });
});

describe('channelFields', () => {
  it('keeps what Slack says, and membership as given', () => {
    const info = {
      id: 'C1',
      name: 'ext-acme',
      is_private: true,
      is_ext_shared: false,
      is_archived: false,
      is_member: false,
    };
    expect(channelFields(info)).toEqual({
      name: 'ext-acme',
      isPrivate: true,
      isExtShared: false,
      isArchived: false,
      botIsMember: false,
    });
    expect(channelFields(info, true).botIsMember).toBe(true);
  });
});
