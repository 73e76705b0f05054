// Serves the web console (apps/console, built into dist/console) at `/`, with a content policy of its own:
// scripts, styles and the socket from this server only. Any other GET for a page gets index.html (the
// console routes in the browser), except under the server's own prefixes, which keep their answers and 404s.
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Built by `npm run build` (vite); resolved from the working directory, the repository root for `npm start`. */
export const CONSOLE_DIST = 'dist/console';
/** Paths the console never answers, so it cannot shadow the API, the docs, probes or the socket endpoint. */
/** Where vite puts the built scripts and styles. */
const ASSETS_PREFIX = '/assets/';
const SERVER_PREFIXES = ['/v1', '/docs', '/health', '/metrics', '/socket.io', '/widget'];

export function serveConsole(
  app: NestExpressApplication,
  dir = resolve(process.cwd(), CONSOLE_DIST),
): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const policy = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
  });
  const isConsoleRequest = (req: Request) =>
    (req.method === 'GET' || req.method === 'HEAD') && !isServerPath(req.path);
  // The console's policy replaces the API's (set earlier by applyBrowserSurface) on what the console answers.
  app.use((req: Request, res: Response, next: NextFunction) =>
    isConsoleRequest(req) && (acceptsPage(req) || req.path.startsWith(ASSETS_PREFIX))
      ? policy(req, res, next)
      : next(),
  );
  // Hashed asset names never change content: cache them for good. index.html is served below, revalidated.
  app.useStaticAssets(dir, { index: false, immutable: true, maxAge: '365d' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!isConsoleRequest(req) || !acceptsPage(req)) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}

/** A browser navigating asks for HTML; API clients and fetch() (which accept anything) keep their 404s. */
function acceptsPage(req: Request): boolean {
  return (req.headers.accept ?? '').includes('text/html');
}

function isServerPath(path: string): boolean {
  return SERVER_PREFIXES.some(
    (prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}.`),
  );
}
