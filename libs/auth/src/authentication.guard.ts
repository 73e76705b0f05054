// The one HTTP authentication gate, registered globally (APP_GUARD): every route needs a live console
// session unless it is declared @Public() or @ApiKeyAuth(). Roles are then checked per operation.
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { AUTH_POLICY_KEY, ROLES_KEY, type AuthPolicy, type AuthenticatedRequest } from './auth.decorators';
import { bearerToken } from './bearer.util';
import type { UserPrincipal, UserRole } from './principal';
import { SessionValidator } from './sessions/session.validator';
import { TokenService } from './token.service';

@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionValidator,
    private readonly apiKeys: ApiKeyAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Socket messages were authenticated at the handshake, which the socket session watch keeps honest.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const policy = this.reflector.getAllAndOverride<AuthPolicy | undefined>(AUTH_POLICY_KEY, targets);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    switch (policy ?? 'console') {
      case 'public':
        return true;
      case 'api-key':
        request.principal = await this.apiKeys.authenticate(apiKeyOf(request));
        return true;
      case 'console': {
        const principal = await this.consoleUser(request);
        assertRole(principal, this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, targets));
        request.principal = principal;
        return true;
      }
    }
  }

  private async consoleUser(request: AuthenticatedRequest): Promise<UserPrincipal> {
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new DomainError(ErrorCode.Unauthenticated, 'A bearer token is required');
    const { principal } = await this.tokens.verify(token);
    await this.sessions.assertLive(principal.sessionId);
    return principal;
  }
}

function apiKeyOf(request: AuthenticatedRequest): string | null {
  const header = request.headers['x-api-key'];
  return (Array.isArray(header) ? header[0] : header) ?? bearerToken(request.headers.authorization);
}

function assertRole(principal: UserPrincipal, roles: UserRole[] | undefined): void {
  if (roles && !roles.includes(principal.role)) {
    throw new DomainError(ErrorCode.Forbidden, `This action needs one of the roles: ${roles.join(', ')}`);
  }
}
