import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a database server that can stop answering without closing anything,
 * as a server that hangs (a stopped process, a full disk, a lost network path) looks to a client:
 * `stall()` stops moving bytes either way on every connection, and new connections are accepted
 * but get no answer; `resume()` delivers whatever was held, in order, including a write the
 * client has given up on.
 */
export class StallingProxy {
  private stalled = false;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<StallingProxy> {
    const server = createServer();
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
    const proxy = new StallingProxy(server, port);
    server.on('connection', (client) => proxy.pipe(client, connect(target)));
    return proxy;
  }

  /** `uri` (a MongoDB URI) with its host and port replaced by the proxy's. */
  uriFor(uri: string): string {
    const url = new URL(uri);
    url.host = `127.0.0.1:${this.port}`;
    return url.toString();
  }

  stall(): void {
    this.stalled = true;
    for (const socket of this.sockets) socket.pause();
  }

  resume(): void {
    this.stalled = false;
    for (const socket of this.sockets) socket.resume();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private pipe(client: Socket, upstream: Socket): void {
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.sockets.add(from);
      // Manual forwarding (not `pipe`): a piped stream resumes itself when its destination drains.
      from.on('data', (chunk) => to.write(chunk));
      from.on('end', () => to.end());
      from.on('error', () => to.destroy());
      from.on('close', (hadError) => {
        this.sockets.delete(from);
        if (hadError) to.destroy();
      });
      if (this.stalled) from.pause();
    }
  }
}
