// `npm run load` seeding: migrates the target database, converges the demo tenant with a pinned integrator
// key, then adds agents up to LOAD_AGENTS (agent<N>@demo.test) in two set-based statements, so 5,000 agents
// take a second, not minutes. Every agent starts offline: it goes available itself when its console connects.
//
// Load logins use a cheap argon2id hash (1 MiB, one pass: about 1 ms to verify instead of about 190 ms with
// the library defaults here), so thousands of agents can log in during the warm-up. The login path itself is
// the real one. Prints one JSON line: { tenantId, agents, demoAgents }.
// Environment: DATABASE_URL or PGLITE_DATA_DIR (the target), LOAD_AGENTS, SEED_DEMO_PASSWORD, SEED_DEMO_API_KEY.
import { argon2id, hash } from 'argon2';
import {
  DEMO_EMAIL_DOMAIN,
  openDatabase,
  resolveDatabaseTarget,
  samePasswordForAll,
  seedDemoTenant,
} from '@switchboard/persistence';

// Qualify for every demo queue (billing needs billing >= 4, technical needs technical >= 5).
const LOAD_AGENT_SKILLS = { billing: 6, technical: 6, refunds: 5, sales: 5, retention: 5, onboarding: 5 };
const LOAD_AGENT_CAPACITY = { chat: 3, email: 5, social: 3, voice: 1 };
const LOAD_AGENT_MAX_UNITS = 6;

const ADD_AGENTS = `
  INSERT INTO agents (id, tenant_id, display_name, email, status, skills, languages, capacity, max_units, updated_at)
  SELECT gen_random_uuid()::text, $1, 'Load Agent ' || n, 'agent' || n || '@' || $2, 'offline'::agent_status,
         $3::jsonb, ARRAY['en'], $4::jsonb, $5::int, now()
  FROM generate_series($6::int, $7::int) AS n
  ON CONFLICT (tenant_id, email) DO NOTHING`;

const ADD_LOGINS = `
  INSERT INTO users (id, tenant_id, email, password_hash, role, agent_id)
  SELECT gen_random_uuid()::text, a.tenant_id, a.email, $2, 'agent'::user_role, a.id
  FROM agents a
  WHERE a.tenant_id = $1
  ON CONFLICT (tenant_id, email) DO UPDATE SET password_hash = EXCLUDED.password_hash`;

async function main(): Promise<void> {
  const wanted = Number(process.env.LOAD_AGENTS ?? 20);
  // The harness makes both up for the run: there is no well-known default to fall back on.
  const password = process.env.SEED_DEMO_PASSWORD;
  const apiKey = process.env.SEED_DEMO_API_KEY;
  if (!password || !apiKey) {
    throw new Error('SEED_DEMO_PASSWORD and SEED_DEMO_API_KEY are required: the harness pins both');
  }
  const database = openDatabase(resolveDatabaseTarget(process.env));
  try {
    await database.migrate();
    const demo = await seedDemoTenant(database.prisma, {
      passwords: samePasswordForAll(password),
      apiKey,
    });
    const passwordHash = await hash(password, {
      type: argon2id,
      memoryCost: 1024,
      timeCost: 1,
      parallelism: 1,
    });
    const { prisma } = database;
    if (wanted > demo.agents) {
      await prisma.$executeRawUnsafe(
        ADD_AGENTS,
        demo.tenantId,
        DEMO_EMAIL_DOMAIN,
        JSON.stringify(LOAD_AGENT_SKILLS),
        JSON.stringify(LOAD_AGENT_CAPACITY),
        LOAD_AGENT_MAX_UNITS,
        demo.agents + 1,
        wanted,
      );
    }
    await prisma.$executeRawUnsafe(ADD_LOGINS, demo.tenantId, passwordHash);
    // Nobody is connected yet: an agent left available by an earlier run would get offers no console sees.
    await prisma.agent.updateMany({ where: { tenantId: demo.tenantId }, data: { status: 'offline' } });
    const agents = await prisma.agent.count({ where: { tenantId: demo.tenantId } });
    console.log(JSON.stringify({ tenantId: demo.tenantId, agents, demoAgents: demo.agents }));
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
