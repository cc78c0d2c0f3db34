import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A running MongoDB-protocol server and how to stop it. */
export interface MongoEngine {
  uri: string;
  /** `external` (MONGODB_URI), `ferretdb` or `mongodb-memory-server`. */
  engine: 'external' | 'ferretdb' | 'mongodb-memory-server';
  description: string;
  stop(): Promise<void>;
}

export interface StartMongoOptions {
  /** Use this server as it is (MONGODB_URI). */
  uri?: string;
  /** Keep the data here across restarts; a fresh temporary folder when unset. */
  dataDir?: string;
  /** Listen on this port (0 or unset: a free one). */
  port?: number;
  /** Progress lines (e.g. "building FerretDB…"); silent when unset. */
  log?: (line: string) => void;
}

/** The embedded database listens here so `npm run cli` reaches the running bot's data. */
export const EMBEDDED_PORT = 27117;
/** The database name used when MONGODB_URI names none. */
export const DEFAULT_DATABASE = 'triage';

/** The folder with package.json above this module, from src/ under tsx and dist/src/ when built. */
const PROJECT_ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();
const FERRETDB_VERSION = 'v1.24.2';

/**
 * Starts (or adopts) a real MongoDB-protocol server, in DESIGN.md §8's order: `uri` when given;
 * else mongodb-memory-server when a `mongod` is at hand; else the project's FerretDB (built with
 * Go from `tools/ferretdb` when this version of it is not built yet); else mongodb-memory-server
 * downloading its `mongod`.
 */
export async function startMongo(options: StartMongoOptions = {}): Promise<MongoEngine> {
  const log = options.log ?? (() => {});
  if (options.uri) {
    return {
      uri: options.uri,
      engine: 'external',
      description: `MongoDB at ${redact(options.uri)}`,
      stop: async () => {},
    };
  }
  if (localMongodAvailable()) return startMemoryServer(options);
  const ferret = ferretDbBinary();
  if (existsSync(ferret) || commandExists('go')) {
    if (!existsSync(ferret)) buildFerretDb(ferret, log);
    return startFerretDb(ferret, options);
  }
  return startMemoryServer(options);
}

/**
 * Where this version of the project's FerretDB lives: Go's bin folder, under a name keyed to a
 * hash of everything the build reads (wrapper, module files, patches, build script). A binary
 * built from other sources, including stock FerretDB, is never run: it would lack the patches'
 * single-document atomicity.
 */
export function ferretDbBinary(): string {
  const folder = join(PROJECT_ROOT, 'tools', 'ferretdb');
  const hash = createHash('sha256');
  const inputs = ['build.sh', 'main.go', 'go.mod', 'go.sum'].map((file) => join(folder, file));
  const patches = join(folder, 'patches');
  for (const file of readdirSync(patches).sort()) inputs.push(join(patches, file));
  for (const file of inputs) hash.update(file.slice(folder.length)).update(readFileSync(file));
  return join(goPath(), 'bin', `ferretdb-triage-${hash.digest('hex').slice(0, 12)}`);
}

function goPath(): string {
  const result = commandExists('go')
    ? spawnSync('go', ['env', 'GOPATH'], { encoding: 'utf8' }).stdout.trim()
    : '';
  return result || join(homedir(), 'go');
}

function commandExists(command: string): boolean {
  return spawnSync(command, ['version'], { stdio: 'ignore' }).error === undefined;
}

/** Builds FerretDB 1.24.2 with the project's patches (`tools/ferretdb/build.sh`). */
function buildFerretDb(target: string, log: (line: string) => void): void {
  log(`building FerretDB ${FERRETDB_VERSION} with the project's patches into ${target}…`);
  const result = spawnSync('bash', [join(PROJECT_ROOT, 'tools', 'ferretdb', 'build.sh'), target], {
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`the build of FerretDB failed: ${result.stderr || result.error?.message}`);
  }
}

async function startFerretDb(binary: string, options: StartMongoOptions): Promise<MongoEngine> {
  const temporary = !options.dataDir;
  const dataDir = options.dataDir
    ? resolve(options.dataDir, 'ferretdb')
    : mkdtempSync(join(tmpdir(), 'ferretdb-'));
  mkdirSync(dataDir, { recursive: true });
  const port = options.port || (await freePort());
  const child = spawn(
    binary,
    [
      `--listen-addr=127.0.0.1:${port}`,
      '--handler=sqlite',
      `--sqlite-url=file:${dataDir}/`,
      `--state-dir=${dataDir}`,
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=error',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  try {
    await waitForPort(port, child, () => stderr);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    engine: 'ferretdb',
    description: `FerretDB ${FERRETDB_VERSION} (SQLite, with the project's patches) from ${binary} on port ${port}`,
    stop: async () => {
      await stopChild(child);
      if (temporary) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function localMongodAvailable(): boolean {
  if (commandExists('mongod')) return true;
  const cache = join(homedir(), '.cache', 'mongodb-binaries');
  return existsSync(cache) && readdirSync(cache).some((file) => file.startsWith('mongod'));
}

async function startMemoryServer(options: StartMongoOptions): Promise<MongoEngine> {
  const { MongoMemoryServer } = await import('mongodb-memory-server');
  const server = await MongoMemoryServer.create({
    instance: {
      port: options.port || undefined,
      dbPath: dbPath(options.dataDir),
    },
  });
  const version = server.opts.binary?.version ?? 'default';
  return {
    uri: server.getUri(),
    engine: 'mongodb-memory-server',
    description: `mongodb-memory-server (mongod ${version})`,
    stop: async () => {
      await server.stop();
    },
  };
}

function dbPath(dataDir: string | undefined): string | undefined {
  if (!dataDir) return undefined;
  const path = resolve(dataDir, 'mongod');
  mkdirSync(path, { recursive: true });
  return path;
}

/** Asks the OS for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Resolves once something accepts TCP connections on the port. */
export async function portOpen(port: number): Promise<boolean> {
  return new Promise((resolveOpen) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolveOpen(true);
    });
    socket.once('error', () => resolveOpen(false));
  });
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`exited with ${child.exitCode ?? child.signalCode}: ${firstLine(stderr())}`);
    }
    if (await portOpen(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`did not listen on port ${port} within 30 s`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}
