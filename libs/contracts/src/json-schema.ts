// JSON Schema exports for integrators who do not use TypeScript.
import { z } from 'zod';
import { AgentCommandV1Schema } from './agent-command.schema';
import { ConfigChangedV1Schema } from './config-changed.schema';
import { DeadLetterV1Schema } from './dead-letter.schema';
import { DeliveryStatusV1Schema } from './delivery-status.schema';
import { InboundContactBodySchema, InboundContactV1Schema } from './inbound-contact.schema';
import { OutboundMessageV1Schema } from './outbound-message.schema';
import { RoutingEventV1Schema } from './routing-event.schema';

export const PUBLISHED_SCHEMAS = {
  'inbound-contact.v1': InboundContactV1Schema,
  'inbound-contact-body.v1': InboundContactBodySchema,
  'agent-command.v1': AgentCommandV1Schema,
  'config-changed.v1': ConfigChangedV1Schema,
  'routing-event.v1': RoutingEventV1Schema,
  'dead-letter.v1': DeadLetterV1Schema,
  'outbound-message.v1': OutboundMessageV1Schema,
  'delivery-status.v1': DeliveryStatusV1Schema,
} as const;

export function toJsonSchemas(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(PUBLISHED_SCHEMAS).map(([name, schema]) => [
      name,
      z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
    ]),
  );
}

/** Where `npm run schemas` writes the documents, relative to the repository root. */
export const JSON_SCHEMA_DIR = 'docs/schemas';

/** File name -> content of every committed JSON Schema document, exactly as `npm run schemas` writes it. */
export function jsonSchemaFiles(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(toJsonSchemas()).map(([name, schema]) => [
      `${name}.json`,
      `${JSON.stringify(schema, null, 2)}\n`,
    ]),
  );
}
