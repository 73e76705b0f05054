// Admin API for console users. Admins only, for reads too: the list reveals who can log in.
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/auth';
import {
  CreateUserBodySchema,
  UpdateUserBodySchema,
  UserListFiltersSchema,
  type CreateUserBody,
  type UpdateUserBody,
} from '@switchboard/contracts';
import {
  PageQuerySchema,
  ZodBodyPipe,
  ZodQueryPipe,
  type Page,
  ApiQueryParams,
  ApiZodBody,
} from '@switchboard/platform';
import { consoleUser } from '../../shared/console-user.util';
import { IdParamPipe } from '../../shared/id-param.pipe';
import { CreateUser } from './create-user.usecase';
import { DeleteUser } from './delete-user.usecase';
import { ListUsers, type ListUsersQuery } from './list-users.usecase';
import { UpdateUser } from './update-user.usecase';
import type { UserView } from './user.view';

const ListUsersQuerySchema = PageQuerySchema.extend(UserListFiltersSchema.shape);

@ApiTags('users')
@ApiBearerAuth()
@Controller('v1/users')
@Roles('admin')
export class UsersController {
  constructor(
    private readonly listUsers: ListUsers,
    private readonly createUser: CreateUser,
    private readonly updateUser: UpdateUser,
    private readonly deleteUser: DeleteUser,
  ) {}

  @Get()
  @ApiQueryParams(ListUsersQuerySchema)
  @ApiOkResponse({ description: 'A page of users, ordered by id; never with password hashes' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodQueryPipe(ListUsersQuerySchema)) query: ListUsersQuery,
  ): Promise<Page<UserView>> {
    return this.listUsers.execute(consoleUser(principal), query);
  }

  @Post()
  @ApiZodBody(CreateUserBodySchema)
  @ApiCreatedResponse({ description: 'The created user' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodBodyPipe(CreateUserBodySchema)) body: CreateUserBody,
  ): Promise<UserView> {
    return this.createUser.execute(consoleUser(principal), body);
  }

  @Patch(':id')
  @ApiZodBody(UpdateUserBodySchema)
  @ApiOkResponse({ description: 'The updated user' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
    @Body(new ZodBodyPipe(UpdateUserBodySchema)) body: UpdateUserBody,
  ): Promise<UserView> {
    return this.updateUser.execute(consoleUser(principal), id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
  ): Promise<void> {
    return this.deleteUser.execute(consoleUser(principal), id);
  }
}
