// Admin API for integrator keys. Admins only: a key is a credential for the tenant's ingest.
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/auth';
import { CreateApiKeyBodySchema, type CreateApiKeyBody } from '@switchboard/contracts';
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
import type { ApiKeyView, CreatedApiKeyView } from './api-key.view';
import { CreateApiKey } from './create-api-key.usecase';
import { ListApiKeys } from './list-api-keys.usecase';
import { RevokeApiKey } from './revoke-api-key.usecase';

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('v1/api-keys')
@Roles('admin')
export class ApiKeysController {
  constructor(
    private readonly listApiKeys: ListApiKeys,
    private readonly createApiKey: CreateApiKey,
    private readonly revokeApiKey: RevokeApiKey,
  ) {}

  @Get()
  @ApiQueryParams(PageQuerySchema)
  @ApiOkResponse({ description: 'A page of keys, ordered by id; never their secrets' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodQueryPipe(PageQuerySchema)) query: PageQuery,
  ): Promise<Page<ApiKeyView>> {
    return this.listApiKeys.execute(consoleUser(principal), query);
  }

  @Post()
  @ApiZodBody(CreateApiKeyBodySchema)
  @ApiCreatedResponse({ description: 'The new key; `key` is shown only in this response' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodBodyPipe(CreateApiKeyBodySchema)) body: CreateApiKeyBody,
  ): Promise<CreatedApiKeyView> {
    return this.createApiKey.execute(consoleUser(principal), body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked' })
  revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
  ): Promise<void> {
    return this.revokeApiKey.execute(consoleUser(principal), id);
  }
}
