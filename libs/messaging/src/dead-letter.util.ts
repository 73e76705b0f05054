// Builds dead-letter records: the original bytes plus a reason, so an operator can fix and replay them.
import { DEAD_LETTER_V1, type DeadLetterV1, type FieldIssue } from '@switchboard/contracts';
import type { ConsumedMessage, OutgoingMessage } from './bus.port';

export interface Rejection {
  code: string;
  reason: string;
  issues?: FieldIssue[];
}

export function toDeadLetter(message: ConsumedMessage, rejection: Rejection, failedAt: Date): DeadLetterV1 {
  const utf8 = message.value.toString('utf8');
  const decodesCleanly = Buffer.from(utf8, 'utf8').equals(message.value);
  return {
    schema: DEAD_LETTER_V1,
    code: rejection.code,
    reason: rejection.reason,
    issues: rejection.issues ?? [],
    source: { topic: message.topic, partition: message.partition, offset: message.offset, key: message.key },
    value: decodesCleanly ? utf8 : message.value.toString('base64'),
    valueEncoding: decodesCleanly ? 'utf8' : 'base64',
    failedAt: failedAt.toISOString(),
  };
}

export function deadLetterMessage(
  message: ConsumedMessage,
  rejection: Rejection,
  failedAt: Date,
): OutgoingMessage {
  return {
    // Keep the original key so a tenant's rejects stay together and in order.
    key: message.key ?? 'unkeyed',
    value: JSON.stringify(toDeadLetter(message, rejection, failedAt)),
    headers: { 'x-dead-letter-code': rejection.code, 'x-source-topic': message.topic },
  };
}
