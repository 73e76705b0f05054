// Shape checks shared by the command handlers. The host validates at its edge too; these keep the
// engine safe when it is driven directly (tests, simulation).
import type { SkillLevel } from '../model/agent.model';
import { ESCALATION_CAUSES, type EscalationReason, type SkillRequirement } from '../model/contact.model';
import { invalid } from '../model/routing.error';

export const MIN_PROFICIENCY = 1;
export const MAX_PROFICIENCY = 10;
/** Keeps every non-starved score far below the starvation plateau. */
export const MAX_ABS_PRIORITY = 1_000_000;

export function checkId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) throw invalid(`${field}: must be a non-empty string`);
  return value;
}

export function checkTime(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw invalid(`${field}: must be epoch milliseconds`);
  return value;
}

export function checkNonNegative(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw invalid(`${field}: must be a finite number >= 0`);
  }
  return value;
}

export function checkProficiency(value: unknown, field: string): number {
  if (!isProficiency(value)) {
    throw invalid(`${field}: must be an integer ${MIN_PROFICIENCY}..${MAX_PROFICIENCY}`);
  }
  return value as number;
}

export function checkRequirements(list: readonly SkillRequirement[], field: string): void {
  // Array.isArray would narrow the element type to any, so check without narrowing.
  if (!isArray(list)) throw invalid(`${field}: must be an array`);
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    if (typeof r.skill !== 'string' || r.skill.length === 0) checkId(r.skill, `${field}[${i}].skill`);
    // Messages are built only on failure: arrivals check every requirement.
    if (!isProficiency(r.minProficiency)) checkProficiency(r.minProficiency, `${field}[${i}].minProficiency`);
  }
}

export function checkSkillLevels(list: readonly SkillLevel[], field: string): void {
  if (!isArray(list)) throw invalid(`${field}: must be an array`);
  list.forEach((s, i) => {
    checkId(s.skill, `${field}[${i}].skill`);
    checkProficiency(s.proficiency, `${field}[${i}].proficiency`);
  });
}

export function checkPriority(value: number, field: string): number {
  if (!Number.isFinite(value) || Math.abs(value) > MAX_ABS_PRIORITY) {
    throw invalid(`${field}: must be a finite number within ±${MAX_ABS_PRIORITY}`);
  }
  return value;
}

export function checkReason(reason: EscalationReason | undefined, field: string): EscalationReason {
  if (typeof reason !== 'object' || reason === null) throw invalid(`${field}: must be { cause, target }`);
  if (!ESCALATION_CAUSES.includes(reason.cause))
    throw invalid(`${field}.cause: must be one of ${ESCALATION_CAUSES.join(', ')}`);
  checkId(reason.target, `${field}.target`);
  return { cause: reason.cause, target: reason.target };
}

/** Escalation points in total stay within the priority range, so they never reach the starvation plateau. */
export function checkEscalationPoints(value: number, field: string): number {
  if (!Number.isFinite(value) || value < 0 || value > MAX_ABS_PRIORITY)
    throw invalid(`${field}: escalation points must be within 0..${MAX_ABS_PRIORITY}`);
  return value;
}

function isProficiency(value: unknown): boolean {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= MIN_PROFICIENCY &&
    value <= MAX_PROFICIENCY
  );
}

function isArray(value: unknown): boolean {
  return Array.isArray(value);
}
