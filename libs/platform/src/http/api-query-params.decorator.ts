// Documents a zod query schema in OpenAPI, one parameter per property, so /docs shows exactly what the
// ZodQueryPipe validates (names, types, enums, bounds) without restating it in decorators.
import { applyDecorators } from '@nestjs/common';
import { ApiQuery, type SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

interface ObjectJsonSchema {
  properties?: Record<string, SchemaObject>;
  required?: string[];
}

export function ApiQueryParams(schema: z.ZodType): MethodDecorator {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as ObjectJsonSchema;
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, property]) =>
      ApiQuery({
        name,
        required: json.required?.includes(name) ?? false,
        description: property.description,
        schema: property,
      }),
    ),
  );
}
