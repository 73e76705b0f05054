// Admin API for queues. Supervisors read; only admins change where and how work waits.
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
  CreateQueueBodySchema,
  UpdateQueueBodySchema,
  type CreateQueueBody,
  type UpdateQueueBody,
} from '@switchboard/contracts';
import {
  PageQuerySchema,
  ZodBodyPipe,
  ZodQueryPipe,
  type Page,
  type PageQuery,
  ApiQueryParams,
  ApiZodBody,
} from '@switchboard/platform';
import { consoleUser } from '../../shared/console-user.util';
import { IdParamPipe } from '../../shared/id-param.pipe';
import { CreateQueue } from './create-queue.usecase';
import { DeleteQueue } from './delete-queue.usecase';
import { GetQueue } from './get-queue.usecase';
import { ListQueues } from './list-queues.usecase';
import type { QueueDetailView, QueueView } from './queue.view';
import { UpdateQueue } from './update-queue.usecase';

@ApiTags('queues')
@ApiBearerAuth()
@Controller('v1/queues')
@Roles('supervisor', 'admin')
export class QueuesController {
  constructor(
    private readonly listQueues: ListQueues,
    private readonly getQueue: GetQueue,
    private readonly createQueue: CreateQueue,
    private readonly updateQueue: UpdateQueue,
    private readonly deleteQueue: DeleteQueue,
  ) {}

  @Get()
  @ApiQueryParams(PageQuerySchema)
  @ApiOkResponse({ description: 'A page of queues, ordered by id' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodQueryPipe(PageQuerySchema)) query: PageQuery,
  ): Promise<Page<QueueView>> {
    return this.listQueues.execute(consoleUser(principal), query);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'The queue, its effective policy and its open conversation count' })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
  ): Promise<QueueDetailView> {
    return this.getQueue.execute(consoleUser(principal), id);
  }

  @Post()
  @Roles('admin')
  @ApiZodBody(CreateQueueBodySchema)
  @ApiCreatedResponse({ description: 'The created queue' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodBodyPipe(CreateQueueBodySchema)) body: CreateQueueBody,
  ): Promise<QueueView> {
    return this.createQueue.execute(consoleUser(principal), body);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiZodBody(UpdateQueueBodySchema)
  @ApiOkResponse({ description: 'The updated queue; waiting contacts are re-evaluated against it' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
    @Body(new ZodBodyPipe(UpdateQueueBodySchema)) body: UpdateQueueBody,
  ): Promise<QueueView> {
    return this.updateQueue.execute(consoleUser(principal), id, body);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConflictResponse({ description: 'The queue has open conversations or is an overflow target' })
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
  ): Promise<void> {
    return this.deleteQueue.execute(consoleUser(principal), id);
  }
}
