// Set-up and tear-down helpers shared by the process benchmarks: a free local port, the run's topics deleted,
// and cleanup steps run last-in first-out (processes before the topics and database they use).
import { createServer } from 'node:net';
import type { Kafka } from 'kafkajs';

export type Cleanup = Array<() => Promise<void>>;

export async function runCleanup(steps: Cleanup, log: (line: string) => void): Promise<void> {
  while (steps.length > 0) {
    const step = steps.pop()!;
    await step().catch((error: unknown) => log(`cleanup: ${String(error)}`));
  }
}

export async function deleteTopics(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
  } finally {
    await admin.disconnect();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}
