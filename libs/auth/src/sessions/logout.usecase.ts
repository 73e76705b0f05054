// Ends the caller's own session: its access and refresh tokens stop working (in this process at once,
// in the others within AUTH_SESSION_CACHE_MS). The user's other sessions are left alone.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '../principal';
import { SessionStore } from './session.store';
import { SessionValidator } from './session.validator';

@Injectable()
export class LogoutUser {
  constructor(
    private readonly store: SessionStore,
    private readonly validator: SessionValidator,
  ) {}

  async execute(principal: UserPrincipal): Promise<void> {
    await this.store.revoke(principal.sessionId, 'logout');
    this.validator.markRevoked(principal.sessionId);
  }
}
