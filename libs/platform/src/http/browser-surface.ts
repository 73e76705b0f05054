// What browsers see of the HTTP API: security headers (helmet) and CORS. The API answers JSON only, so its
// content policy allows nothing; the OpenAPI UI under /docs gets helmet's default policy, which fits it
// (its scripts, styles and images come from the server itself). The chat widget and its demo page get a
// policy of their own: the script may be loaded by other sites, and the demo page runs it.
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@switchboard/config';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { EmbeddingOrigins } from './embedding-origins';
import { isListedOrigin } from './origin-policy';

export const DOCS_PATH = 'docs';
/** The embeddable chat script and its demo page (libs/channels/chat). */
export const WIDGET_SCRIPT_PATH = '/widget.js';
export const WIDGET_DEMO_PATH = '/widget/demo';
/** The REST routes the widget calls from the embedding site. */
const CHAT_API_PREFIX = '/v1/chat/';

export function applyBrowserSurface(
  app: NestExpressApplication,
  config: AppConfig,
  embedding: EmbeddingOrigins,
): void {
  if (config.trustProxy !== undefined) app.set('trust proxy', trustProxyValue(config.trustProxy));
  const api = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"] },
    },
  });
  // Served over plain HTTP by default, so no upgrade-insecure-requests: it would break the UI on http://.
  const docs = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  // Scripts, the socket connection and styles from this server only; the script itself may be embedded by
  // any site (Cross-Origin-Resource-Policy), as a <script> tag is how the widget is installed.
  const widget = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'self'"],
        baseUri: ["'none'"],
      },
    },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (isDocsPath(req.path)) return docs(req, res, next);
    if (req.path === WIDGET_SCRIPT_PATH || req.path === WIDGET_DEMO_PATH) return widget(req, res, next);
    return api(req, res, next);
  });
  // Only listed foreign origins get CORS headers; the server's own pages need none. Sites embedding the chat
  // widget get them on the chat routes only.
  // Per-inbox chat origins (EmbeddingOrigins) count on the chat routes too; the session route then holds each
  // origin to its own inbox's list.
  app.enableCors((req: Request, callback) => {
    const chatRoute = (req.path ?? '').startsWith(CHAT_API_PREFIX);
    const { origin } = req.headers;
    const answer = (allowed: boolean) =>
      callback(null, allowed ? { origin: true, credentials: true, maxAge: 600 } : { origin: false });
    if (
      isListedOrigin(origin, config.corsOrigins) ||
      (chatRoute && isListedOrigin(origin, config.chat.origins))
    )
      return answer(true);
    if (!chatRoute) return answer(false);
    void embedding.isListed(origin).then(answer);
  });
}

function isDocsPath(path: string): boolean {
  return path === `/${DOCS_PATH}` || path.startsWith(`/${DOCS_PATH}/`) || path.startsWith(`/${DOCS_PATH}-`);
}

/** Express accepts a boolean, a hop count, or a list of addresses and names like `loopback`. */
function trustProxyValue(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}
