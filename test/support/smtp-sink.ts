import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A local SMTP server standing for the relay (`SMTP_RELAY_URL`): Nodemailer's `smtp-server`
 * keeping every message it takes, parsed by `mailparser`. `refuseNext(n)` answers the next `n`
 * messages with a temporary failure, as a relay under load does.
 */
export class SmtpSink {
  readonly received: ParsedMail[] = [];
  /** `user:password` of each login (AUTH is optional, and taken over plain text here). */
  readonly logins: string[] = [];
  private refusals = 0;
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(): Promise<SmtpSink> {
    // eslint-disable-next-line prefer-const -- assigned once the server it closes over listens
    let sink: SmtpSink | undefined;
    const server = new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      onAuth(auth, _session, callback) {
        sink?.logins.push(`${auth.username}:${auth.password}`);
        callback(null, { user: auth.username });
      },
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream).then((mail) => {
          if (sink && sink.refusals > 0) {
            sink.refusals -= 1;
            callback(Object.assign(new Error('4.3.2 Try again later'), { responseCode: 451 }));
            sink.wake();
            return;
          }
          sink?.received.push(mail);
          callback();
          sink?.wake();
        }, callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    sink = new SmtpSink(server, (server.server.address() as AddressInfo).port);
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  refuseNext(count: number): void {
    this.refusals = count;
  }

  /** Refusals still to give. */
  get refusalsLeft(): number {
    return this.refusals;
  }

  /** Waits (up to `timeoutMs`) until `check` holds after a message arrived or was refused. */
  async waitFor<T>(check: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
    const deadline = performance.now() + timeoutMs; // not Date: a VirtualClock drives it
    for (;;) {
      const value = check();
      if (value) return value;
      const left = deadline - performance.now();
      if (left <= 0) throw new Error('smtp sink: timed out waiting');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private wake() {
    const waiting = this.waiters;
    this.waiters = [];
    for (const resolve of waiting) resolve();
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
