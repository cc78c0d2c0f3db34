import { ACTIONS } from '../../../src/constants.js';
import { startTestBot, type TestBot } from '../../support/bot.js';

const AGENT = 'U0AGENT';
const MEMBER = 'U0MEMBER';

/** The viewer's Home as shown: its blocks' JSON and the availability buttons. */
function home(t: TestBot, user: string) {
  const view = t.sim.homeView(user);
  const blocks = (view?.view.blocks ?? []) as {
    block_id?: string;
    text?: { text?: string };
    elements?: { action_id?: string; style?: string; text?: { text?: string } }[];
  }[];
  const buttons = blocks.find((b) => b.block_id === 'home_availability')?.elements ?? [];
  return {
    id: view?.id as string,
    text: JSON.stringify(blocks),
    buttons: buttons.map((b) => [b.text?.text, b.style ?? '']),
  };
}

describe('App Home: an agent sets their availability', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    t.sim.addUser({ id: AGENT, name: 'agnes' });
    t.sim.addUser({ id: MEMBER, name: 'max' });
    const res = await t.api('PATCH', `/api/v1/agents/${AGENT}`, { role: 'agent' });
    if (res.status !== 200) throw new Error(res.text);
  });
  afterAll(() => t.stop());

  const stored = async (user: string) =>
    (await t.db.collection('agents').findOne({ userId: user }))?.availability;

  it('shows an agent their availability with Online / Busy / Offline, the current one highlighted', async () => {
    await t.driver.appHomeOpened(AGENT);
    const view = home(t, AGENT);
    expect(view.text).toContain(':large_green_circle: You are *Online*');
    expect(view.buttons).toEqual([
      ['Online', 'primary'],
      ['Busy', ''],
      ['Offline', ''],
    ]);
  });

  it('stores the availability clicked and shows it', async () => {
    const before = home(t, AGENT);
    const busy = await t.driver.action({
      user: AGENT,
      action_id: `${ACTIONS.homeAvailability}busy`,
      view_id: before.id,
    });
    expect(busy.status).toBe(200);
    expect(await stored(AGENT)).toBe('busy');
    const after = home(t, AGENT);
    expect(after.text).toContain(':red_circle: You are *Busy*');
    expect(after.buttons).toEqual([
      ['Online', ''],
      ['Busy', 'primary'],
      ['Offline', ''],
    ]);
    await t.driver.action({
      user: AGENT,
      action_id: `${ACTIONS.homeAvailability}offline`,
      view_id: after.id,
    });
    expect(await stored(AGENT)).toBe('offline');
    expect(home(t, AGENT).text).toContain('You are *Offline*');
    // The API says the same.
    const agents = await t.api('GET', '/api/v1/agents');
    expect(agents.body).toEqual([
      expect.objectContaining({ id: AGENT, availability_status: 'offline' }),
    ]);
  });

  it('shows no availability to someone who is not an agent', async () => {
    await t.driver.appHomeOpened(MEMBER);
    const view = home(t, MEMBER);
    expect(view.text).toContain('Assigned to you');
    expect(view.buttons).toEqual([]);
    expect(await stored(MEMBER)).toBeUndefined();
  });
});
