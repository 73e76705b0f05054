// Synthetic contact-center workload for the routing benchmark: a seeded world (agents, skills, queues),
// a generator of contacts, and a driver that fills the center and then replays a steady stream of
// arrivals, completions, declines, status changes and timer ticks against any router.
import type {
  AgentInput,
  Channel,
  ContactInput,
  QueuePolicyInput,
  RoutingCommand,
  RoutingDecision,
  SkillRequirement,
} from '@switchboard/routing-core';

export interface Router {
  apply(command: RoutingCommand): RoutingDecision[];
  nextTimerAt(): number | undefined;
}

export interface WorldConfig {
  readonly agents: number;
  readonly skills: number;
  readonly waiting: number;
  readonly seed: number;
}

export const TENANT = 'bench';
/** Channel mix: 30% chat, 30% email, 30% social (four networks), 10% voice. */
const CHANNEL_MIX: [Channel, number][] = [
  ['chat', 0.3],
  ['email', 0.3],
  ['whatsapp', 0.1],
  ['messenger', 0.08],
  ['instagram', 0.07],
  ['x', 0.05],
  ['voice', 0.1],
];
const LANGUAGES = ['en', 'es', 'fr', 'de'];
const PROFILES = 400;

/** Small, fast, seeded PRNG (mulberry32) so every run and both routers see the same world. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class World {
  readonly random: () => number;
  readonly agents: AgentInput[] = [];
  readonly queues: QueuePolicyInput[];
  /** Requirement profiles ("intents"), each drawn from a real agent so most are servable. */
  readonly profiles: { required: SkillRequirement[]; optional: SkillRequirement[]; language: string }[] = [];
  private contactSeq = 0;

  constructor(readonly config: WorldConfig) {
    this.random = rng(config.seed);
    const skill = (): string => `skill-${Math.floor(this.random() * config.skills)}`;
    for (let i = 0; i < config.agents; i++) {
      const skills = new Map<string, number>();
      const n = 6 + Math.floor(this.random() * 5);
      while (skills.size < n) skills.set(skill(), 1 + Math.floor(this.random() * 10));
      const languages = ['en', ...LANGUAGES.slice(1).filter(() => this.random() < 0.25)];
      this.agents.push({
        id: `agent-${i}`,
        tenantId: TENANT,
        skills: [...skills].map(([s, proficiency]) => ({ skill: s, proficiency })),
        languages,
        capacity: { chat: 3, email: 5, social: 3, voice: 1 },
        maxUnits: 6,
        status: 'available',
      });
    }
    // Contacts ask for one skill (sometimes two) at a modest level, mostly in English: most of them can
    // be served by hundreds of agents, so the backlog comes from demand exceeding capacity, not from
    // impossible requests.
    for (let p = 0; p < PROFILES; p++) {
      const first = skill();
      const required = [{ skill: first, minProficiency: 1 + Math.floor(this.random() * 4) }];
      if (this.random() < 0.3) {
        const second = skill();
        if (second !== first)
          required.push({ skill: second, minProficiency: 1 + Math.floor(this.random() * 3) });
      }
      const roll = this.random();
      this.profiles.push({
        required,
        optional: this.random() < 0.3 ? [{ skill: skill(), minProficiency: 5 }] : [],
        language: roll < 0.85 ? 'en' : roll < 0.93 ? 'es' : roll < 0.98 ? 'fr' : 'de',
      });
    }
    this.queues = ['chat', 'email', 'social', 'voice'].map((cls) => ({
      id: `q-${cls}`,
      tenantId: TENANT,
      strategy: 'best-fit',
      starvationBoundMs: { vip: 120_000, standard: 600_000 },
      relaxation: [
        { afterMs: 60_000, action: 'drop-optional' },
        { afterMs: 180_000, action: 'lower-proficiency', by: 2 },
      ],
    }));
  }

  contact(now: number): ContactInput {
    const channel = pickChannel(this.random());
    const cls = channel === 'chat' || channel === 'email' || channel === 'voice' ? channel : 'social';
    const profile = this.profiles[Math.floor(this.random() * this.profiles.length)];
    const vip = this.random() < 0.1;
    return {
      id: `c-${this.contactSeq++}`,
      tenantId: TENANT,
      channel,
      queueId: `q-${cls}`,
      basePriority: Math.floor(this.random() * 4) * 10,
      requiredSkills: profile.required,
      optionalSkills: profile.optional,
      language: profile.language,
      customerTier: vip ? 'vip' : 'standard',
      slaDeadline: now + (vip ? 120_000 : 900_000),
    };
  }
}

