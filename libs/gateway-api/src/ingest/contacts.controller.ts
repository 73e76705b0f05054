// Integrator REST ingest. The channel message id is the idempotency key: resending is always safe.
import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { ApiAcceptedResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard, CurrentPrincipal, type Principal } from '@switchboard/auth';
import {
  InboundContactBodySchema,
  type InboundContactBody,
  DomainError,
  ErrorCode,
} from '@switchboard/contracts';
import { ZodBodyPipe, ApiZodBody } from '@switchboard/platform';
import { AcceptInbound, type AcceptedInbound } from './accept-inbound.usecase';

@ApiTags('ingest')
@ApiSecurity('api-key')
@Controller('v1/contacts')
@UseGuards(ApiKeyGuard, ThrottlerGuard)
@SkipThrottle({ login: true })
export class ContactsController {
  constructor(private readonly acceptInbound: AcceptInbound) {}

  @Post()
  @HttpCode(202)
  @ApiZodBody(InboundContactBodySchema)
  @ApiAcceptedResponse({ description: 'Durably queued for routing' })
  accept(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodBodyPipe(InboundContactBodySchema)) body: InboundContactBody,
  ): Promise<AcceptedInbound> {
    if (principal.kind !== 'integrator')
      throw new DomainError(ErrorCode.Forbidden, 'Ingest needs an API key');
    return this.acceptInbound.execute(principal, body);
  }
}
