// Read side for consoles: why a conversation was routed the way it was.
import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, JwtGuard, type Principal } from '@switchboard/auth';
import { DomainError, ErrorCode, IdSchema } from '@switchboard/contracts';
import { GetRoutingHistory, type RoutingHistory } from './get-routing-history.usecase';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('v1/conversations')
@UseGuards(JwtGuard)
export class ConversationsController {
  constructor(private readonly history: GetRoutingHistory) {}

  @Get(':conversationId/routing')
  @ApiOkResponse({ description: 'Offers with their routing reasons, and the decision log' })
  routing(
    @CurrentPrincipal() principal: Principal,
    @Param('conversationId') conversationId: string,
  ): Promise<RoutingHistory> {
    if (principal.kind !== 'user') throw new DomainError(ErrorCode.Forbidden, 'Console users only');
    if (!IdSchema.safeParse(conversationId).success) {
      throw new DomainError(ErrorCode.ValidationFailed, 'Invalid conversation id', [
        { path: 'conversationId', message: 'not a valid id' },
      ]);
    }
    return this.history.execute(principal, conversationId);
  }
}
