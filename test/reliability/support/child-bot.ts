import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const MAIN = join(ROOT, 'src', 'main.ts');
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** `src/main.ts` running in a process of its own, as `npm start` runs it (through tsx). */
export interface ChildBot {
  url: string;
  pid: number;
  /** SIGKILL: no shutdown handler runs, nothing is flushed or unlocked. */
  kill(): Promise<void>;
  /** SIGTERM: the bot's own graceful shutdown. */
  stop(): Promise<void>;
}

/**
 * Starts the bot process with exactly `env` (plus PATH and HOME) in an empty working folder, so
 * no `.env` file is read, and waits until `/healthz` answers 200.
 */
export async function startChildBot(env: Record<string, string>): Promise<ChildBot> {
  const cwd = mkdtempSync(join(tmpdir(), 'child-bot-'));
  const child = spawn(process.execPath, ['--import', TSX, MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${env.PORT}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      rmSync(cwd, { recursive: true, force: true });
      throw new Error(`bot exited with ${child.exitCode ?? child.signalCode}: ${stderr}`);
    }
    const ok = await fetch(`${url}/healthz`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`bot did not become healthy within 60 s: ${stderr}`);
    }
    await sleep(100);
  }
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
    rmSync(cwd, { recursive: true, force: true });
  };
  return {
    url,
    pid: child.pid as number,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}
