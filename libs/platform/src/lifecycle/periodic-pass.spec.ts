import { describe, expect, it } from 'vitest';
import { PeriodicPass } from './periodic-pass';

class CountingPass extends PeriodicPass {
  started = 0;
  finished = 0;
  release: () => void = () => undefined;

  constructor() {
    super(60_000);
  }

  protected async pass(): Promise<void> {
    this.started += 1;
    await new Promise<void>((resolve) => (this.release = resolve));
    this.finished += 1;
  }
}

describe('PeriodicPass', () => {
  it('never runs two passes at once: a second call joins the pass under way', async () => {
    const pass = new CountingPass();
    const first = pass.runOnce();
    const second = pass.runOnce();
    expect(second).toBe(first);
    pass.release();
    await first;
    expect([pass.started, pass.finished]).toEqual([1, 1]);
    const third = pass.runOnce();
    expect(pass.started).toBe(2);
    pass.release();
    await third;
  });

  it('lets a pass under way finish before shutdown resolves', async () => {
    const pass = new CountingPass();
    pass.onApplicationBootstrap();
    const running = pass.runOnce();
    const shutdown = pass.onApplicationShutdown();
    expect(pass.finished).toBe(0);
    pass.release();
    await shutdown;
    expect(pass.finished).toBe(1);
    await running;
  });
});
