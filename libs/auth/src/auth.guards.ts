// HTTP guards: API keys for integrators, JWTs (with optional roles) for console users.
import {
  Injectable,
  SetMetadata,
  applyDecorators,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import type { Request } from 'express';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { bearerToken } from './bearer.util';
import type { Principal, UserRole } from './principal';
import { TokenService } from './token.service';

type AuthenticatedRequest = Request & { principal?: Principal };

const ROLES_KEY = 'switchboard:roles';
/**
 * Restricts a JWT-guarded route to these roles, and publishes them in the OpenAPI document as `x-roles`
 * (the role-matrix test reads them there, so documentation and enforcement cannot drift apart).
 */
export const Roles = (...roles: UserRole[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension('x-roles', roles));

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new DomainError(ErrorCode.Unauthenticated, 'Not authenticated');
  return principal;
});

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly authenticator: ApiKeyAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers['x-api-key'];
    const key = (Array.isArray(header) ? header[0] : header) ?? bearerToken(request.headers.authorization);
    request.principal = await this.authenticator.authenticate(key ?? null);
    return true;
  }
}

@Injectable()
export class JwtGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new DomainError(ErrorCode.Unauthenticated, 'A bearer token is required');
    const principal = await this.tokens.verify(token);
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !roles.includes(principal.role)) {
      throw new DomainError(ErrorCode.Forbidden, `This action needs one of the roles: ${roles.join(', ')}`);
    }
    request.principal = principal;
    return true;
  }
}
