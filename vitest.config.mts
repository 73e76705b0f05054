import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const lib = (name: string): string => fileURLToPath(new URL(`./libs/${name}/src`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@switchboard/contracts': lib('contracts'),
      '@switchboard/routing-core': lib('routing-core'),
      '@switchboard/messaging': lib('messaging'),
      '@switchboard/persistence': lib('persistence'),
      '@switchboard/config': lib('config'),
      '@switchboard/auth': lib('auth'),
      '@switchboard/observability': lib('observability'),
      '@switchboard/routing-service': lib('routing-service'),
      '@switchboard/gateway-api': lib('gateway-api'),
      '@switchboard/platform': lib('platform'),
      '@switchboard/sla': lib('sla'),
      '@switchboard/metrics': lib('metrics'),
      '@switchboard/channels-email': lib('channels/email'),
      '@switchboard/channels-core': lib('channels/core'),
      '@switchboard/channels-social': lib('channels/social'),
      '@switchboard/channels-chat': lib('channels/chat'),
      '@switchboard/channels-webhooks': lib('channels/webhooks'),
    },
  },
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['libs/**/*.spec.ts', 'apps/**/*.spec.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.int.ts', 'test/**/*.e2e.ts', 'test/faults/**/*.fault.ts'],
          globalSetup: ['test/setup/global-services.mts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
