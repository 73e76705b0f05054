// Runtime agent: profile compiled to arrays, plus load and offer bookkeeping.
// Capacity checks here are the single source of truth for "can take one more of this class".
import type { AgentStatus } from '../model/agent.model';
import { CLASS_COUNT } from '../model/channel.model';

/** Local copy: hot loops read it on every call. */
const CLASSES = CLASS_COUNT;
import type { CompiledRequirements } from '../policy/relaxation.policy';
import type { ContactState } from './contact-state';
import type { BucketList } from '../indexing/bucket-list';
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
  idleSince = 0;
  missedOffers = 0;
  /** Filed in its tenant's ready pools (set when it can take work; cleared lazily). */
  filed = false;
  /** Slot in the engine's dirty set (see SlotSet). */
  dirtyPos = -1;
  /** Contacts offered to / assigned to the agent, oldest first (small: bounded by capacity). */
  readonly offers: ContactState[] = [];
  readonly assignments: ContactState[] = [];
  /** The tenant's bucket lists this agent may meet, and its levels there (see contact-pull). */
  scanLists: BucketList[] = [];
  scanLevels: number[] = [];
  /** The tenant listVersion the scan lists were built for; -1 forces a rebuild. */
  scanVersion = -1;
  private currentStatus: AgentStatus = 'offline';
  /** computeReadyMask's answer, kept current by every change to status, load or profile. */
  private readyMask = 0;

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

  get status(): AgentStatus {
    return this.currentStatus;
  }

  set status(status: AgentStatus) {
    this.currentStatus = status;
    this.refreshReady();
  }

  /** Which classes the agent can take work in right now (bit per class). */
  computeReadyMask(): number {
    return this.readyMask;
  }

  /** Recomputes the ready mask; call after changing capacity, weights or units directly. */
  refreshReady(): void {
    let mask = 0;
    if (this.currentStatus === 'available') {
      for (let c = 0; c < CLASSES; c++) if (this.hasRoom(c)) mask |= 1 << c;
    }
    this.readyMask = mask;
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
    this.refreshReady();
  }

  release(c: number): void {
    this.load[c] -= 1;
    this.usedUnits -= this.weights[c];
    this.refreshReady();
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
    return this.offers.length > 0 || this.assignments.length > 0;
  }
}

/** Removes one item from a small list, keeping the order of the rest; false when absent. */
export function removeFromList<T>(list: T[], item: T): boolean {
  const i = list.indexOf(item);
  if (i < 0) return false;
  for (let k = i + 1; k < list.length; k++) list[k - 1] = list[k];
  list.pop();
  return true;
}
