// Admin API for the skill catalog. Supervisors read; only admins change it.
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
  CreateSkillBodySchema,
  SkillListFiltersSchema,
  UpdateSkillBodySchema,
  type CreateSkillBody,
  type UpdateSkillBody,
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
import { CreateSkill } from './create-skill.usecase';
import { DeleteSkill } from './delete-skill.usecase';
import { ListSkills, type ListSkillsQuery } from './list-skills.usecase';
import type { SkillView } from './skill.view';
import { UpdateSkill } from './update-skill.usecase';

const ListSkillsQuerySchema = PageQuerySchema.extend(SkillListFiltersSchema.shape);

@ApiTags('skills')
@ApiBearerAuth()
@Controller('v1/skills')
export class SkillsController {
  constructor(
    private readonly listSkills: ListSkills,
    private readonly createSkill: CreateSkill,
    private readonly updateSkill: UpdateSkill,
    private readonly deleteSkill: DeleteSkill,
  ) {}

  @Get()
  @Roles('supervisor', 'admin')
  @ApiQueryParams(ListSkillsQuerySchema)
  @ApiOkResponse({ description: 'A page of catalog skills, ordered by id' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodQueryPipe(ListSkillsQuerySchema)) query: ListSkillsQuery,
  ): Promise<Page<SkillView>> {
    return this.listSkills.execute(consoleUser(principal), query);
  }

  @Post()
  @Roles('admin')
  @ApiZodBody(CreateSkillBodySchema)
  @ApiCreatedResponse({ description: 'The created skill' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodBodyPipe(CreateSkillBodySchema)) body: CreateSkillBody,
  ): Promise<SkillView> {
    return this.createSkill.execute(consoleUser(principal), body);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiZodBody(UpdateSkillBodySchema)
  @ApiOkResponse({ description: 'The updated skill' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
    @Body(new ZodBodyPipe(UpdateSkillBodySchema)) body: UpdateSkillBody,
  ): Promise<SkillView> {
    return this.updateSkill.execute(consoleUser(principal), id, body);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; 409 while an agent still holds the skill' })
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
  ): Promise<void> {
    return this.deleteSkill.execute(consoleUser(principal), id);
  }
}
