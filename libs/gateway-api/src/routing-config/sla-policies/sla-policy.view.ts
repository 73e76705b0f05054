// How an SLA policy looks over the API.
import { SlaTargetsSchema, type SlaTargets } from '@switchboard/contracts';
import { storedJson } from '../shared/stored-json.util';

export interface SlaPolicyRow {
  id: string;
  name: string;
  description: string | null;
  calendarId: string | null;
  targets: unknown;
  createdAt: Date;
  updatedAt: Date;
}

export interface SlaPolicyView {
  id: string;
  name: string;
  description: string | null;
  calendarId: string | null;
  targets: SlaTargets;
  createdAt: string;
  updatedAt: string;
}

const NO_TARGETS: SlaTargets = { firstResponseMs: {}, nextResponseMs: {}, overrides: [] };

export function toSlaPolicyView(row: SlaPolicyRow): SlaPolicyView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    calendarId: row.calendarId,
    targets: storedJson(SlaTargetsSchema, row.targets, NO_TARGETS),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Database column -> API field for the constraints an SLA-policy write may hit. */
export const SLA_POLICY_CONSTRAINT_FIELDS = { name: 'name', calendar_id: 'calendarId' };
