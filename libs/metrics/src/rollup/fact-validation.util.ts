// Refuses facts no rollup could hold honestly: non-finite instants, negative durations, CSAT off the 1-5
// scale. Checked before anything is counted, so a bad fact never half-lands in the rows.
import type { MetricFact } from '../facts/metric-fact.model';
import { MetricsError, MetricsErrorCode } from '../metrics.error';

export function validateFact(fact: MetricFact): void {
  const problems: string[] = [];
  const instant = (name: string, value: number): void => {
    if (!Number.isFinite(value)) problems.push(`${name} must be a finite instant`);
  };
  const duration = (name: string, value: number): void => {
    if (!Number.isFinite(value) || value < 0) problems.push(`${name} must be a finite duration >= 0`);
  };
  switch (fact.kind) {
    case 'agentStateSpan':
    case 'agentEngagedSpan':
      instant('start', fact.start);
      duration('ms', fact.ms);
      break;
    case 'queueDepthSpan':
      instant('start', fact.start);
      duration('ms', fact.ms);
      if (!Number.isInteger(fact.depth) || fact.depth < 0) problems.push('depth must be an integer >= 0');
      break;
    case 'contactQueued':
      instant('at', fact.at);
      break;
    case 'contactAnswered':
    case 'contactAbandoned':
      instant('at', fact.at);
      duration('waitMs', fact.waitMs);
      if (fact.thresholdMs !== null) duration('thresholdMs', fact.thresholdMs);
      break;
    case 'responseMeasured':
      instant('at', fact.at);
      duration('ms', fact.ms);
      break;
    case 'contactHandled':
      instant('at', fact.at);
      duration('handleMs', fact.handleMs);
      break;
    case 'csatScored':
      instant('at', fact.at);
      if (!Number.isInteger(fact.score) || fact.score < 1 || fact.score > 5) {
        problems.push('score must be an integer from 1 to 5');
      }
      break;
    case 'waitEstimateScored':
      instant('at', fact.at);
      duration('estimatedMs', fact.estimatedMs);
      duration('actualMs', fact.actualMs);
      break;
  }
  if (problems.length > 0) {
    throw new MetricsError(MetricsErrorCode.InvalidFact, `${fact.kind}: ${problems.join('; ')}`);
  }
}
