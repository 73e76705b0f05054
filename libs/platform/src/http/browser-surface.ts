// What browsers see of the HTTP API: security headers (helmet) and CORS. The API answers JSON only, so its
// content policy allows nothing; the OpenAPI UI under /docs gets helmet's default policy, which fits it
// (its scripts, styles and images come from the server itself).
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@switchboard/config';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { isListedOrigin } from './origin-policy';

export const DOCS_PATH = 'docs';

export function applyBrowserSurface(app: NestExpressApplication, config: AppConfig): void {
  if (config.trustProxy !== undefined) app.set('trust proxy', trustProxyValue(config.trustProxy));
  const api = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"] },
    },
  });
  // Served over plain HTTP by default, so no upgrade-insecure-requests: it would break the UI on http://.
  const docs = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  app.use((req: Request, res: Response, next: NextFunction) =>
    isDocsPath(req.path) ? docs(req, res, next) : api(req, res, next),
  );
  // Only listed foreign origins get CORS headers; the server's own pages need none.
  app.enableCors((req: Request, callback) => {
    const allowed = isListedOrigin(req.headers.origin, config.corsOrigins);
    callback(null, allowed ? { origin: true, credentials: true, maxAge: 600 } : { origin: false });
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
