import { catchUpOverdue } from '../../../jobs/catch-up.js';
import { VirtualClock } from '../../support/clock.js';
import type { TestBot } from '../../support/bot.js';
import { CHANNEL, CUSTOMER, customerWorld, requestOf } from '../requests/world.js';

describe('catching up SLA deadlines whose job was lost', () => {
  let t: TestBot;
  const clock = new VirtualClock('2026-03-04T10:00:00Z');
  beforeAll(async () => {
    t = await customerWorld(
      { requests: { support: { response_sla: { isEnabled: true, sla: 30 } } } },
      { clock },
    );
  });
  afterAll(() => t.stop());

  it('records the breach once even when the pending job disappeared (a process killed mid-run)', async () => {
    const { message } = await t.driver.customerSays(CHANNEL, CUSTOMER, 'Nobody answered yet');
    // A crash while Agenda ran the job: its document no longer has a next run.
    await t.db.collection('agendaJobs').deleteMany({ name: 'response-sla' });
    clock.advanceMinutes(31);
    expect(await t.runDue()).toBe(0);
    expect(await catchUpOverdue(t.bot.deps)).toBe(1);
    expect(await catchUpOverdue(t.bot.deps)).toBe(0);
    expect((await requestOf(t, message.ts))?.sla.responseBreachedAt).toBeInstanceOf(Date);
  });
});
