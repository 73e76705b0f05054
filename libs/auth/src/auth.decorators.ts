// How a route declares who may call it. The global AuthenticationGuard reads these; a route with none of
// them needs a live console session, so forgetting a decorator fails closed.
import { SetMetadata, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiExtension, ApiSecurity } from '@nestjs/swagger';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import type { Request } from 'express';
import type { Principal, UserRole } from './principal';

export type AuthenticatedRequest = Request & { principal?: Principal };

/** Which credential a route takes. 'console' (a JWT with a live session) is what no decorator means. */
export type AuthPolicy = 'public' | 'api-key' | 'console';

export const AUTH_POLICY_KEY = 'switchboard:auth-policy';
export const ROLES_KEY = 'switchboard:roles';

/**
 * Anyone may call this route, with no credential at all. Use it only for routes that must work before a
 * caller has credentials (login, refresh), for probes (health, metrics), and for routes that prove the
 * caller some other way, such as channel webhooks that verify a signature in the handler. Every public
 * route is listed in `test/api/deny-by-default.e2e.ts`, which fails when one is added without updating it.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(AUTH_POLICY_KEY, 'public');

/** An integrator route: the caller presents an API key (`X-Api-Key`, or `Authorization: Bearer sb_...`). */
export const ApiKeyAuth = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(AUTH_POLICY_KEY, 'api-key'), ApiSecurity('api-key'));

/**
 * Restricts a console route to these roles, and publishes them in the OpenAPI document as `x-roles`
 * (the role-matrix test reads them there, so documentation and enforcement cannot drift apart).
 */
export const Roles = (...roles: UserRole[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension('x-roles', roles));

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new DomainError(ErrorCode.Unauthenticated, 'Not authenticated');
  return principal;
});
