// A local HTTP server standing in for the Graph API's media lookup and the platforms' CDNs: each path is
// scripted to answer JSON, bytes, a status, or never to answer (a stalled CDN); every request is recorded.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type MediaRoute =
  | { kind: 'json'; body: unknown; status?: number }
  | { kind: 'bytes'; content: Buffer; contentType: string; declareLength?: boolean }
  | { kind: 'status'; status: number }
  | { kind: 'redirect'; location: string }
  | { kind: 'hang' };

export interface MediaRequest {
  path: string;
  authorization: string | undefined;
}

export class MediaStandIn {
  readonly requests: MediaRequest[] = [];
  private readonly routes = new Map<string, MediaRoute>();
  /** Requests left unanswered on purpose; ended when the stand-in closes. */
  private readonly hanging = new Set<ServerResponse>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<MediaStandIn> {
    const holder: { standIn?: MediaStandIn } = {};
    const server = createServer((req, res) => holder.standIn?.answer(req, res));
    const standIn = new MediaStandIn(server);
    holder.standIn = standIn;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return standIn;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  route(path: string, route: MediaRoute): this {
    this.routes.set(path, route);
    return this;
  }

  requestsTo(path: string): MediaRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url ?? '';
    this.requests.push({ path, authorization: req.headers.authorization });
    const route = this.routes.get(path) ?? { kind: 'status', status: 404 };
    switch (route.kind) {
      case 'json':
        res.writeHead(route.status ?? 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(route.body));
        return;
      case 'bytes':
        res.writeHead(200, {
          'content-type': route.contentType,
          // Without a declared length the body is chunked: only counting while streaming can refuse it.
          ...(route.declareLength === false ? {} : { 'content-length': String(route.content.length) }),
        });
        res.end(route.content);
        return;
      case 'status':
        res.writeHead(route.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `scripted ${route.status}` } }));
        return;
      case 'redirect':
        res.writeHead(302, { location: route.location });
        res.end();
        return;
      case 'hang':
        this.hanging.add(res);
        return;
    }
  }
}
