// Integrator REST ingest. The channel message id is the idempotency key: resending is always safe.
import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiKeyAuth, CurrentPrincipal, type Principal } from '@switchboard/auth';
import {
  InboundContactBodySchema,
  type InboundContactBody,
  DomainError,
  ErrorCode,
} from '@switchboard/contracts';
import { ApiZodBody } from '@switchboard/platform';
import { RateLimitGuard } from '../limits/rate-limit.guard';
import { AcceptInbound, type AcceptedInbound } from './accept-inbound.usecase';
import { InboundContactBodyPipe } from './inbound-contact-body.pipe';

@ApiTags('ingest')
@ApiKeyAuth()
@Controller('v1/contacts')
@UseGuards(RateLimitGuard)
@SkipThrottle({ login: true })
export class ContactsController {
  constructor(private readonly acceptInbound: AcceptInbound) {}

  @Post()
  @HttpCode(202)
  @ApiZodBody(InboundContactBodySchema)
  @ApiAcceptedResponse({ description: 'Durably queued for routing' })
  @ApiBadRequestResponse({
    description: 'Invalid body, including text PostgreSQL cannot store (NUL) and non-https attachment URLs',
  })
  @ApiNotFoundResponse({ description: 'The named queue does not exist for this tenant' })
  @ApiServiceUnavailableResponse({
    description: 'Too much work is waiting, or the bus is down: retry after the Retry-After header (seconds)',
  })
  accept(
    @CurrentPrincipal() principal: Principal,
    @Body(InboundContactBodyPipe) body: InboundContactBody,
  ): Promise<AcceptedInbound> {
    if (principal.kind !== 'integrator')
      throw new DomainError(ErrorCode.Forbidden, 'Ingest needs an API key');
    return this.acceptInbound.execute(principal, body);
  }
}
