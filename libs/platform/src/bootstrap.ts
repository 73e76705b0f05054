// Starts a Switchboard process: pino as Nest's logger, problem+json errors, security headers and CORS,
// OpenAPI at /docs, socket.io limits, graceful shutdown.
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@switchboard/config';
import { applyBrowserSurface, DOCS_PATH } from './http/browser-surface';
import { serveConsole } from './http/console-static';
import { EmbeddingOrigins } from './http/embedding-origins';
import { ProblemFilter } from './http/problem.filter';
import {
  SOCKET_HANDSHAKE_ADMISSION,
  type SocketHandshakeAdmission,
} from './realtime/socket-handshake-admission';
import { SwitchboardIoAdapter } from './realtime/socket-io.adapter';
import { Logger } from 'nestjs-pino';

/**
 * Largest JSON request body. The biggest record the contracts allow (a 100,000-character body and as much
 * HTML, 50 attachments) is about 1.2 MB as escaped JSON; express's default of 100 kB would refuse valid contacts.
 */
export const MAX_JSON_BODY = '2mb';

export interface StartOptions {
  /** Listen on this port instead of the configured one (0 picks a free port; tests use it). */
  port?: number;
  /** Serve the web console at `/` (the gateway roles do, when it is built). */
  console?: boolean;
}

export async function startApp(
  module: Type<unknown> | DynamicModule,
  config: AppConfig,
  options: StartOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bufferLogs: true,
    abortOnError: false,
    // Webhook signatures (HMAC) are computed over the bytes as sent: JSON requests keep them as req.rawBody.
    rawBody: true,
  });
  app.useLogger(app.get(Logger));
  // Registered before init, it replaces Nest's default JSON parser (a larger body gets a 413 problem).
  app.useBodyParser('json', { limit: MAX_JSON_BODY });
  app.useGlobalFilters(new ProblemFilter());
  const embedding = app.get(EmbeddingOrigins, { strict: false });
  applyBrowserSurface(app, config, embedding);
  if (options.console) serveConsole(app);
  app.useWebSocketAdapter(new SwitchboardIoAdapter(app, config, embedding, handshakeAdmission(app)));
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Switchboard')
      .setDescription('Omnichannel contact routing: ingest, console login and routing events')
      .setVersion('1')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'api-key')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}/openapi.json` });
  await app.listen(options.port ?? config.http.port, config.http.host);
  return app;
}

/** The gateway's handshake throttle, when the app serves sockets at all. */
function handshakeAdmission(app: INestApplication): SocketHandshakeAdmission | undefined {
  try {
    return app.get<SocketHandshakeAdmission>(SOCKET_HANDSHAKE_ADMISSION, { strict: false });
  } catch {
    return undefined;
  }
}
