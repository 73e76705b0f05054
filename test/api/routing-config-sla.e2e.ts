// SLA policies, business-hours calendars and holidays admin API over HTTP, on PostgreSQL and on the embedded
// PGlite: CRUD, validation of targets, zones and intervals, in-use guards, pagination, roles and tenant isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse } from '../support/api-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

interface Entity {
  id: string;
  name: string;
  [field: string]: unknown;
}

interface PageBody<T> {
  items: T[];
  nextCursor: string | null;
}

interface ProblemBody {
  code: string;
  errors?: Array<{ path: string; message: string }>;
}

const paths = (response: ApiResponse<unknown>): string[] =>
  ((response.body as ProblemBody).errors ?? []).map((e) => e.path);

const WEEKDAYS = [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:00' }));
const TARGETS = {
  firstResponseMs: { chat: 60_000, email: 3_600_000 },
  nextResponseMs: { chat: 120_000 },
  overrides: [{ tiers: ['platinum'], minPriority: 50, firstResponseMs: { chat: 15_000 } }],
};

describe.each<Mode>(['embedded', 'kafka+postgres'])('SLA policies and business hours API (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let admin: ApiClient;
  let supervisor: ApiClient;
  let agentRole: ApiClient;
  let otherAdmin: ApiClient;
  let seq = 0;

  async function created(response: Promise<ApiResponse<Entity>>): Promise<Entity> {
    const done = await response;
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    return done.body;
  }

  const calendar = (as = admin, extra: Record<string, unknown> = {}) =>
    created(
      as.post<Entity>('/v1/business-hours', {
        name: `cal-${++seq}`,
        timeZone: 'Europe/Lisbon',
        weekly: WEEKDAYS,
        ...extra,
      }),
    );
  const slaPolicy = (extra: Record<string, unknown> = {}, as = admin) =>
    created(as.post<Entity>('/v1/sla-policies', { name: `sla-${++seq}`, targets: TARGETS, ...extra }));

  beforeAll(async () => {
    harness = await startHarness(mode, { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' });
    tenant = await createTenantFixture(harness.prisma, []);
    other = await createTenantFixture(harness.prisma, []);
    admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
    supervisor = await ApiClient.as(harness.url, harness.prisma, tenant, 'supervisor');
    agentRole = await ApiClient.as(harness.url, harness.prisma, tenant, 'agent');
    otherAdmin = await ApiClient.as(harness.url, harness.prisma, other, 'admin');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('creates, reads, changes and deletes an SLA policy measured in business hours', async () => {
    const hours = await calendar();
    const policy = await slaPolicy({ calendarId: hours.id, description: 'Standard' });
    expect(policy).toMatchObject({ calendarId: hours.id, targets: TARGETS, description: 'Standard' });
    // A policy written without the clock settings gets the defaults: warn at 75 %, no actions, no resolution.
    expect(policy).toMatchObject({ warnAtPercent: 75, onWarning: [], onBreach: [] });
    expect((policy.targets as Record<string, unknown>).resolutionMs).toEqual({});
    const read = await supervisor.get<Entity>(`/v1/sla-policies/${policy.id}`);
    expect(read.body).toMatchObject({ id: policy.id, queues: [] });
    expect((await supervisor.get<Entity>(`/v1/business-hours/${hours.id}`)).body.slaPolicies).toEqual([
      { id: policy.id, name: policy.name },
    ]);

    const changed = await admin.patch<Entity>(`/v1/sla-policies/${policy.id}`, {
      calendarId: null,
      targets: { firstResponseMs: { voice: 20_000 } },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({
      calendarId: null,
      targets: { firstResponseMs: { voice: 20_000 }, nextResponseMs: {}, overrides: [] },
    });
    expect((await admin.delete(`/v1/sla-policies/${policy.id}`)).status).toBe(204);
    expect((await admin.get(`/v1/sla-policies/${policy.id}`)).status).toBe(404);
  });

  it('stores resolution targets, the warning threshold and the actions, and changes each on its own', async () => {
    const overflow = await created(admin.post<Entity>('/v1/queues', { name: `overflow-${++seq}` }));
    const targets = {
      ...TARGETS,
      resolutionMs: { chat: 14_400_000 },
      overrides: [{ tiers: ['gold'], resolutionMs: { chat: 7_200_000 } }],
    };
    const onWarning = [{ type: 'raiseScore', by: 25 }, { type: 'notifySupervisors' }];
    const onBreach = [
      { type: 'widenSkills' },
      { type: 'overflow', queueId: overflow.id },
      { type: 'reoffer' },
    ];
    const policy = await slaPolicy({ targets, warnAtPercent: 80, onWarning, onBreach });
    const stored = {
      warnAtPercent: 80,
      onWarning,
      // widenSkills defaults to the next ring of the queue's relaxation plan.
      onBreach: [{ type: 'widenSkills', to: 'next-ring' }, ...onBreach.slice(1)],
    };
    expect(policy).toMatchObject({ targets, ...stored });
    expect((await supervisor.get<Entity>(`/v1/sla-policies/${policy.id}`)).body).toMatchObject({
      targets,
      ...stored,
    });

    const threshold = await admin.patch<Entity>(`/v1/sla-policies/${policy.id}`, { warnAtPercent: 50 });
    expect(threshold.status, JSON.stringify(threshold.body)).toBe(200);
    expect(threshold.body).toMatchObject({ targets, ...stored, warnAtPercent: 50 });
    // The overflow queue cannot be deleted while the policy names it.
    const blocked = await admin.delete(`/v1/queues/${overflow.id}`);
    expect(blocked.status).toBe(409);
    expect(JSON.stringify(blocked.body)).toContain(`SLA policy ${policy.name}`);
    const actions = await admin.patch<Entity>(`/v1/sla-policies/${policy.id}`, { onBreach: [] });
    expect(actions.body).toMatchObject({ warnAtPercent: 50, onWarning, onBreach: [] });
    expect((await admin.delete(`/v1/queues/${overflow.id}`)).status).toBe(204);
  });

  it('names bad thresholds and actions, and refuses overflow into another tenant’s queue', async () => {
    const bad = await admin.post('/v1/sla-policies', {
      name: 'bad-actions',
      targets: TARGETS,
      warnAtPercent: 100,
      onWarning: [{ type: 'raiseScore' }],
      onBreach: [{ type: 'page-the-ceo' }],
    });
    expect(bad.status).toBe(400);
    expect(paths(bad).sort()).toEqual(['onBreach.0.type', 'onWarning.0.by', 'warnAtPercent']);
    const foreign = await created(otherAdmin.post<Entity>('/v1/queues', { name: `theirs-${++seq}` }));
    const stolen = await admin.post('/v1/sla-policies', {
      name: 'stolen-overflow',
      targets: TARGETS,
      onBreach: [{ type: 'notifySupervisors' }, { type: 'overflow', queueId: foreign.id }],
    });
    expect(stolen.status).toBe(400);
    expect(paths(stolen)).toEqual(['onBreach.1.queueId']);
    const policy = await slaPolicy();
    const patched = await admin.patch(`/v1/sla-policies/${policy.id}`, {
      onWarning: [{ type: 'overflow', queueId: foreign.id }],
    });
    expect(paths(patched)).toEqual(['onWarning.0.queueId']);
  });

  it('names bad SLA targets and references', async () => {
    const bad = await admin.post('/v1/sla-policies', {
      name: 'bad',
      targets: {
        firstResponseMs: { chat: -1 },
        overrides: [{ tiers: ['gold'], minPriority: 80, maxPriority: 10, firstResponseMs: { email: 1 } }],
      },
    });
    expect(bad.status).toBe(400);
    expect(paths(bad).sort()).toEqual(['targets.firstResponseMs.chat', 'targets.overrides.0.maxPriority']);
    const foreignCalendar = await calendar(otherAdmin);
    const stolen = await admin.post('/v1/sla-policies', {
      name: 'x',
      calendarId: foreignCalendar.id,
      targets: TARGETS,
    });
    expect(stolen.status).toBe(400);
    expect(paths(stolen)).toEqual(['calendarId']);
  });

  it('keeps an SLA policy while a queue uses it, and a calendar while an SLA policy uses it', async () => {
    const hours = await calendar();
    const policy = await slaPolicy({ calendarId: hours.id });
    const queue = await created(
      admin.post<Entity>('/v1/queues', { name: `q-${++seq}`, slaPolicyId: policy.id }),
    );
    expect((await admin.delete(`/v1/sla-policies/${policy.id}`)).status).toBe(409);
    expect((await admin.delete(`/v1/business-hours/${hours.id}`)).status).toBe(409);
    expect((await admin.patch(`/v1/queues/${queue.id}`, { slaPolicyId: null })).status).toBe(200);
    expect((await admin.delete(`/v1/sla-policies/${policy.id}`)).status).toBe(204);
    expect((await admin.delete(`/v1/business-hours/${hours.id}`)).status).toBe(204);
  });

  it('creates and changes a calendar, validating the zone and the week', async () => {
    const hours = await calendar(admin, { name: 'Lisbon office' });
    expect(hours).toMatchObject({ name: 'Lisbon office', timeZone: 'Europe/Lisbon', weekly: WEEKDAYS });
    const split = [
      { day: 1, open: '08:00', close: '12:00' },
      { day: 1, open: '13:00', close: '24:00' },
    ];
    const changed = await admin.patch<Entity>(`/v1/business-hours/${hours.id}`, {
      timeZone: 'America/New_York',
      weekly: split,
    });
    expect(changed.body).toMatchObject({ timeZone: 'America/New_York', weekly: split });

    const bad = await admin.post('/v1/business-hours', {
      name: 'bad',
      timeZone: 'Mars/Olympus_Mons',
      weekly: [
        { day: 1, open: '17:00', close: '09:00' },
        { day: 2, open: '09:00', close: '17:00' },
        { day: 2, open: '16:30', close: '18:00' },
        { day: 7, open: '09:00', close: '10:00' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(paths(bad).sort()).toEqual(['timeZone', 'weekly.0.close', 'weekly.2', 'weekly.3.day']);
    expect(
      paths(await admin.post('/v1/business-hours', { name: 'x', timeZone: '+01:00', weekly: [] })),
    ).toEqual(['timeZone']);
  });

  it('adds, lists and removes holidays; a second holiday on a date is a conflict', async () => {
    const hours = await calendar();
    const base = `/v1/business-hours/${hours.id}/holidays`;
    const christmas = await created(admin.post<Entity>(base, { date: '2026-12-25', name: 'Christmas' }));
    expect(christmas).toMatchObject({ date: '2026-12-25', calendarId: hours.id });
    await created(admin.post<Entity>(base, { date: '2027-01-01', name: 'New Year' }));
    const duplicate = await admin.post(base, { date: '2026-12-25', name: 'Again' });
    expect(duplicate.status).toBe(409);
    expect(paths(duplicate)).toEqual(['date']);
    expect(paths(await admin.post(base, { date: '2026-02-30', name: 'No such day' }))).toEqual(['date']);

    const listed = await supervisor.get<PageBody<Entity>>(`${base}?limit=1`);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.nextCursor).not.toBeNull();
    const rest = await supervisor.get<PageBody<Entity>>(`${base}?limit=1&cursor=${listed.body.nextCursor}`);
    expect(rest.body.items.map((h) => h.date)).toEqual(['2027-01-01']);

    expect((await admin.delete(`${base}/${christmas.id}`)).status).toBe(204);
    expect((await admin.delete(`${base}/${christmas.id}`)).status).toBe(404);
    // Once removed, the date is free again; deleting the calendar takes its holidays with it.
    await created(admin.post<Entity>(base, { date: '2026-12-25', name: 'Christmas' }));
    expect((await admin.delete(`/v1/business-hours/${hours.id}`)).status).toBe(204);
    expect(await harness.prisma.holiday.count({ where: { calendarId: hours.id } })).toBe(0);
  });

  it('answers 409 naming the field for duplicate names', async () => {
    const hours = await calendar();
    const dupCalendar = await admin.post('/v1/business-hours', {
      name: hours.name,
      timeZone: 'UTC',
      weekly: [],
    });
    expect(dupCalendar.status).toBe(409);
    expect(paths(dupCalendar)).toEqual(['name']);
    const policy = await slaPolicy();
    const dupPolicy = await admin.post('/v1/sla-policies', { name: policy.name, targets: TARGETS });
    expect(dupPolicy.status).toBe(409);
    expect(paths(dupPolicy)).toEqual(['name']);
  });

  it('pages by id with limit and nextCursor', async () => {
    const fresh = await createTenantFixture(harness.prisma, []);
    const freshAdmin = await ApiClient.as(harness.url, harness.prisma, fresh, 'admin');
    for (let i = 0; i < 5; i++) {
      await calendar(freshAdmin);
      await slaPolicy({}, freshAdmin);
    }
    for (const path of ['/v1/business-hours', '/v1/sla-policies']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
        const page: ApiResponse<PageBody<Entity>> = await freshAdmin.get(`${path}${query}`);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((item) => item.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(5);
      expect([...seen].sort()).toEqual(seen);
    }
  });

  it('enforces roles: 401 without a token, supervisors read, only admins write, agents nothing', async () => {
    const hours = await calendar();
    const anonymous = ApiClient.anonymous(harness.url);
    expect((await anonymous.get('/v1/sla-policies')).status).toBe(401);
    expect((await anonymous.get(`/v1/business-hours/${hours.id}/holidays`)).status).toBe(401);
    expect((await supervisor.get('/v1/sla-policies')).status).toBe(200);
    expect((await supervisor.get(`/v1/business-hours/${hours.id}/holidays`)).status).toBe(200);
    expect((await supervisor.post('/v1/sla-policies', { name: 'no', targets: TARGETS })).status).toBe(403);
    expect((await supervisor.patch(`/v1/business-hours/${hours.id}`, { name: 'no' })).status).toBe(403);
    expect((await supervisor.delete(`/v1/business-hours/${hours.id}`)).status).toBe(403);
    expect(
      (await supervisor.post(`/v1/business-hours/${hours.id}/holidays`, { date: '2026-05-01', name: 'x' }))
        .status,
    ).toBe(403);
    expect((await agentRole.get('/v1/business-hours')).status).toBe(403);
    expect((await agentRole.get('/v1/sla-policies')).status).toBe(403);
  });

  it("treats another tenant's ids as unknown", async () => {
    const hours = await calendar();
    const policy = await slaPolicy();
    const holiday = await created(
      admin.post<Entity>(`/v1/business-hours/${hours.id}/holidays`, {
        date: '2026-06-10',
        name: 'Portugal Day',
      }),
    );
    for (const path of [`/v1/sla-policies/${policy.id}`, `/v1/business-hours/${hours.id}`]) {
      expect((await otherAdmin.get(path)).status).toBe(404);
      expect((await otherAdmin.patch(path, { name: 'hijack' })).status).toBe(404);
      expect((await otherAdmin.delete(path)).status).toBe(404);
    }
    const holidays = `/v1/business-hours/${hours.id}/holidays`;
    expect((await otherAdmin.get(holidays)).status).toBe(404);
    expect((await otherAdmin.post(holidays, { date: '2026-06-11', name: 'x' })).status).toBe(404);
    expect((await otherAdmin.delete(`${holidays}/${holiday.id}`)).status).toBe(404);
    expect((await admin.get(`/v1/sla-policies/${policy.id}`)).status).toBe(200);
    expect(await harness.prisma.holiday.count({ where: { calendarId: hours.id } })).toBe(1);
  });
});
