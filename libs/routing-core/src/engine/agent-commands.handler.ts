// upsertAgent, setAgentStatus, removeAgent. Each validates fully before it changes anything.
import type { AgentInput, AgentStatus } from '../model/agent.model';
import { AGENT_STATUSES } from '../model/agent.model';
import { CHANNEL_CLASSES, CLASS_COUNT } from '../model/channel.model';
import { invalid, RoutingError, RoutingErrorCode } from '../model/routing.error';
import { checkId, checkNonNegative, checkSkillLevels, checkTime } from '../policy/input-validation.util';
import { AgentState } from './agent-state';
import { requeue } from './offer-lifecycle';
import type { RoutingState } from './routing-state';

interface CompiledProfile {
  readonly prof: Uint8Array;
  readonly skillIds: number[];
  readonly languages: Set<number>;
  readonly languageFlags: Uint8Array;
  readonly capacity: number[];
  readonly weights: number[];
  readonly maxUnits: number;
}

export function checkStatus(status: unknown, field: string): AgentStatus {
  if (typeof status !== 'string' || !(AGENT_STATUSES as readonly string[]).includes(status)) {
    throw invalid(`${field}: unknown status '${String(status)}'`);
  }
  return status as AgentStatus;
}

export function upsertAgent(state: RoutingState, input: AgentInput): void {
  checkId(input.id, 'agent.id');
  checkId(input.tenantId, 'agent.tenantId');
  const profile = compileProfile(state, input);
  const status = input.status === undefined ? undefined : checkStatus(input.status, 'agent.status');
  const idleSince = input.idleSince === undefined ? undefined : checkTime(input.idleSince, 'agent.idleSince');
  const missed =
    input.missedOffers === undefined ? undefined : checkNonNegative(input.missedOffers, 'agent.missedOffers');
  let agent = state.agents.get(input.id);
  const isNew = agent === undefined;
  if (agent !== undefined && agent.tenantId !== input.tenantId && agent.hasWork()) {
    throw new RoutingError(
      RoutingErrorCode.AgentBusyWithWork,
      `agent '${input.id}' cannot change tenant while holding work`,
    );
  }
  if (agent === undefined) {
    agent = new AgentState(input.id, input.tenantId, state.tenant(input.tenantId));
    agent.idleSince = state.now;
    state.agents.set(agent.id, agent);
  }
  agent.tenant.dropAgent(agent); // pools are filed by skill; re-file under the new profile
  if (!isNew) agent.tenant.countHolders(agent, -1);
  agent.tenantId = input.tenantId;
  agent.tenant = state.tenant(input.tenantId);
  Object.assign(agent, profile);
  agent.refreshReady();
  agent.scanVersion = -1; // skills or tenant may have changed
  agent.tenant.countHolders(agent, 1);
  if (status !== undefined) {
    if (isNew) agent.status = status;
    else changeStatus(state, agent, status);
  }
  // Explicit restore values win over what a status change implies.
  if (idleSince !== undefined) agent.idleSince = idleSince;
  if (missed !== undefined) agent.missedOffers = Math.floor(missed);
  state.syncAgent(agent);
  state.dirtyAgents.add(agent);
}

export function setAgentStatus(state: RoutingState, agentId: string, status: AgentStatus): void {
  const agent = state.agent(agentId);
  changeStatus(state, agent, checkStatus(status, 'status'));
}

/** Going offline takes back live offers (no exclusion: the agent did not refuse). Assignments stay. */
export function changeStatus(state: RoutingState, agent: AgentState, status: AgentStatus): void {
  if (agent.status === status) return;
  agent.status = status;
  if (status === 'available') {
    agent.idleSince = state.now;
    agent.missedOffers = 0;
    state.dirtyAgents.add(agent);
  }
  if (status === 'offline') {
    for (const c of agent.offers.slice()) requeue(state, c, 'agent-offline');
  }
  state.syncAgent(agent);
}

/** Live offers and assignments go back in line: the conversations still need an owner. */
export function removeAgent(state: RoutingState, agentId: string): void {
  const agent = state.agent(agentId);
  agent.status = 'offline';
  for (const c of agent.offers.slice()) requeue(state, c, 'agent-removed');
  for (const c of agent.assignments.slice()) requeue(state, c, 'agent-removed');
  agent.tenant.dropAgent(agent);
  agent.tenant.countHolders(agent, -1);
  state.dirtyAgents.delete(agent);
  state.agents.delete(agentId);
}

function compileProfile(state: RoutingState, input: AgentInput): CompiledProfile {
  checkSkillLevels(input.skills, 'agent.skills');
  const languages = new Set<number>();
  for (const [i, lang] of (input.languages ?? []).entries())
    languages.add(state.languages.intern(checkId(lang, `agent.languages[${i}]`)));
  const capacity: number[] = [];
  const weights: number[] = [];
  for (let c = 0; c < CLASS_COUNT; c++) {
    const cls = CHANNEL_CLASSES[c];
    const cap = input.capacity?.[cls] ?? 0;
    if (!Number.isInteger(cap) || cap < 0) throw invalid(`agent.capacity.${cls}: must be an integer >= 0`);
    const weight = input.unitWeights?.[cls] ?? 1;
    if (!(weight > 0) || !Number.isFinite(weight))
      throw invalid(`agent.unitWeights.${cls}: must be a positive number`);
    capacity.push(cap);
    weights.push(weight);
  }
  const maxUnits =
    input.maxUnits === undefined ? Infinity : checkNonNegative(input.maxUnits, 'agent.maxUnits');
  const levels = new Map<number, number>();
  for (const s of input.skills) {
    const id = state.skills.intern(s.skill);
    levels.set(id, Math.max(levels.get(id) ?? 0, s.proficiency));
  }
  const skillIds = [...levels.keys()].sort((a, b) => a - b);
  const prof = new Uint8Array(skillIds.length === 0 ? 0 : skillIds[skillIds.length - 1] + 1);
  for (const [id, level] of levels) prof[id] = level;
  const languageFlags = new Uint8Array(Math.max(-1, ...languages) + 1);
  for (const id of languages) languageFlags[id] = 1;
  return { prof, skillIds, languages, languageFlags, capacity, weights, maxUnits };
}
