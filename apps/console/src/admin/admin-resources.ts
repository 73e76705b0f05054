// The admin pages, one per REST resource: where it lives, what the list shows, and the contract schemas its
// forms are generated from (create; edit uses the update schema's fields, PATCH with what changed).
import { CreateAgentBodySchema } from '@switchboard/contracts/admin/agents.schema';
import { CreateApiKeyBodySchema } from '@switchboard/contracts/admin/api-keys.schema';
import { CreateBusinessHoursBodySchema } from '@switchboard/contracts/admin/business-hours.schema';
import { CreateInboxBodySchema } from '@switchboard/contracts/admin/inboxes.schema';
import { CreateQueueBodySchema } from '@switchboard/contracts/admin/queues.schema';
import { CreateRoutingPolicyBodySchema } from '@switchboard/contracts/admin/routing-policies.schema';
import { CreateSkillBodySchema } from '@switchboard/contracts/admin/skills.schema';
import { CreateSlaPolicyBodySchema } from '@switchboard/contracts/admin/sla-policies.schema';
import type { z } from 'zod';

export interface AdminResource {
  path: string;
  label: string;
  endpoint: string;
  columns: string[];
  create: z.ZodType;
  /** False where the API has no PATCH (API keys are created and revoked, never edited). */
  editable: boolean;
}

export const ADMIN_RESOURCES: AdminResource[] = [
  {
    path: 'agents',
    label: 'Agents',
    endpoint: '/v1/agents',
    columns: ['displayName', 'email', 'status'],
    create: CreateAgentBodySchema,
    editable: true,
  },
  {
    path: 'skills',
    label: 'Skills',
    endpoint: '/v1/skills',
    columns: ['name', 'description'],
    create: CreateSkillBodySchema,
    editable: true,
  },
  {
    path: 'queues',
    label: 'Queues',
    endpoint: '/v1/queues',
    columns: ['name', 'openConversations', 'routingPolicyId', 'slaPolicyId'],
    create: CreateQueueBodySchema,
    editable: true,
  },
  {
    path: 'routing-policies',
    label: 'Routing policies',
    endpoint: '/v1/routing-policies',
    columns: ['name', 'description', 'version'],
    create: CreateRoutingPolicyBodySchema,
    editable: true,
  },
  {
    path: 'sla-policies',
    label: 'SLA policies',
    endpoint: '/v1/sla-policies',
    columns: ['name', 'description', 'warnAtPercent'],
    create: CreateSlaPolicyBodySchema,
    editable: true,
  },
  {
    path: 'business-hours',
    label: 'Business hours',
    endpoint: '/v1/business-hours',
    columns: ['name', 'timeZone'],
    create: CreateBusinessHoursBodySchema,
    editable: true,
  },
  {
    path: 'inboxes',
    label: 'Inboxes',
    endpoint: '/v1/inboxes',
    columns: ['name', 'channel', 'address', 'active'],
    create: CreateInboxBodySchema,
    editable: true,
  },
  {
    path: 'api-keys',
    label: 'API keys',
    endpoint: '/v1/api-keys',
    columns: ['name', 'prefix', 'channels', 'lastUsedAt', 'revokedAt'],
    create: CreateApiKeyBodySchema,
    editable: false,
  },
];
