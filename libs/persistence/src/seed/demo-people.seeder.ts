// Converges the demo tenant's people: agents with their logins, teams and memberships, and staff logins.
import type { PrismaClient } from '../generated/prisma/client';
import { DEMO_AGENTS } from './demo-agents.data';
import { DEMO_TEAMS } from './demo-routing.data';
import { DEMO_EMAIL_DOMAIN, DEMO_STAFF, demoAgentEmail } from './demo-tenant.data';

/** argon2id hashes of each role's password. */
export interface PasswordHashes {
  readonly agent: string;
  readonly supervisor: string;
  readonly admin: string;
}

export interface PasswordWrite {
  /** Also replace the password of logins that already exist (a pinned password); else only new logins get one. */
  readonly overwrite: boolean;
}

export interface PeopleSeedCounts {
  readonly agents: number;
  readonly teams: number;
  readonly users: number;
}

export async function seedPeople(
  prisma: PrismaClient,
  tenantId: string,
  hashes: PasswordHashes,
  write: PasswordWrite,
): Promise<PeopleSeedCounts> {
  const agentIds = await seedAgents(prisma, tenantId, hashes.agent, write);
  await seedTeams(prisma, tenantId, agentIds);
  for (const staff of DEMO_STAFF) {
    const email = `${staff.local}@${DEMO_EMAIL_DOMAIN}`;
    const passwordHash = hashes[staff.role];
    await prisma.user.upsert({
      where: { tenantId_email: { tenantId, email } },
      create: { tenantId, email, passwordHash, role: staff.role },
      update: { ...(write.overwrite ? { passwordHash } : {}), role: staff.role },
    });
  }
  return { agents: agentIds.length, teams: DEMO_TEAMS.length, users: agentIds.length + DEMO_STAFF.length };
}

async function seedAgents(
  prisma: PrismaClient,
  tenantId: string,
  passwordHash: string,
  write: PasswordWrite,
): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, agent] of DEMO_AGENTS.entries()) {
    const email = demoAgentEmail(index);
    const profile = {
      displayName: agent.displayName,
      skills: { ...agent.skills },
      languages: [...agent.languages],
      capacity: { ...agent.capacity },
      maxUnits: agent.maxUnits,
    };
    // Status and `active` are left alone on re-runs: they belong to the live agent and its admins.
    const row = await prisma.agent.upsert({
      where: { tenantId_email: { tenantId, email } },
      create: { tenantId, email, ...profile },
      update: profile,
    });
    await prisma.user.upsert({
      where: { tenantId_email: { tenantId, email } },
      create: { tenantId, email, passwordHash, role: 'agent', agentId: row.id },
      update: { ...(write.overwrite ? { passwordHash } : {}), role: 'agent', agentId: row.id },
    });
    ids.push(row.id);
  }
  return ids;
}

// Memberships are only added: an agent an admin moved into another team stays there.
async function seedTeams(prisma: PrismaClient, tenantId: string, agentIds: readonly string[]): Promise<void> {
  for (const team of DEMO_TEAMS) {
    const row = await prisma.team.upsert({
      where: { tenantId_name: { tenantId, name: team.name } },
      create: { tenantId, ...team },
      update: { description: team.description },
    });
    const members = DEMO_AGENTS.flatMap((agent, index) =>
      agent.teams.includes(team.name) ? [{ tenantId, teamId: row.id, agentId: agentIds[index] }] : [],
    );
    await prisma.teamMember.createMany({ data: members, skipDuplicates: true });
  }
}
