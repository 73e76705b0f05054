// Rule 6: re-evaluation after every command. Invariant kept between commands: no waiting contact has
// an eligible agent with room. A command can only break it through contacts or agents it marks dirty,
// so only those are examined. Greedy by score: repeatedly serve the highest-scoring contact that some
// ready agent can take, and give it the best such agent under the queue's strategy.
import { orderScore, tieBreakBefore } from '../scoring/score.util';
import type { AgentState } from './agent-state';
import { selectFromAgents, selectFromPools, type Selection } from './agent-selection';
import type { ContactState } from './contact-state';
import { bestContactFor, pickBefore, type Pick } from './contact-pull';
import { makeOffer } from './offer-lifecycle';
import type { RoutingState } from './routing-state';

interface Pending {
  readonly contact: ContactState;
  readonly score: number;
}

interface Head extends Pick {
  readonly agent: AgentState;
  valid: boolean;
}

export function reevaluate(state: RoutingState): void {
  if (state.restoring) return;
  if (state.dirtyContacts.size === 0 && state.dirtyAgents.size === 0) return;
  const now = state.now;
  const pending = sortedPending(state, now);
  const pendingSet = new Set<ContactState>();
  for (const p of pending) markPending(pendingSet, p.contact);
  const heads: Head[] = [];
  for (const agent of state.dirtyAgents) heads.push({ agent, contact: null, score: -Infinity, valid: false });
  state.dirtyContacts.clear();
  state.dirtyAgents.clear();

  let i = 0;
  for (;;) {
    while (i < pending.length && pending[i].contact.status !== 'waiting')
      unmarkPending(pendingSet, pending[i++].contact);
    const head = bestHead(heads, now);
    const next = i < pending.length ? pending[i] : undefined;
    let contact: ContactState;
    if (
      next !== undefined &&
      (head === undefined || pickBefore(next.score, next.contact, head.score, head.contact as ContactState))
    ) {
      contact = next.contact;
      i++;
    } else if (head !== undefined) {
      contact = head.contact as ContactState;
    } else {
      break;
    }
    const sel = select(state, contact, pendingSet, heads);
    if (sel === undefined) {
      // Only reachable for a dirty contact nobody can take; it stays waiting. Never loop on a head.
      for (const h of heads) if (h.contact === contact) h.contact = null;
      continue;
    }
    makeOffer(state, contact, sel);
    for (const h of heads) if (h.agent === sel.agent || h.contact === contact) h.valid = false;
  }
  for (const c of pendingSet) unmarkPending(pendingSet, c);
  // Agents whose room grew were kept out of the pools during the pass; file those still ready.
  for (const h of heads) h.agent.tenant.syncAgent(h.agent);
}

/**
 * Which agents can take this contact. Only agents whose room grew in this command (the heads) can
 * take a contact nobody could take before: one that was not dirty, or one filed in a bucket where
 * another clean (nobody excluded), already-evaluated contact still waits - same ring, same answer.
 * Anything else needs the ready pools.
 */
function select(
  state: RoutingState,
  c: ContactState,
  pendingSet: Set<ContactState>,
  heads: readonly Head[],
): Selection | undefined {
  const bucket = c.bucket;
  const settledPeerWaits = bucket !== null && bucket.clean - bucket.pendingClean > 0;
  const dirty = unmarkPending(pendingSet, c);
  if (!dirty || settledPeerWaits) {
    return selectFromAgents(
      state,
      c,
      heads.map((h) => h.agent),
    );
  }
  return selectFromPools(state, c, heads);
}

function markPending(pendingSet: Set<ContactState>, c: ContactState): void {
  pendingSet.add(c);
  if (c.bucket !== null && c.excluded === null) c.bucket.pendingClean++;
}

function unmarkPending(pendingSet: Set<ContactState>, c: ContactState): boolean {
  if (!pendingSet.delete(c)) return false;
  if (c.bucket !== null && c.excluded === null) c.bucket.pendingClean--;
  return true;
}

function sortedPending(state: RoutingState, now: number): Pending[] {
  const pending: Pending[] = [];
  for (const c of state.dirtyContacts) {
    if (c.status === 'waiting') pending.push({ contact: c, score: orderScore(c.key, c.slope, now) });
  }
  if (pending.length > 1) {
    pending.sort((a, b) =>
      a.score !== b.score
        ? b.score - a.score
        : tieBreakBefore(a.contact.arrivedAt, a.contact.id, b.contact.arrivedAt, b.contact.id)
          ? -1
          : 1,
    );
  }
  return pending;
}

function bestHead(heads: Head[], now: number): Head | undefined {
  let best: Head | undefined;
  for (const h of heads) {
    if (!h.valid) {
      bestContactFor(h.agent, now, h);
      h.valid = true;
    }
    if (h.contact === null) continue;
    if (best === undefined || pickBefore(h.score, h.contact, best.score, best.contact as ContactState))
      best = h;
  }
  return best;
}
