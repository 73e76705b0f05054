// Shared main() for every app: validate config first and exit non-zero with every problem listed.
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { ConfigError, loadConfig, type AppConfig } from '@switchboard/config';
import { startApp, type StartOptions } from './bootstrap';

export async function runProcess(
  build: (config: AppConfig) => DynamicModule,
  afterStart?: (app: INestApplication, config: AppConfig) => Promise<void>,
  options: StartOptions = {},
): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const app = await startApp(build(config), config, options);
  await afterStart?.(app, config);
}
