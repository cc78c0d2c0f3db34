import dns2 from 'dns2';

/** A zone's records by lower-case name: MX as `{ priority, exchange }`, TXT/CNAME/A as text. */
export interface Zone {
  MX?: Record<string, { priority: number; exchange: string }[]>;
  TXT?: Record<string, string[]>;
  CNAME?: Record<string, string>;
  A?: Record<string, string[]>;
}

/**
 * A small authoritative DNS server on loopback (the `dns2` package), answering from `zone`, which
 * a test may change between checks; a name it does not hold gets NXDOMAIN. Point the bot at it
 * with `DNS_SERVER=<server>`.
 */
export class DnsServer {
  zone: Zone = {};
  private constructor(
    private readonly server: ReturnType<typeof dns2.createServer>,
    readonly address: string,
  ) {}

  static async start(zone: Zone = {}): Promise<DnsServer> {
    // eslint-disable-next-line prefer-const -- assigned once the server it closes over listens
    let self: DnsServer | undefined;
    const { Packet } = dns2;
    const server = dns2.createServer({
      udp: true,
      handle: (request, send) => {
        const response = Packet.createResponseFromRequest(request);
        const zoneNow = self?.zone ?? zone;
        // dns2's typings want its Resource class; its encoder reads these plain fields.
        const answer = (record: Record<string, unknown>) => response.answers.push(record as never);
        for (const question of request.questions) {
          const name = question.name.toLowerCase();
          const base = { name: question.name, class: Packet.CLASS.IN, ttl: 60 };
          const known = Object.values(zoneNow).some((records) => name in (records ?? {}));
          if (!known) response.header.rcode = Packet.RCODE.NXDOMAIN;
          if (question.type === Packet.TYPE.MX) {
            for (const mx of zoneNow.MX?.[name] ?? []) {
              answer({ ...base, type: Packet.TYPE.MX, ...mx });
            }
          } else if (question.type === Packet.TYPE.TXT) {
            for (const data of zoneNow.TXT?.[name] ?? []) {
              answer({ ...base, type: Packet.TYPE.TXT, data });
            }
          } else if (question.type === Packet.TYPE.CNAME && zoneNow.CNAME?.[name]) {
            answer({ ...base, type: Packet.TYPE.CNAME, domain: zoneNow.CNAME[name] });
          } else if (question.type === Packet.TYPE.A) {
            for (const address of zoneNow.A?.[name] ?? []) {
              answer({ ...base, type: Packet.TYPE.A, address });
            }
          }
        }
        void send(response);
      },
    });
    const addresses = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
    self = new DnsServer(server, `127.0.0.1:${addresses.udp?.port}`);
    self.zone = zone;
    return self;
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
