// Builds the console into dist/console, which the gateway serves at `/`. Contracts come straight from
// libs/contracts (one schema for API, sockets and console); only schema files are imported, never the barrel.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  plugins: [react()],
  resolve: { alias: { '@switchboard/contracts': here('../../libs/contracts/src') } },
  build: { outDir: here('../../dist/console'), emptyOutDir: true, sourcemap: true },
  server: {
    // `npx vite apps/console` during development, against an engine on :3000.
    proxy: {
      '/v1': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
});
