import { startTestBot, type TestBot } from '../../support/bot.js';

describe('channels API (seed 002)', () => {
  let t: TestBot;

  beforeAll(async () => {
    t = await startTestBot();
    t.sim.addChannel({
      id: 'C0GLOBEX',
      name: 'ext-globex',
      is_ext_shared: true,
      members: [t.sim.botUserId],
    });
    t.sim.addChannel({ id: 'C0TRIAGE', name: 'triage', members: [t.sim.botUserId] });
    const res = await t.api('POST', '/api/v1/accounts', { name: 'Globex', channels: ['C0GLOBEX'] });
    expect(res.status).toBe(201);
  });
  afterAll(() => t.stop());

  const channelDoc = () => t.db.collection('channels').findOne({ channelId: 'C0GLOBEX' });

  it('lists the workspace channels as ChannelResponse objects', async () => {
    const res = await t.api('GET', '/api/v1/channels');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({
      id: 'C0GLOBEX',
      name: 'ext-globex',
      channel_type: 'customer',
      status: 'active',
      is_active: true,
      is_default: false,
      auto_reply_enabled: false,
      business_hours_enabled: false,
      assignment_mode: 'manual',
      sla_enabled: false,
      total_conversations: 0,
      total_messages_sent: 0,
      total_messages_received: 0,
    });
    expect(res.body[0].config.business_hours.monday).toEqual({
      enabled: true,
      start: '09:00',
      end: '17:00',
    });
    expect(res.body[0].config.business_hours.sunday.enabled).toBe(false);
    expect(Date.parse(res.body[0].created_at)).not.toBeNaN();
  });

  it('updates business hours and assignment mode as channel-level settings', async () => {
    const res = await t.api('PUT', '/api/v1/channels/C0GLOBEX', {
      business_hours: {
        monday: { enabled: true, start: '08:00', end: '16:00' },
        tuesday: { enabled: true, start: '08:00', end: '16:00' },
        wednesday: null,
        saturday: { enabled: true, start: '10:00', end: '14:00' },
      },
      assignment_mode: 'first_responder',
      triage_channel_id: 'C0TRIAGE',
    });
    expect(res.status).toBe(200);
    expect(res.body.business_hours_enabled).toBe(true);
    expect(res.body.assignment_mode).toBe('first_responder');
    expect(res.body.config.triage_channel_id).toBe('C0TRIAGE');
    expect(res.body.config.business_hours.monday).toEqual({
      enabled: true,
      start: '08:00',
      end: '16:00',
    });
    expect(res.body.config.business_hours.wednesday.enabled).toBe(false);
    expect(res.body.config.business_hours.saturday).toEqual({
      enabled: true,
      start: '10:00',
      end: '14:00',
    });

    const settings = await t.api('GET', '/api/v1/channels/C0GLOBEX/settings');
    const hours = settings.body.data[0].features.requests.support.response_sla.workingHoursConfig;
    expect(hours.workingDays).toEqual([1, 2, 6]);
    expect(
      settings.body.data[0].features.requests.config.auto_assign_request_to_first_responder,
    ).toBe(true);
    expect((await channelDoc())?.triageChannelId).toBe('C0TRIAGE');
  });

  it('resets business hours to the inherited ones with null', async () => {
    const res = await t.api('PUT', '/api/v1/channels/C0GLOBEX', {
      business_hours: null,
      assignment_mode: null,
    });
    expect(res.status).toBe(200);
    expect(res.body.business_hours_enabled).toBe(false);
    expect(res.body.assignment_mode).toBe('manual');
    expect(res.body.config.business_hours.monday).toEqual({
      enabled: true,
      start: '09:00',
      end: '17:00',
    });
  });

  it.each([
    [
      'a bad time',
      { business_hours: { monday: { enabled: true, start: '25:00', end: '17:00' } } },
      ['body', 'business_hours', 'monday', 'start'],
    ],
    [
      'an unknown weekday',
      { business_hours: { funday: { enabled: true, start: '09:00', end: '17:00' } } },
      ['body', 'business_hours'],
    ],
    [
      'business hours with no open day',
      { business_hours: { sunday: { enabled: false, start: '09:00', end: '17:00' } } },
      ['body', 'business_hours'],
    ],
    ['empty business hours', { business_hours: {} }, ['body', 'business_hours']],
    ['an unknown assignment mode', { assignment_mode: 'lottery' }, ['body', 'assignment_mode']],
    ['an unknown field', { colour: 'red' }, ['body']],
    ['a bad channel id', { triage_channel_id: 'triage' }, ['body', 'triage_channel_id']],
  ])('refuses %s with a 422 and changes nothing', async (_name, body, loc) => {
    const before = await channelDoc();
    const res = await t.api('PUT', '/api/v1/channels/C0GLOBEX', body);
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(loc);
    expect(await channelDoc()).toEqual(before);
  });

  it('refuses business hours when the workspace locked working hours', async () => {
    await t.api('PATCH', '/api/v1/workspace/settings', {
      lock: ['requests.support.response_sla.workingHoursConfig'],
    });
    const before = await channelDoc();
    const res = await t.api('PUT', '/api/v1/channels/C0GLOBEX', {
      business_hours: { monday: { enabled: true, start: '07:00', end: '15:00' } },
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('setting_locked');
    expect(await channelDoc()).toEqual(before);
    await t.api('PATCH', '/api/v1/workspace/settings', {
      unlock: ['requests.support.response_sla.workingHoursConfig'],
    });
  });

  it('answers 404 for a channel the bot does not know', async () => {
    expect((await t.api('GET', '/api/v1/channels/C0UNKNOWN')).status).toBe(404);
    expect(
      (await t.api('PUT', '/api/v1/channels/C0UNKNOWN', { assignment_mode: 'csm' })).status,
    ).toBe(404);
  });
});
