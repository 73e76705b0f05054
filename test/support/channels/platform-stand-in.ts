// A local HTTP server standing in for a platform's send API: it records every request and answers each
// recipient from a script (status codes in order, then 200), so tests drive retries and refusals.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

export interface ScriptedAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export class PlatformStandIn {
  readonly requests: RecordedRequest[] = [];
  private readonly scripts = new Map<string, ScriptedAnswer[]>();
  private counter = 0;

  private constructor(
    private readonly server: Server,
    /** Recipient of a request, from its path and body; requests are scripted and counted per recipient. */
    private readonly recipientOf: (request: RecordedRequest) => string,
    /** The platform's 200 answer for a request. */
    private readonly success: (id: string) => unknown,
  ) {}

  static async start(
    recipientOf: (request: RecordedRequest) => string,
    success: (id: string) => unknown,
  ): Promise<PlatformStandIn> {
    const holder: { standIn?: PlatformStandIn } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => holder.standIn?.answer(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    const standIn = new PlatformStandIn(server, recipientOf, success);
    holder.standIn = standIn;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return standIn;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Answers the next requests for `recipient` with these, in order; later ones get a 200. */
  script(recipient: string, answers: ScriptedAnswer[]): void {
    this.scripts.set(recipient, [...answers]);
  }

  requestsFor(recipient: string): RecordedRequest[] {
    return this.requests.filter((r) => this.recipientOf(r) === recipient);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: IncomingMessage, raw: string, res: import('node:http').ServerResponse): void {
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      // Recorded as empty: the test's assertions on the body then fail visibly.
    }
    const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
    this.requests.push(request);
    const next = this.scripts.get(this.recipientOf(request))?.shift();
    const status = next?.status ?? 200;
    const answer = next
      ? (next.body ?? { error: { message: `scripted ${status}` } })
      : this.success(`${++this.counter}`);
    res.writeHead(status, { 'content-type': 'application/json', ...next?.headers });
    res.end(JSON.stringify(answer));
  }
}

/** A WhatsApp Cloud API stand-in: recipients by `to`, answers like the real API. */
export function whatsAppStandIn(): Promise<PlatformStandIn> {
  return PlatformStandIn.start(
    (request) => String(request.body.to),
    (id) => ({
      messaging_product: 'whatsapp',
      contacts: [{ input: 'x', wa_id: 'x' }],
      messages: [{ id: `wamid.${id}` }],
    }),
  );
}
