// How an SLA policy looks over the API.
import {
  DEFAULT_SLA_WARN_AT_PERCENT,
  SlaActionsSchema,
  SlaTargetsSchema,
  WarnAtPercentSchema,
  type SlaAction,
  type SlaTargets,
} from '@switchboard/contracts';
import { storedJson } from '../shared/stored-json.util';

export interface SlaPolicyRow {
  id: string;
  name: string;
  description: string | null;
  calendarId: string | null;
  targets: unknown;
  warnAtPercent: number;
  onWarning: unknown;
  onBreach: unknown;
  createdAt: Date;
  updatedAt: Date;
}

export interface SlaPolicyView {
  id: string;
  name: string;
  description: string | null;
  calendarId: string | null;
  targets: SlaTargets;
  warnAtPercent: number;
  onWarning: SlaAction[];
  onBreach: SlaAction[];
  createdAt: string;
  updatedAt: string;
}

const NO_TARGETS: SlaTargets = { firstResponseMs: {}, nextResponseMs: {}, resolutionMs: {}, overrides: [] };

export function toSlaPolicyView(row: SlaPolicyRow): SlaPolicyView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    calendarId: row.calendarId,
    targets: storedJson(SlaTargetsSchema, row.targets, NO_TARGETS),
    warnAtPercent: storedJson(WarnAtPercentSchema, row.warnAtPercent, DEFAULT_SLA_WARN_AT_PERCENT),
    onWarning: storedJson(SlaActionsSchema, row.onWarning, []),
    onBreach: storedJson(SlaActionsSchema, row.onBreach, []),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Database column -> API field for the constraints an SLA-policy write may hit. */
export const SLA_POLICY_CONSTRAINT_FIELDS = { name: 'name', calendar_id: 'calendarId' };
