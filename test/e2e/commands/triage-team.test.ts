import { startTestBot, type TestBot } from '../../support/bot.js';
import { ADMIN, AGENT, CUSTOMER, MEMBER, seedWorkspace, triage } from './support.js';

const TRIAGE = 'C0TRIAGE';

describe('/triage away, back and team', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    seedWorkspace(t);
  });
  afterAll(() => t.stop());

  const agents = () => t.db.collection('agents').find({}).sort({ userId: 1 }).toArray();
  const teams = () => t.db.collection('teams').find({}).sort({ name: 1 }).toArray();
  const mention = (id: string) => `<@${id}|${id.toLowerCase()}>`;

  it('lets an agent go away and come back, stored as their availability', async () => {
    const away = await triage(t, AGENT, TRIAGE, 'away');
    expect(away.text).toContain('You are *offline*');
    expect((await agents()).map((a) => [a.userId, a.role, a.availability])).toEqual([
      [AGENT, 'agent', 'offline'],
    ]);
    const back = await triage(t, AGENT, TRIAGE, 'back');
    expect(back.text).toContain('You are *online*');
    expect((await agents())[0]?.availability).toBe('online');
  });

  it('refuses a customer going away, and a word after away, writing nothing', async () => {
    const before = await agents();
    expect((await triage(t, CUSTOMER, 'C0ACME', 'away')).text).toContain(
      'Availability is for the support team',
    );
    expect((await triage(t, AGENT, TRIAGE, 'away now')).text).toContain('Unexpected "now"');
    expect(await agents()).toEqual(before);
  });

  it('lets an admin create a team and add and remove people; anyone lists them', async () => {
    expect((await triage(t, MEMBER, TRIAGE, 'team')).text).toContain('no teams yet');
    const created = await triage(t, ADMIN, TRIAGE, 'team create Billing EU');
    expect(created.text).toContain('Created the team *Billing EU*');
    const added = await triage(
      t,
      ADMIN,
      TRIAGE,
      `team add billing eu ${mention(AGENT)} ${mention(MEMBER)}`,
    );
    expect(added.text).toContain(`*Billing EU* now has <@${AGENT}>, <@${MEMBER}>`);
    expect((await teams()).map((x) => [x.name, x.memberIds])).toEqual([
      ['Billing EU', [AGENT, MEMBER]],
    ]);
    // Adding made MEMBER an agent, online.
    expect((await agents()).map((a) => [a.userId, a.availability])).toEqual([
      [AGENT, 'online'],
      [MEMBER, 'online'],
    ]);
    await triage(t, AGENT, TRIAGE, 'away');
    const listed = await triage(t, MEMBER, TRIAGE, 'team');
    expect(listed.text).toContain(
      `*Billing EU*: :white_circle: <@${AGENT}> (offline), :large_green_circle: <@${MEMBER}> (online)`,
    );
    const removed = await triage(t, ADMIN, TRIAGE, `team remove Billing EU ${mention(MEMBER)}`);
    expect(removed.text).toContain(`*Billing EU* now has <@${AGENT}>.`);
    expect((await teams())[0]?.memberIds).toEqual([AGENT]);
  });

  it.each([
    [MEMBER, 'team create Sales', 'Only workspace admins can create teams'],
    [MEMBER, `team add Billing EU ${'<@U0AGENT|agnes>'}`, 'Only workspace admins can change teams'],
    [ADMIN, 'team create', 'Say which team'],
    [ADMIN, 'team create billing eu', 'used by another team'],
    [ADMIN, 'team add Billing EU', 'Name the people'],
    [ADMIN, 'team add Nope <@U0AGENT|agnes>', 'There is no team called "Nope"'],
    [ADMIN, `team add Billing EU <@${CUSTOMER}|carl>`, `<@${CUSTOMER}> cannot join a team`],
  ])(
    'refuses %s running `/triage %s` with what is wrong, writing nothing',
    async (user, text, says) => {
      const before = [await agents(), await teams()];
      expect((await triage(t, user, TRIAGE, text)).text).toContain(says);
      expect([await agents(), await teams()]).toEqual(before);
    },
  );
});
