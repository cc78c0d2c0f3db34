import { accountPlan, type AccountChannelCheck } from '../../../src/accounts/account.js';
import type { SlackChannelInfo } from '../../../src/channels/channel.js';

const info = (id: string): SlackChannelInfo => ({
  id,
  name: id.toLowerCase(),
  is_private: false,
  is_ext_shared: true,
  is_archived: false,
  is_member: true,
});

describe('accountPlan', () => {
  it('links every channel Slack knows and no account owns', () => {
    const checks: AccountChannelCheck[] = [
      { channelId: 'C1', index: 0, info: info('C1') },
      { channelId: 'C2', index: 1, info: info('C2') },
    ];
    expect(accountPlan('T1', undefined, checks)).toEqual({
      ok: true,
      channels: [info('C1'), info('C2')],
    });
  });

  it('reports every problem together, each at its place in the body', () => {
    const plan = accountPlan('T1', { name: 'Acme' }, [
      { channelId: 'C1', index: 0, ownerTeamId: 'T1' },
      { channelId: 'C2', index: 1, info: info('C2') },
      { channelId: 'C9', index: 2 },
    ]);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.error.code).toBe('invalid_input');
    expect(plan.error.detail).toEqual([
      { loc: ['body', 'name'], msg: 'an account named "Acme" exists', type: 'duplicate' },
      {
        loc: ['body', 'channels', 0],
        msg: 'channel C1 already belongs to an account',
        type: 'duplicate',
      },
      {
        loc: ['body', 'channels', 2],
        msg: 'Slack has no channel C9 (or it is private and the bot is not in it)',
        type: 'channel_not_found',
      },
    ]);
  });

  it("refuses another workspace's channel outright", () => {
    const plan = accountPlan('T1', { name: 'Acme' }, [
      { channelId: 'C1', index: 0, ownerTeamId: 'T1' },
      { channelId: 'C2', index: 1, ownerTeamId: 'T2' },
    ]);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect([plan.error.code, plan.error.message]).toEqual([
      'forbidden_workspace',
      'channel C2 belongs to another workspace',
    ]);
  });
});
