// What summarize returns: the metrics over one series and period. Every ratio and average is null
// when its denominator is zero; rates are fractions (0.8, not 80).

export interface ResponseTimeMetrics {
  readonly count: number;
  readonly averageMs: number | null;
  /** From the log histogram: within HISTOGRAM_RELATIVE_ERROR of the exact nearest-rank percentile. */
  readonly p50Ms: number | null;
  readonly p90Ms: number | null;
  /** Share of responses that met their SLA target, among those that had one. */
  readonly withinTargetRate: number | null;
}

export interface Metrics {
  readonly queued: number;
  readonly answered: number;
  readonly abandoned: number;
  /** Answered within threshold / (answered + abandoned after threshold), over contacts with a threshold. */
  readonly serviceLevel: number | null;
  readonly serviceLevelVariants: {
    /** Answered within threshold / answered: abandons ignored. */
    readonly answeredOnly: number | null;
    /** Answered within threshold / (answered + every abandon). */
    readonly allAbandonsCounted: number | null;
    /** (Answered within + abandoned within threshold) / (answered + every abandon). */
    readonly shortAbandonsMet: number | null;
  };
  /** Average speed of answer: mean wait of answered contacts. */
  readonly asaMs: number | null;
  readonly waitP50Ms: number | null;
  readonly waitP90Ms: number | null;
  /** Longest wait of a contact answered or abandoned in the period. */
  readonly longestWaitMs: number | null;
  /** Abandoned / (answered + abandoned). */
  readonly abandonmentRate: number | null;
  readonly shortAbandons: number;
  readonly firstResponse: ResponseTimeMetrics;
  readonly nextResponse: ResponseTimeMetrics;
  readonly handled: number;
  /** Average handle time: acceptance to resolution. */
  readonly ahtMs: number | null;
  /** Time available, busy or in wrap-up. */
  readonly staffedMs: number;
  /** Time holding at least one open assignment. */
  readonly engagedMs: number;
  /** engagedMs / staffedMs. */
  readonly occupancy: number | null;
  readonly csat: {
    readonly responses: number;
    /** Share of 4s and 5s. */
    readonly satisfiedRate: number | null;
    readonly averageScore: number | null;
  };
  /** Contacts waiting: queue rows hold the queue, tenant rows every queue together (the default one too). */
  readonly queueDepth: {
    /** Time-weighted average: depthMsSum / the covered ms; null when the period's length is not given. */
    readonly average: number | null;
    /** The most contacts waiting at any batch in the period (0 when none waited). */
    readonly max: number;
    /** Contacts × ms waiting: the additive numerator of the average. */
    readonly depthMsSum: number;
  };
  readonly waitEstimates: {
    readonly scored: number;
    readonly meanAbsoluteErrorMs: number | null;
    /** Positive when estimates run long (pessimistic). */
    readonly meanErrorMs: number | null;
    readonly within30sRate: number | null;
  };
}
