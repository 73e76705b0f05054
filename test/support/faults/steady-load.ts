// A steady stream of customer messages through Kafka into a running router, with agents on autopilot, and a
// fault injected part-way through. Shared by the "server restarted under load" scenarios.
import type { InboundContactV1 } from '@switchboard/contracts';
import type { TenantFixture } from '../fixtures';
import { AgentAutopilot, type AutopilotOptions } from './agent-autopilot';
import { inboundRecord, type InboundProducer } from './inbound-producer';

export interface LoadFigures {
  sent: number;
  streamMs: number;
  faultAtMs: number;
  faultMs: number;
  failedSends: number;
}

/**
 * Messages spread over the tenants; every third one is a follow-up from a customer seen shortly before (it
 * threads into their open conversation, or opens a new one if that was resolved meanwhile).
 */
export function mixedMessages(
  tenants: readonly TenantFixture[],
  runId: string,
): (i: number) => InboundContactV1 {
  const recent = new Map<string, string[]>();
  return (i) => {
    const tenant = tenants[i % tenants.length];
    const seen = recent.get(tenant.id) ?? [];
    const followUp = i % 3 === 2 && seen.length > 0;
    const address = followUp ? seen[(i * 7919) % seen.length] : `c${i}-${runId}@customers.test`;
    if (!followUp) recent.set(tenant.id, [...seen.slice(-19), address]);
    return inboundRecord({ tenantId: tenant.id, channelMessageId: `${runId}-${i}`, address });
  };
}

/** One autopilot per agent of every tenant. */
export async function startAgents(
  gatewayUrl: string,
  tenants: readonly TenantFixture[],
  options: AutopilotOptions = {},
): Promise<AgentAutopilot[]> {
  const pilots: AgentAutopilot[] = [];
  for (const tenant of tenants)
    for (const agent of tenant.agents)
      pilots.push(await AgentAutopilot.start(gatewayUrl, tenant.slug, agent, options));
  return pilots;
}

/** Streams `perSecond` messages for `durationMs`, running `fault` once `faultAfterMs` have passed. */
export async function streamWithFault(options: {
  producer: InboundProducer;
  perSecond: number;
  durationMs: number;
  faultAfterMs: number;
  next: (i: number) => InboundContactV1;
  fault: () => Promise<void>;
}): Promise<LoadFigures> {
  const { producer } = options;
  let faultMs = 0;
  let faultAtMs = 0;
  const started = Date.now();
  const fault = new Promise<void>((resolve, reject) => {
    setTimeout(() => {
      faultAtMs = Date.now() - started;
      options.fault().then(() => {
        faultMs = Date.now() - started - faultAtMs;
        resolve();
      }, reject);
    }, options.faultAfterMs);
  });
  const { sent, elapsedMs } = await producer.stream(options.perSecond, options.durationMs, options.next);
  await fault;
  return { sent, streamMs: elapsedMs, faultAtMs, faultMs, failedSends: producer.failedSends };
}
