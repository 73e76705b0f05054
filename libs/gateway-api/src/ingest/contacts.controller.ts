// Integrator REST ingest. Resending is always safe: the router drops a channel message id it already stored,
// and an Idempotency-Key header replays the first answer to a retry.
import { Body, Controller, Headers, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
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
import type { Response } from 'express';
import type { AcceptedInbound } from './accept-inbound.usecase';
import { IDEMPOTENCY_KEY_HEADER, IdempotentIngest } from './idempotency/idempotent-ingest';
import { InboundContactBodyPipe } from './inbound-contact-body.pipe';

@ApiTags('ingest')
@ApiKeyAuth()
@Controller('v1/contacts')
@UseGuards(RateLimitGuard)
@SkipThrottle({ login: true })
export class ContactsController {
  constructor(private readonly ingest: IdempotentIngest) {}

  @Post()
  @HttpCode(202)
  @ApiZodBody(InboundContactBodySchema)
  @ApiAcceptedResponse({ description: 'Durably queued for routing' })
  @ApiBadRequestResponse({
    description: 'Invalid body, including text PostgreSQL cannot store (NUL) and non-https attachment URLs',
  })
  @ApiNotFoundResponse({ description: 'The named queue or inbox does not exist for this tenant' })
  @ApiConflictResponse({
    description:
      'The Idempotency-Key was used with another body, or its first request is still being answered',
  })
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: false,
    description:
      'Up to 255 printable ASCII characters. A retry with the same key and body gets the first answer.',
  })
  @ApiServiceUnavailableResponse({
    description: 'Too much work is waiting, or the bus is down: retry after the Retry-After header (seconds)',
  })
  async accept(
    @CurrentPrincipal() principal: Principal,
    @Body(InboundContactBodyPipe) body: InboundContactBody,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AcceptedInbound> {
    if (principal.kind !== 'integrator')
      throw new DomainError(ErrorCode.Forbidden, 'Ingest needs an API key');
    const answer = await this.ingest.execute(principal, idempotencyKey, body);
    if (answer.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return answer.body;
  }
}
