// Read side of the webhook delivery log, per inbox: admins only, within their tenant.
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/auth';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { ApiQueryParams, ZodQueryPipe, type Page } from '@switchboard/platform';
import {
  ListWebhookDeliveries,
  WebhookDeliveriesQuerySchema,
  type WebhookDeliveriesQuery,
  type WebhookDeliveryView,
} from './list-webhook-deliveries.usecase';

@ApiTags('channels')
@ApiBearerAuth()
@Controller('v1/inboxes/:inboxId/webhook-deliveries')
@Roles('admin')
export class WebhookDeliveriesController {
  constructor(private readonly listDeliveries: ListWebhookDeliveries) {}

  @Get()
  @ApiOperation({ summary: "An inbox's recent webhook deliveries with their outcome, newest first" })
  @ApiQueryParams(WebhookDeliveriesQuerySchema)
  @ApiOkResponse({
    description:
      'A page of deliveries (outcome, reason, HTTP status we answered, message ids with whether each is ' +
      'stored, the first 2 KiB of the raw body): { items, nextCursor }',
  })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('inboxId') inboxId: string,
    @Query(new ZodQueryPipe(WebhookDeliveriesQuerySchema)) query: WebhookDeliveriesQuery,
  ): Promise<Page<WebhookDeliveryView>> {
    if (principal.kind !== 'user') throw new DomainError(ErrorCode.Forbidden, 'Console users only');
    return this.listDeliveries.execute(principal, inboxId, query);
  }

  @Get(':deliveryId')
  @ApiOperation({ summary: 'One webhook delivery of the inbox, with its whole raw body' })
  @ApiOkResponse({ description: 'The delivery, as in the list, with rawBody whole' })
  one(
    @CurrentPrincipal() principal: Principal,
    @Param('inboxId') inboxId: string,
    @Param('deliveryId') deliveryId: string,
  ): Promise<WebhookDeliveryView> {
    if (principal.kind !== 'user') throw new DomainError(ErrorCode.Forbidden, 'Console users only');
    return this.listDeliveries.one(principal, inboxId, deliveryId);
  }
}
