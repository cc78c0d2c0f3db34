import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadRequest, LoadResult } from './load.js';

export interface SimInfo {
  url: string;
  teamId: string;
  appId: string;
  botToken: string;
  botUserId: string;
  botId: string;
}
export interface SeedRequest {
  channels: number;
  customersPerChannel: number;
  agents: number;
}
export interface SeedResult {
  channels: string[];
  customers: Record<string, string[]>;
  triage: string;
}
/** Card latencies (ms) of the last load's messages; `missing`: messages without a card. */
export interface CardResult {
  latencies: number[];
  missing: number;
}

export type Command =
  | { cmd: 'seed'; args: SeedRequest }
  | { cmd: 'load'; args: LoadRequest }
  | { cmd: 'cards'; args: { triage: string; label: string } }
  | { cmd: 'stop'; args?: undefined };

interface Results {
  seed: SeedResult;
  load: LoadResult;
  cards: CardResult;
  stop: null;
}

type Answer = { id: number; result?: unknown; error?: string };
type Reply = Answer | { ready: SimInfo };

/** The parent's handle on the Slack-side process (simulator + load generator). */
export class SlackSide {
  private next = 0;
  private readonly waiting = new Map<number, (reply: Answer) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly info: SimInfo,
  ) {
    child.on('message', (reply: Reply) => {
      if ('id' in reply) this.waiting.get(reply.id)?.(reply);
    });
  }

  static async start(): Promise<SlackSide> {
    const child = fork(fileURLToPath(new URL('./slack-side.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const info = await new Promise<SimInfo>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`slack side exited with ${code}`)));
      child.on('message', (reply: Reply) => {
        if ('ready' in reply) resolve(reply.ready);
      });
    });
    child.removeAllListeners('exit');
    return new SlackSide(child, info);
  }

  call<C extends Command>(command: C): Promise<Results[C['cmd']]> {
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (reply) => {
        this.waiting.delete(id);
        if (reply.error) reject(new Error(`slack side: ${reply.error}`));
        else resolve(reply.result as Results[C['cmd']]);
      });
      this.child.send({ ...command, id });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.call({ cmd: 'stop' }).catch(() => this.child.kill());
    await exited;
  }
}
