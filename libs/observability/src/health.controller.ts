// GET /health for load balancers and the test harness: 200 when every probe passes, 503 with reasons otherwise.
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { READINESS_PROBES, type ReadinessProbe } from './health-indicator';

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
  check() {
    return this.health.check(this.probes.map((probe) => () => this.run(probe)));
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
