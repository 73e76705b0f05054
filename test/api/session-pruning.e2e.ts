// Ended sessions are pruned: sessions revoked or lapsed more than AUTH_SESSION_RETENTION_DAYS ago go (with their
// refresh tokens), as do refresh tokens rotated before then; live and recently ended sessions stay, and a
// signed-in console keeps working. Both stacks, through the gateway's own timer.
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { refresh, signIn, statusWith, type SessionBody } from '../support/session-client';

const MODES: Mode[] = ['embedded', 'kafka+postgres'];
const HOUR_MS = 3_600_000;
const RETENTION_MS = 24 * HOUR_MS;
/** Seeded times stay this far from the cutoff, so the seconds a test takes cannot move a row across it. */
const MARGIN_MS = 10 * 60_000;

interface SeededSession {
  id: string;
  /** Offsets from now, in ms (negative: in the past). */
  expiresIn: number;
  revokedIn: number | null;
}

/** Offsets on either side of the cutoff (now − retention), never within the margin of it. */
const offset = (min: number, max: number) =>
  fc.integer({ min, max }).filter((ms) => Math.abs(ms + RETENTION_MS) > MARGIN_MS);

const sessionShape = fc.record({
  expiresIn: offset(-3 * RETENTION_MS, 7 * RETENTION_MS),
  revokedIn: fc.option(offset(-3 * RETENTION_MS, 0), { nil: null }),
});

const prunable = (s: Pick<SeededSession, 'expiresIn' | 'revokedIn'>): boolean =>
  s.expiresIn < -RETENTION_MS || (s.revokedIn !== null && s.revokedIn < -RETENTION_MS);

async function waitFor(condition: () => Promise<boolean>, withinMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > withinMs) throw new Error(`${what} did not happen within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.each(MODES)('session pruning (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;

  beforeAll(async () => {
    harness = await startHarness(mode, {
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
      AUTH_SESSION_RETENTION_DAYS: '1',
      AUTH_SESSION_PRUNE_INTERVAL_MS: '1000',
    });
    tenant = await createTenantFixture(harness.prisma);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('deletes sessions and refresh tokens ended before the retention, and keeps the rest', async () => {
    const agent = tenant.agents[0];
    const first = await signIn(harness.url, tenant.slug, agent.email, agent.password);
    const rotated = await refresh(harness.url, first.refreshToken);
    expect(rotated.status).toBe(200);
    const signedIn = rotated.body as unknown as SessionBody;
    const user = await harness.prisma.user.findFirstOrThrow({ where: { agentId: agent.id } });

    // A live session whose token was rotated long ago: that old token goes, the session and its new token stay.
    const now = Date.now();
    const longLived = await harness.prisma.session.create({
      data: { tenantId: tenant.id, userId: user.id, expiresAt: new Date(now + 7 * RETENTION_MS) },
    });
    const staleHash = randomBytes(32).toString('hex');
    const currentHash = randomBytes(32).toString('hex');
    await harness.prisma.sessionRefreshToken.createMany({
      data: [
        {
          tokenHash: staleHash,
          tenantId: tenant.id,
          sessionId: longLived.id,
          rotatedAt: new Date(now - 2 * RETENTION_MS),
        },
        { tokenHash: currentHash, tenantId: tenant.id, sessionId: longLived.id },
      ],
    });

    const shapes = fc.sample(sessionShape, 60);
    const seeded: SeededSession[] = [];
    for (const shape of shapes) {
      const row = await harness.prisma.session.create({
        data: {
          tenantId: tenant.id,
          userId: user.id,
          expiresAt: new Date(now + shape.expiresIn),
          revokedAt: shape.revokedIn === null ? null : new Date(now + shape.revokedIn),
          revokedReason: shape.revokedIn === null ? null : 'logout',
          refreshTokens: {
            create: { tokenHash: randomBytes(32).toString('hex'), tenantId: tenant.id },
          },
        },
      });
      seeded.push({ id: row.id, ...shape });
    }
    const doomed = seeded.filter(prunable).map((s) => s.id);
    const kept = seeded.filter((s) => !prunable(s)).map((s) => s.id);
    // Both kinds are present, so the test can tell "pruned nothing" and "pruned everything" from right.
    expect(doomed.length).toBeGreaterThan(0);
    expect(kept.length).toBeGreaterThan(0);

    // The pass deletes sessions, then rotated tokens: once the stale token is gone, the pass has run.
    await waitFor(
      async () =>
        (await harness.prisma.sessionRefreshToken.count({ where: { tokenHash: staleHash } })) === 0 &&
        (await harness.prisma.session.count({ where: { id: { in: doomed } } })) === 0,
      15_000,
      'pruning',
    );
    const remaining = await harness.prisma.session.findMany({
      where: { id: { in: [...seeded.map((s) => s.id), longLived.id] } },
      select: { id: true },
    });
    expect(new Set(remaining.map((r) => r.id))).toEqual(new Set([...kept, longLived.id]));
    expect(await harness.prisma.sessionRefreshToken.count({ where: { sessionId: { in: doomed } } })).toBe(0);
    expect(await harness.prisma.sessionRefreshToken.count({ where: { sessionId: { in: kept } } })).toBe(
      kept.length,
    );
    expect(await harness.prisma.sessionRefreshToken.count({ where: { tokenHash: currentHash } })).toBe(1);

    // The console signed in before the pass still works, and still refreshes.
    expect(await statusWith(harness.url, signedIn.token)).toBe(200);
    expect((await refresh(harness.url, signedIn.refreshToken)).status).toBe(200);
  });
});
