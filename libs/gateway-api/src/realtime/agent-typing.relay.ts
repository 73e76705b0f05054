// Agents' typing indicators, handed from the agents' namespace to whichever channel shows them (web chat).
// Typing is ephemeral: it never goes through the bus or the database, so it reaches visitors connected to the
// same gateway as the agent (docs/adr/0016-web-chat-delivery-through-the-routing-events.md).
import { Injectable } from '@nestjs/common';
import { IdSchema } from '@switchboard/contracts';
import { z } from 'zod';

export const AgentTypingInputSchema = z.strictObject({ conversationId: IdSchema, typing: z.boolean() });

export interface AgentTyping {
  tenantId: string;
  agentId: string;
  conversationId: string;
  typing: boolean;
}

export type AgentTypingListener = (typing: AgentTyping) => void;

@Injectable()
export class AgentTypingRelay {
  private readonly listeners: AgentTypingListener[] = [];

  addListener(listener: AgentTypingListener): void {
    this.listeners.push(listener);
  }

  publish(typing: AgentTyping): void {
    for (const listener of this.listeners) listener(typing);
  }
}
