// Documents a request body in OpenAPI from the same zod schema the ZodBodyPipe validates with.
import { ApiBody } from '@nestjs/swagger';
import { z } from 'zod';

export function ApiZodBody(schema: z.ZodType): MethodDecorator {
  return ApiBody({ schema: z.toJSONSchema(schema, { io: 'input' }) as object });
}
