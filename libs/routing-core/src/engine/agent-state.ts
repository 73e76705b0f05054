// Runtime agent: profile compiled to arrays, plus load and offer bookkeeping.
// Capacity checks here are the single source of truth for "can take one more of this class".
import type { AgentStatus } from '../model/agent.model';
import { CLASS_COUNT } from '../model/channel.model';

/** Local copy: hot loops read it on every call. */
const CLASSES = CLASS_COUNT;
import type { CompiledRequirements } from '../policy/relaxation.policy';
import type { ContactState } from './contact-state';
import type { TenantIndex } from '../indexing/tenant.index';

export class AgentState {
  /** Proficiency by interned skill id; reads past the end are "no skill". */
  prof: Uint8Array = new Uint8Array(0);
  /** Interned ids of skills the agent has, ascending. */
  skillIds: number[] = [];
  languages = new Set<number>();
  /** languageFlags[id] === 1 when the agent speaks language id; a flat read on the hot path. */
  languageFlags: Uint8Array = new Uint8Array(0);
  capacity: number[] = new Array<number>(CLASS_COUNT).fill(0);
  weights: number[] = new Array<number>(CLASS_COUNT).fill(1);
  /** Infinity when the agent has no total budget. */
  maxUnits = Infinity;
  readonly load: number[] = new Array<number>(CLASS_COUNT).fill(0);
  usedUnits = 0;
  status: AgentStatus = 'offline';
  idleSince = 0;
  missedOffers = 0;
  /** Filed in its tenant's ready pools (set when it can take work; cleared lazily). */
  filed = false;
  readonly offers = new Set<ContactState>();
  readonly assignments = new Set<ContactState>();

  constructor(
    readonly id: string,
    public tenantId: string,
    public tenant: TenantIndex,
  ) {}

  proficiency(skillId: number): number {
    return skillId < this.prof.length ? this.prof[skillId] : 0;
  }

  /** Room for one more contact of class c, per class and in weighted units; ignores status. */
  hasRoom(c: number): boolean {
    return this.load[c] < this.capacity[c] && this.usedUnits + this.weights[c] <= this.maxUnits;
  }

  /** Which classes the agent can take work in right now. */
  computeReadyMask(): number {
    if (this.status !== 'available') return 0;
    let mask = 0;
    for (let c = 0; c < CLASSES; c++) if (this.hasRoom(c)) mask |= 1 << c;
    return mask;
  }

  speaks(languageId: number): boolean {
    return languageId < 0 || (languageId < this.languageFlags.length && this.languageFlags[languageId] === 1);
  }

  meets(reqs: CompiledRequirements): boolean {
    const ids = reqs.skillIds;
    for (let i = 0; i < ids.length; i++) {
      if (this.proficiency(ids[i]) < reqs.mins[i]) return false;
    }
    return true;
  }

  reserve(c: number): void {
    this.load[c] += 1;
    this.usedUnits += this.weights[c];
  }

  release(c: number): void {
    this.load[c] -= 1;
    this.usedUnits -= this.weights[c];
  }

  totalUnits(): number {
    if (Number.isFinite(this.maxUnits)) return this.maxUnits;
    let units = 0;
    for (let c = 0; c < CLASSES; c++) units += this.capacity[c] * this.weights[c];
    return units;
  }

  /** Share of the agent's weighted capacity in use, 0..1 (1 when the agent has no capacity). */
  occupancy(): number {
    const total = this.totalUnits();
    return total > 0 ? Math.min(1, this.usedUnits / total) : 1;
  }

  hasWork(): boolean {
    return this.offers.size > 0 || this.assignments.size > 0;
  }
}
