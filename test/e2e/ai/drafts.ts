import type { TestBot } from '../../support/bot.js';
import { CHANNEL, newCustomer, requestOf, TRIAGE } from '../requests/world.js';

/** What the stub drafts unless a test says otherwise. */
export const DRAFT = 'Sorry about that! We are looking at the CSV export now.';

/** A new request by a new customer, once every hook of its opening has run. */
export async function opened(t: TestBot, customer: string, text: string, eventId?: string) {
  const options = eventId ? { event: { eventId } } : {};
  const { message } = await t.driver.customerSays(CHANNEL, newCustomer(t, customer), text, options);
  await t.bot.inbox.idle();
  return message;
}

/** The bot's messages in the thread of the request's triage card. */
export async function cardThread(t: TestBot, rootTs: string) {
  const request = await requestOf(t, rootTs);
  const cardTs = request?.triage.ts as string;
  return t.sim.thread(TRIAGE, cardTs).filter((m) => m.ts !== cardTs);
}

/** The customer thread's replies posted under a person's name (not the bot's status notices). */
export const replies = (t: TestBot, rootTs: string) =>
  t.sim.thread(CHANNEL, rootTs).filter((m) => m.ts !== rootTs && m.username !== undefined);

/** The request's stored messages. */
export async function stored(t: TestBot, rootTs: string) {
  const request = await requestOf(t, rootTs);
  return t.db.collection('messages').find({ requestId: request?._id }).toArray();
}
