// `npm run report -- --tenant <slug> --date YYYY-MM-DD`: prints the day's SLA report as a table, read from
// the metric rollups in DATABASE_URL or the embedded PGlite data dir (the same target the app and
// `npm run db:seed` use; PGlite allows one process per data dir, so stop the app first when embedded).
// Days are UTC days: tenants have no configured time zone yet, and the router writes UTC day buckets.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { formatSlaTable, slaDayReport } from '../libs/gateway-api/src/reports/sla-day.report';
import { tenantTimeZone } from '../libs/gateway-api/src/reports/zoned-rollup-rows.reader';
import { zoneClock } from '@switchboard/sla';
import { printLine, runCommand } from '../libs/persistence/src/cli/cli-output.util';
import { describeDatabaseTarget, openDatabase, resolveDatabaseTarget } from '@switchboard/persistence';

const DAY_MS = 86_400_000;

const ArgsSchema = z.object({
  tenant: z.string().min(1, 'give the tenant slug: --tenant demo'),
  date: z.iso.date('give the day as --date YYYY-MM-DD'),
});

runCommand('report', async () => {
  const { values } = parseArgs({
    options: { tenant: { type: 'string' }, date: { type: 'string' } },
    strict: true,
  });
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const { tenant: slug, date } = parsed.data;
  const target = resolveDatabaseTarget(process.env);
  const database = openDatabase(target);
  try {
    const [tenant] = await database.sql.query<{ id: string; name: string }>(
      `SELECT id, name FROM tenants WHERE slug = $1`,
      [slug],
    );
    if (tenant === undefined) throw new Error(`no tenant "${slug}" in ${describeDatabaseTarget(target)}`);
    // The tenant's local day: from its midnight to the next (23 or 25 hours across a DST change).
    const timeZone = await tenantTimeZone(database.sql, tenant.id);
    const zone = zoneClock(timeZone);
    const wall = Date.parse(`${date}T00:00:00Z`);
    const day = { tenantId: tenant.id, from: zone.instantOf(wall), to: zone.instantOf(wall + DAY_MS) };
    const rows = await slaDayReport(database.sql, day, timeZone);
    printLine(`SLA report for ${tenant.name} (${slug}), ${date} (${timeZone} day)`);
    printLine(rows.length === 0 ? 'No contacts measured that day.' : formatSlaTable(rows));
  } finally {
    await database.close();
  }
});