function pickChannel(roll: number): Channel {
  let acc = 0;
  for (const [channel, share] of CHANNEL_MIX) {
    acc += share;
    if (roll < acc) return channel;
  }
  return 'chat';
}

export interface StreamResult {
  readonly latenciesMs: Float64Array;
  readonly decisions: number;
  /** Wall time spent inside apply. */
  readonly engineMs: number;
  readonly applies: number;
  /** Process CPU time over wall time for the round: below 1 when the machine is shared. */
  readonly cpuShare: number;
}

/** Drives a router; responds to every offer at once (mostly accept), keeps its own virtual clock. */
export class Driver {
  now: number;
  /** Contacts waiting, tracked from decisions; the stream steers arrivals to keep it near the target. */
  waiting = 0;
  target = 0;
  private readonly assigned: string[] = [];
  private readonly assignedAt = new Map<string, number>();
  private readonly away: string[] = [];
  private latencies: number[] = [];
  private decisions = 0;
  private engineMs = 0;

  constructor(
    private readonly world: World,
    private readonly router: Router,
    private readonly clock: { t: number },
  ) {
    this.now = clock.t;
  }

  setup(): void {
    for (const q of this.world.queues) this.apply({ type: 'upsertQueue', queue: q });
    for (const a of this.world.agents) this.apply({ type: 'upsertAgent', agent: a });
  }

  /** Arrivals until `waiting` contacts wait; returns how many wait. */
  fill(waiting: number): number {
    this.target = waiting;
    while (this.waiting < waiting)
      this.apply({ type: 'contactArrived', contact: this.world.contact(this.clock.t) });
    return this.waiting;
  }

  stream(ops: number): StreamResult {
    this.latencies = [];
    this.decisions = 0;
    this.engineMs = 0;
    const r = this.world.random;
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    for (let i = 0; i < ops; i++) {
      this.clock.t += 2;
      // As a host would: one timer, fired when the engine's next deadline comes.
      const next = this.router.nextTimerAt();
      if (next !== undefined && next <= this.clock.t) this.apply({ type: 'tick' });
      // Arrivals and completions in balance, nudged so the backlog stays near the target.
      const pArrive = 0.47 + Math.max(-0.2, Math.min(0.2, (this.target - this.waiting) / 2_000));
      const roll = r();
      if (roll < 0.06) this.toggleStatus();
      else if (roll < 0.06 + pArrive)
        this.apply({ type: 'contactArrived', contact: this.world.contact(this.clock.t) });
      else this.complete();
    }
    const cpu = process.cpuUsage(cpu0);
    const cpuShare = Math.min(1, (cpu.user + cpu.system) / 1000 / (performance.now() - wall0));
    return {
      latenciesMs: Float64Array.from(this.latencies),
      decisions: this.decisions,
      engineMs: this.engineMs,
      applies: this.latencies.length,
      cpuShare,
    };
  }

  private complete(): void {
    if (this.assigned.length === 0) return;
    const k = Math.floor(this.world.random() * this.assigned.length);
    const id = this.assigned[k];
    this.assigned[k] = this.assigned[this.assigned.length - 1];
    this.assigned.pop();
    this.apply({ type: 'contactCompleted', contactId: id });
  }

  private toggleStatus(): void {
    const agents = this.world.agents;
    if (this.away.length < agents.length * 0.02) {
      const id = agents[Math.floor(this.world.random() * agents.length)].id;
      if (this.away.includes(id)) return;
      this.away.push(id);
      this.apply({ type: 'setAgentStatus', agentId: id, status: 'away' });
    } else {
      this.apply({ type: 'setAgentStatus', agentId: this.away.shift() as string, status: 'available' });
    }
  }

  /** Applies and answers offers (95% accept, 5% decline); true when the command produced an offer. */
  private apply(cmd: RoutingCommand): boolean {
    const t0 = performance.now();
    const out = this.router.apply(cmd);
    const dt = performance.now() - t0;
    this.latencies.push(dt);
    this.engineMs += dt;
    this.decisions += out.length;
    if (cmd.type === 'contactArrived') this.waiting++;
    let offered = false;
    for (const d of out) {
      if (d.type === 'requeued') this.waiting++;
      if (d.type !== 'offer') continue;
      this.waiting--;
      offered = true;
      if (this.world.random() < 0.95) {
        this.apply({ type: 'offerAccepted', contactId: d.contactId, agentId: d.agentId });
        this.assigned.push(d.contactId);
        this.assignedAt.set(d.contactId, this.clock.t);
      } else {
        this.apply({ type: 'offerDeclined', contactId: d.contactId, agentId: d.agentId });
      }
    }
    return offered;
  }
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
