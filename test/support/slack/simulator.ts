import { FaultBook } from './faults.js';
import { SimServer } from './server.js';
import { SlackState, type ChannelSeed, type UserSeed } from './state.js';
import type {
  CallRecord,
  Fault,
  FaultOptions,
  ResponseContext,
  ResponseRecord,
  SimChannel,
  SimEphemeral,
  SimMessage,
  SimBlock,
  SimReaction,
  SimTeam,
  SimUser,
  SimView,
} from './types.js';
import { deleteAsUser, editAsUser, postAsBot, postAsUser, react } from './user-actions.js';
import { waitFor, type WaitOptions } from './wait.js';

export interface SimulatorOptions {
  teamId?: string;
  botUserId?: string;
  botId?: string;
  botToken?: string;
  appId?: string;
  /** Clock for message ts and call times, in epoch milliseconds (default `Date.now`). */
  now?: () => number;
}

/**
 * A local Slack: a Web API server (`url`, for `new WebClient(token, { slackApiUrl })`)
 * over an in-memory workspace that tests seed and then read back, to assert on what
 * people would see. Faults (`fail`) make calls rate-limited, failing or hanging.
 *
 * @example
 * const sim = await SlackSimulator.start();
 * sim.addUser({ id: 'U1', name: 'ann' });
 * sim.addChannel({ id: 'C1', name: 'ext-acme', members: ['U1', sim.botUserId] });
 * const client = new WebClient(sim.botToken, { slackApiUrl: sim.url });
 * await client.chat.postMessage({ channel: 'C1', text: 'hi' });
 * expect(sim.messages('C1').map((m) => m.text)).toEqual(['hi']);
 */
export class SlackSimulator {
  private constructor(
    /** The live state, for assertions the accessors below do not cover. */
    readonly state: SlackState,
    private readonly server: SimServer,
    private readonly faults: FaultBook,
  ) {}

  /** Starts a simulator on 127.0.0.1 and a free port, with a team and the bot user. */
  static async start(opts: SimulatorOptions = {}): Promise<SlackSimulator> {
    const state = new SlackState({
      teamId: opts.teamId ?? 'T0SIM',
      botUserId: opts.botUserId ?? 'U0BOT',
      botId: opts.botId ?? 'B0BOT',
      botToken: opts.botToken ?? 'xoxb-simulated-token',
      appId: opts.appId ?? 'A0SIM',
      now: opts.now ?? Date.now,
    });
    const faults = new FaultBook();
    return new SlackSimulator(state, await SimServer.listen(state, faults), faults);
  }

  /** Base URL of the Web API, ending in `/api/`. */
  get url(): string {
    return `${this.server.origin}/api/`;
  }

  /** `http://127.0.0.1:PORT`. */
  get origin(): string {
    return this.server.origin;
  }

  get teamId(): string {
    return this.state.opts.teamId;
  }
  get botUserId(): string {
    return this.state.opts.botUserId;
  }
  get botId(): string {
    return this.state.opts.botId;
  }
  get botToken(): string {
    return this.state.opts.botToken;
  }
  get appId(): string {
    return this.state.opts.appId;
  }

  /** Stops the server; hung calls are cut off. */
  async close(): Promise<void> {
    await this.server.close();
  }

  // --- seeding -------------------------------------------------------------------------

  /** Adds a team, e.g. a Slack Connect customer's workspace. */
  addTeam(seed: Partial<SimTeam> & { id: string }): SimTeam {
    return this.state.addTeam(seed);
  }

  /** Adds a person (team defaults to the workspace; a new `team_id` adds that team). */
  addUser(seed: UserSeed): SimUser {
    return structuredClone(this.state.addUser(seed));
  }

  /** Adds a conversation; `members` may include `botUserId`. Id defaults to `C…`/`G…`. */
  addChannel(seed: ChannelSeed): SimChannel {
    return structuredClone(this.state.addChannel(seed));
  }

  joinChannel(channel: string, user: string): void {
    this.state.channel(channel).members.add(user);
  }

  leaveChannel(channel: string, user: string): void {
    this.state.channel(channel).members.delete(user);
  }

  archiveChannel(channel: string): void {
    this.state.channel(channel).is_archived = true;
  }

  /** Renames, keeping the old name in `previous_names` as Slack does. */
  renameChannel(channel: string, name: string): SimChannel {
    const c = this.state.channel(channel);
    c.previous_names.unshift(c.name);
    c.name = name;
    return structuredClone(c);
  }

  /** A person posts (state only: send the event with `SlackDriver`). */
  postAsUser(
    channel: string,
    user: string,
    text: string,
    opts: { thread_ts?: string; reply_broadcast?: boolean } = {},
  ): SimMessage {
    return structuredClone(postAsUser(this.state, channel, user, text, opts));
  }

  /** A message the app posted earlier (state only), e.g. a triage card to click on. */
  postAsBot(
    channel: string,
    text: string,
    opts: { blocks?: SimBlock[]; thread_ts?: string; metadata?: SimMessage['metadata'] } = {},
  ): SimMessage {
    return structuredClone(postAsBot(this.state, channel, text, opts));
  }

