// Starts a Switchboard process: pino as Nest's logger, problem+json errors, OpenAPI at /docs, graceful shutdown.
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@switchboard/config';
import { ProblemFilter } from './http/problem.filter';
import { Logger } from 'nestjs-pino';

export interface StartOptions {
  /** Listen on this port instead of the configured one (0 picks a free port; tests use it). */
  port?: number;
}

export async function startApp(
  module: Type<unknown> | DynamicModule,
  config: AppConfig,
  options: StartOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ProblemFilter());
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
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  await app.listen(options.port ?? config.http.port, config.http.host);
  return app;
}
