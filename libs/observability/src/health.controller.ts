// GET /health for load balancers and the test harness: 200 when every probe passes, 503 with reasons otherwise.
import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import type { Response } from 'express';
import { READINESS_PROBES, type ReadinessProbe } from './health-indicator';

// Public (no credentials): declared with @Public() in PlatformModule, where auth and observability meet.
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(READINESS_PROBES) private readonly probes: ReadinessProbe[],
  ) {}

  @Get()
  @HealthCheck()
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult | string | object> {
    try {
      return await this.health.check(this.probes.map((probe) => () => this.run(probe)));
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      // Answered here: the global problem filter would replace which probe failed, and why, with a generic 503.
      response.status(error.getStatus());
      return error.getResponse();
    }
  }

  private async run(probe: ReadinessProbe): Promise<HealthIndicatorResult> {
    const session = this.indicator.check(probe.name);
    try {
      await probe.check();
      return session.up();
    } catch (error) {
      return session.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