  /** A person edits their message; returns the message before and after. */
  editAsUser(
    channel: string,
    ts: string,
    text: string,
  ): { previous: SimMessage; message: SimMessage } {
    return structuredClone(editAsUser(this.state, channel, ts, text));
  }

  /** A person deletes a message; returns it as it was. */
  deleteAsUser(channel: string, ts: string): SimMessage {
    return deleteAsUser(this.state, channel, ts);
  }

  /** A person adds (or, with `add: false`, removes) a reaction. */
  react(channel: string, ts: string, user: string, name: string, add = true): SimMessage {
    return structuredClone(react(this.state, channel, ts, user, name, add));
  }

  /** A trigger id the app may exchange once for `views.open` (drivers call this). */
  issueTriggerId(user: string): string {
    return this.state.issueTrigger(user);
  }

  /** A response URL; what is posted to it lands per `context` and in `responses()`. */
  responseUrl(context: ResponseContext): string {
    return `${this.origin}/response/${this.state.issueResponseUrl(context)}`;
  }

  // --- reading -------------------------------------------------------------------------

  user(id: string): SimUser | undefined {
    const user = this.state.users.get(id);
    return user === undefined ? undefined : structuredClone(user);
  }

  channel(id: string): SimChannel | undefined {
    const channel = this.state.channels.get(id);
    return channel === undefined ? undefined : structuredClone(channel);
  }

  /** What the channel shows: top-level messages and broadcast replies, oldest first. */
  messages(channel: string, opts: { includeDeleted?: boolean } = {}): SimMessage[] {
    return structuredClone(this.state.channelMessages(channel, opts.includeDeleted));
  }

  /** One message (top-level or reply), unless deleted. */
  message(channel: string, ts: string): SimMessage | undefined {
    const message = this.state.findMessage(channel, ts);
    return message === undefined ? undefined : structuredClone(message);
  }

  /** The thread's parent followed by its replies, oldest first (`ts` may be a reply's). */
  thread(channel: string, ts: string): SimMessage[] {
    return structuredClone(this.state.threadOf(channel, ts));
  }

  /** The bot's direct-message conversation with `user`, if it has one. */
  imWith(user: string): SimChannel | undefined {
    const im = [...this.state.channels.values()].find((c) => c.is_im && c.user === user);
    return im === undefined ? undefined : structuredClone(im);
  }

  /** Ephemeral messages shown, optionally only in `channel` and/or to `user`. */
  ephemerals(channel?: string, user?: string): SimEphemeral[] {
    return structuredClone(
      this.state.ephemerals.filter(
        (e) =>
          (channel === undefined || e.channel === channel) &&
          (user === undefined || e.user === user),
      ),
    );
  }

  reactionsOn(channel: string, ts: string): SimReaction[] {
    return structuredClone(this.state.findMessage(channel, ts)?.reactions ?? []);
  }

  /** The App Home view last published for `user`. */
  homeView(user: string): SimView | undefined {
    const view = this.state.views.get(this.state.homeViewIds.get(user) ?? '');
    return view === undefined ? undefined : structuredClone(view);
  }

  /** Modals opened or pushed, in order, each as last updated. */
  openedViews(): SimView[] {
    return structuredClone([...this.state.views.values()].filter((v) => v.type === 'modal'));
  }

  view(id: string): SimView | undefined {
    const view = this.state.views.get(id);
    return view === undefined ? undefined : structuredClone(view);
  }

  /** Web API calls received (every attempt, faulted ones included), optionally of one method. */
  calls(method?: string): CallRecord[] {
    return this.state.calls.filter((c) => method === undefined || c.method === method);
  }

  /** Posts received on response URLs, in order. */
  responses(): ResponseRecord[] {
    return [...this.state.responses];
  }

  /** Forgets the call and response logs (state stays), e.g. between the steps of a story. */
  clearCalls(): void {
    this.state.calls.length = 0;
    this.state.responses.length = 0;
  }

  // --- faults --------------------------------------------------------------------------

  /**
   * The next `times` (default 1) calls of `method` (`'*'`: any Web API method;
   * `'response_url'`: response URL posts) matching `when` get `fault` and change nothing.
   */
  fail(method: string, fault: Fault, opts: FaultOptions = {}): void {
    this.faults.add(method, fault, opts);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  // --- waiting -------------------------------------------------------------------------

  /** Polls `probe` until it yields a value (see `waitFor`). */
  async waitFor<T>(probe: () => T | undefined | false, opts: WaitOptions = {}): Promise<T> {
    return waitFor(probe, opts);
  }

  /** Waits for the `count`-th answered call of `method` (matching `when`) and returns it. */
  async waitForCall(
    method: string,
    opts: { when?: (call: CallRecord) => boolean; count?: number; timeoutMs?: number } = {},
  ): Promise<CallRecord> {
    const count = opts.count ?? 1;
    return waitFor(
      () =>
        this.calls(method).filter((c) => c.status !== undefined && (opts.when?.(c) ?? true))[
          count - 1
        ],
      { timeoutMs: opts.timeoutMs, what: `call #${count} of ${method}` },
    );
  }
}
