// Admin API for inboxes: where each channel's input comes in and the secrets its connector uses. Admins only,
// since an inbox holds credentials for the tenant's accounts on other platforms.
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/auth';
import {
  CreateInboxBodySchema,
  UpdateInboxBodySchema,
  type CreateInboxBody,
  type UpdateInboxBody,
} from '@switchboard/contracts';
import {
  ApiQueryParams,
  ApiZodBody,
  PageQuerySchema,
  ZodBodyPipe,
  ZodQueryPipe,
  type Page,
  type PageQuery,
} from '@switchboard/platform';
import { consoleUser } from '../shared/console-user.util';
import { IdParamPipe } from '../shared/id-param.pipe';
import { CreateInbox } from './create-inbox.usecase';
import { DeleteInbox } from './delete-inbox.usecase';
import { GetInbox } from './get-inbox.usecase';
import type { InboxView } from './inbox.view';
import { ListInboxes } from './list-inboxes.usecase';
import { UpdateInbox } from './update-inbox.usecase';

@ApiTags('inboxes')
@ApiBearerAuth()
@Controller('v1/inboxes')
@Roles('admin')
export class InboxesController {
  constructor(
    private readonly listInboxes: ListInboxes,
    private readonly getInbox: GetInbox,
    private readonly createInbox: CreateInbox,
    private readonly updateInbox: UpdateInbox,
    private readonly deleteInbox: DeleteInbox,
  ) {}

  @Get()
  @ApiQueryParams(PageQuerySchema)
  @ApiOkResponse({ description: 'A page of inboxes, ordered by id; secrets masked' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodQueryPipe(PageQuerySchema)) query: PageQuery,
  ): Promise<Page<InboxView>> {
    return this.listInboxes.execute(consoleUser(principal), query);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'The inbox, its webhook URL and which secrets are set (masked)' })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
  ): Promise<InboxView> {
    return this.getInbox.execute(consoleUser(principal), id);
  }

  @Post()
  @ApiZodBody(CreateInboxBodySchema)
  @ApiCreatedResponse({ description: 'The created inbox; secrets masked' })
  @ApiConflictResponse({ description: 'Another inbox (of any tenant) has this address on this channel' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodBodyPipe(CreateInboxBodySchema)) body: CreateInboxBody,
  ): Promise<InboxView> {
    return this.createInbox.execute(consoleUser(principal), body);
  }

  @Patch(':id')
  @ApiZodBody(UpdateInboxBodySchema)
  @ApiOkResponse({ description: 'The updated inbox; secrets masked' })
  @ApiConflictResponse({ description: 'Another inbox (of any tenant) has this address on this channel' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
    @Body(new ZodBodyPipe(UpdateInboxBodySchema)) body: UpdateInboxBody,
  ): Promise<InboxView> {
    return this.updateInbox.execute(consoleUser(principal), id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; its conversations stay, unlinked' })
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
  ): Promise<void> {
    return this.deleteInbox.execute(consoleUser(principal), id);
  }
}
