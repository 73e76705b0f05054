// The published contracts as JSON Schema (draft 2020-12): the inbound record, the agent commands, the routing
// events and the dead letters, for integrators who do not use TypeScript. The same documents are committed
// under docs/schemas (npm run schemas).
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { toJsonSchemas } from '@switchboard/contracts';

@ApiTags('schemas')
@ApiBearerAuth()
@Controller('v1/schemas')
export class SchemasController {
  /** Built once: the contracts are fixed for the life of the process. */
  private readonly schemas = toJsonSchemas();

  @Get()
  @ApiOkResponse({ description: 'Contract name (e.g. inbound-contact.v1) -> its JSON Schema' })
  list(): Record<string, unknown> {
    return this.schemas;
  }
}
