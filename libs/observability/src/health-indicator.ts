// A named readiness probe; each infrastructure adapter contributes one and /health runs them all.
export interface ReadinessProbe {
  name: string;
  /** Resolves when ready; rejects with the reason otherwise. */
  check(): Promise<void>;
}

export const READINESS_PROBES = Symbol('READINESS_PROBES');
