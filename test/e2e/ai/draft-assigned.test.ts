import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ACTIONS } from '../../../src/constants.js';
import { findElement } from '../../support/slack/interactions.js';
import { AGENT, CHANNEL, CSM, requestOf, TRIAGE } from '../requests/world.js';
import { aiWorld, type AiWorld } from './world.js';
import { cardThread, DRAFT, opened, replies, stored } from './drafts.js';

describe('drafted replies to an assigned request: the assignee’s ephemeral', () => {
  let w: AiWorld;
  beforeAll(async () => {
    w = await aiWorld({
      requests: { config: { ai_assist_auto_responder: true, auto_assign_to_csm: true } },
    });
  });
  afterAll(() => w.stop());
  beforeEach(() => {
    w.stub.reset();
    w.stub.on('draft-reply', { json: { reply: DRAFT } });
  });

  it('shows the draft to the assignee only, in the customer’s thread when they are not in triage; Send posts it', async () => {
    const { t } = w;
    const message = await opened(t, 'U0DRAFTA1', 'Dashboard will not load');
    expect((await requestOf(t, message.ts))?.assigneeId).toBe(CSM);

    const shown = t.sim.ephemerals(CHANNEL, CSM).filter((e) => e.text.includes(DRAFT));
    expect(shown).toHaveLength(1);
    expect(shown[0]?.thread_ts).toBe(message.ts);
    expect(await cardThread(t, message.ts)).toEqual([]); // not for every agent
    const value = findElement(shown[0]?.blocks as never, ACTIONS.draftSend)?.element.value;

    await t.driver.action({
      user: CSM,
      action_id: ACTIONS.draftSend,
      channel: CHANNEL,
      message_ts: shown[0]!.ts,
      is_ephemeral: true,
      value: value as string,
    });
    await t.sim.waitFor(() => replies(t, message.ts).length > 0, { what: 'the posted draft' });
    await t.sim.waitFor(
      () => t.sim.ephemerals(CHANNEL, CSM).some((e) => e.text.includes('sent by <@U0CSM>')),
      { what: 'the ephemeral turned into “sent”' },
    );
    const buttons = t.sim
      .ephemerals(CHANNEL, CSM)
      .filter((e) => findElement(e.blocks as never, ACTIONS.draftSend));
    expect(buttons).toEqual([]); // the draft was replaced, not answered beside
    expect(replies(t, message.ts).map((m) => [m.text, m.username])).toEqual([[DRAFT, 'Cass']]);
    const messages = await stored(t, message.ts);
    expect(messages.map((m) => [m.kind, m.text, m.userId])).toEqual([['outgoing', DRAFT, CSM]]);
  });

  it('shows it in the card’s thread, still to the assignee only, when they are in triage', async () => {
    const { t } = w;
    t.sim.joinChannel(TRIAGE, CSM);
    const message = await opened(t, 'U0DRAFTA2', 'Invoices missing');
    const request = await requestOf(t, message.ts);
    const shown = t.sim.ephemerals(TRIAGE, CSM).filter((e) => e.text.includes(DRAFT));
    expect(shown.map((e) => e.thread_ts)).toEqual([request?.triage.ts]);
    expect(t.sim.ephemerals(TRIAGE, AGENT).filter((e) => e.text.includes(DRAFT))).toEqual([]);
    expect(await cardThread(t, message.ts)).toEqual([]);
  });
});
