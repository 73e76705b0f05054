// Integrators report a customer who gave up: `POST /v1/conversations/:id/abandon` with the API key. Accepted
// (202) once the record is on the bus; the router abandons the conversation if no agent has answered it yet.
import { Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiKeyAuth, CurrentPrincipal, type Principal } from '@switchboard/auth';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { RateLimitGuard } from '../limits/rate-limit.guard';
import { IdParamPipe } from '../shared/id-param.pipe';
import { AbandonConversation, type AbandonAccepted } from './abandon-conversation.usecase';

@ApiTags('ingest')
@ApiKeyAuth()
@Controller('v1/conversations')
@UseGuards(RateLimitGuard)
@SkipThrottle({ login: true })
export class ConversationAbandonController {
  constructor(private readonly abandon: AbandonConversation) {}

  @Post(':id/abandon')
  @HttpCode(202)
  @ApiOperation({
    summary: 'The customer gave up: abandon the conversation unless an agent already answered it',
  })
  @ApiAcceptedResponse({ description: 'Queued for the router: { conversationId }' })
  @ApiNotFoundResponse({ description: 'No such conversation for this API key’s tenant' })
  @ApiConflictResponse({ description: 'The conversation has already ended' })
  accept(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdParamPipe) conversationId: string,
  ): Promise<AbandonAccepted> {
    if (principal.kind !== 'integrator')
      throw new DomainError(ErrorCode.Forbidden, 'Abandoning needs an API key');
    return this.abandon.execute(principal, conversationId);
  }
}
