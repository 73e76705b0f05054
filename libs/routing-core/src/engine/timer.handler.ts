// tick: everything time-driven (offer expiry, relaxation steps, SLA urgency, starvation bound).
// Each contact has at most one armed timer: its offer expiry while offered, else its next ring or
// phase change, so the host arms a single timer at nextTimerAt() and never polls.
import { SETTLE_UPDATE, settleWaiting } from './contact-lifecycle';
import { timeoutOffer } from './offer-lifecycle';
import type { RoutingState } from './routing-state';

export function runDueTimers(state: RoutingState): void {
  for (;;) {
    const c = state.timers.peek();
    if (c === undefined || state.timers.peekKey() > state.now) return;
    if (c.status === 'offered' && c.offer !== null && c.offer.expiresAt <= state.now) {
      timeoutOffer(state, c);
    } else if (c.status === 'waiting') {
      if (settleWaiting(state, c, SETTLE_UPDATE)) state.dirtyContacts.add(c);
    } else {
      state.setTimer(c, Infinity);
    }
  }
}
