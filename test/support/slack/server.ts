import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import type { FaultBook } from './faults.js';
import { methods } from './methods/index.js';
import { SlackApiError, decodeParams } from './params.js';
import { applyResponse } from './responses.js';
import type { SlackState } from './state.js';
import type { CallRecord, Fault, Params } from './types.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The simulator's HTTP face: `/api/<method>` for the Web API (POST form or JSON bodies,
 * or GET with a query, as Slack accepts) and `/response/<id>` for response URLs.
 */
export class SimServer {
  /** Requests held open by a `hang` fault; ended when the server closes. */
  private readonly hung = new Set<ServerResponse>();

  private readonly server: Server = createServer((req, res) => {
    this.handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        send(res, 500, { ok: false, error: 'simulator_error', detail: String(error) });
      }
    });
  });

  private constructor(
    private readonly state: SlackState,
    private readonly faults: FaultBook,
  ) {}

  /** Listens on 127.0.0.1 and a free port. */
  static async listen(state: SlackState, faults: FaultBook): Promise<SimServer> {
    const sim = new SimServer(state, faults);
    await new Promise<void>((resolve, reject) => {
      sim.server.once('error', reject);
      sim.server.listen(0, '127.0.0.1', () => resolve());
    });
    return sim;
  }

  get origin(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const raw = await readBody(req);
    const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
    if (api?.[1] !== undefined) return this.webApi(api[1], req, url, raw, res);
    const response = /^\/response\/([\w-]+)$/.exec(url.pathname);
    if (response?.[1] !== undefined && req.method === 'POST') {
      return this.responseUrl(response[1], url, raw, res);
    }
    send(res, 404, { ok: false, error: 'not_found' });
  }

  private webApi(
    method: string,
    req: IncomingMessage,
    url: URL,
    raw: string,
    res: ServerResponse,
  ): void {
    let rawParams: Params;
    try {
      rawParams = {
        ...fromQuery(url.searchParams),
        ...parseBody(req.headers['content-type'], raw),
      };
    } catch {
      send(res, 200, { ok: false, error: 'invalid_json' });
      return;
    }
    const params = decodeParams(rawParams);
    const fault = this.faults.take(method, params);
    if (fault !== undefined && 'delay' in fault) {
      void fault.until.finally(() => this.apply(method, rawParams, params, req, res));
      return;
    }
    this.apply(method, rawParams, params, req, res, fault);
  }

  /** Records the call and answers it: with its fault, if any, else as Slack would. */
  private apply(
    method: string,
    rawParams: Params,
    params: Params,
    req: IncomingMessage,
    res: ServerResponse,
    fault?: Exclude<Fault, { delay: true }>,
  ): void {
    const record: CallRecord = { method, params, at: new Date(this.state.opts.now()) };
    this.state.calls.push(record);
    if (fault !== undefined) return this.fault(fault, record, res);

    const bodyToken = typeof rawParams.token === 'string' ? rawParams.token : undefined;
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? bodyToken;
    const status = 200;
    let body: Record<string, unknown>;
    const handler = methods[method];
    if (token === undefined || token === '') body = { ok: false, error: 'not_authed' };
    else if (token !== this.state.opts.botToken) body = { ok: false, error: 'invalid_auth' };
    else if (handler === undefined)
      body = { ok: false, error: 'unknown_method', req_method: method };
    else {
      try {
        body = { ok: true, ...handler(this.state, params) };
      } catch (error) {
        if (!(error instanceof SlackApiError)) throw error;
        body = { ok: false, error: error.error };
        if (error.messages.length > 0) body.response_metadata = { messages: error.messages };
      }
    }
    Object.assign(record, { status, ok: body.ok === true, error: body.error });
    send(res, status, body);
  }

  private fault(
    fault: Exclude<Fault, { delay: true }>,
    record: CallRecord,
    res: ServerResponse,
  ): void {
    if ('hang' in fault) {
      this.hung.add(res);
      res.on('close', () => this.hung.delete(res));
      return;
    }
    if ('error' in fault) {
      Object.assign(record, { status: 200, ok: false, error: fault.error });
      send(res, 200, { ok: false, error: fault.error });
      return;
    }
    Object.assign(record, { status: fault.status, ok: false });
    if (fault.status === 429) {
      record.error = 'ratelimited';
      send(
        res,
        429,
        { ok: false, error: 'ratelimited' },
        { 'Retry-After': String(fault.retryAfter) },
      );
    } else if (fault.status === 500) {
      res.writeHead(500).end();
    } else {
      const title = fault.status === 502 ? 'Bad Gateway' : 'Service Unavailable';
      res
        .writeHead(fault.status, { 'Content-Type': 'text/html' })
        .end(
          `<html><head><title>${fault.status} ${title}</title></head><body><h1>${title}</h1></body></html>`,
        );
    }
  }

  private responseUrl(id: string, url: URL, raw: string, res: ServerResponse): void {
    let body: Record<string, unknown>;
    try {
      body = raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
    } catch {
      send(res, 400, { ok: false, error: 'invalid_json' });
      return;
    }
    const context = this.state.responseContexts.get(id);
    if (context === undefined) {
      send(res, 404, { ok: false, error: 'expired_url' });
      return;
    }
    const at = new Date(this.state.opts.now());
    this.state.responses.push({ id, url: `${url.origin}${url.pathname}`, body, context, at });
    const fault = this.faults.take('response_url', body);
    if (fault !== undefined) {
      if ('delay' in fault) throw new Error('a delay fault is for Web API methods');
      const record: CallRecord = { method: 'response_url', params: body, at };
      return this.fault(fault, record, res);
    }
    const error = applyResponse(this.state, context, body);
    if (error === undefined) send(res, 200, { ok: true });
    else send(res, 400, { ok: false, error });
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': JSON_TYPE, ...headers }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function fromQuery(query: URLSearchParams): Params {
  const out: Params = {};
  for (const [key, value] of query) out[key] ??= value;
  return out;
}

/** Form or JSON, by content type, as Slack reads POST bodies. */
function parseBody(contentType: string | undefined, raw: string): Params {
  if (raw === '') return {};
  if (contentType?.startsWith('application/json')) {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Params) : {};
  }
  const out: Params = {};
  for (const [key, value] of Object.entries(parseQuery(raw))) {
    out[key] = Array.isArray(value) ? value[0] : value;
  }
  return out;
}
