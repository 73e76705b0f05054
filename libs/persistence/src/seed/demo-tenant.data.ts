// The demo tenant: a small but realistic contact center that exercises skills, languages and capacities.
import type { Prisma } from '../generated/prisma/client';

export const DEMO_TENANT = { slug: 'demo', name: 'Demo Contact Center' } as const;
export const DEMO_API_KEY_NAME = 'demo-integrator';
export const DEMO_EMAIL_DOMAIN = 'demo.test';

export interface DemoQueue {
  readonly name: string;
  readonly policy: Prisma.InputJsonObject;
}

export interface DemoAgent {
  readonly displayName: string;
  /** Skill -> proficiency 1..10. */
  readonly skills: Readonly<Record<string, number>>;
  readonly languages: readonly string[];
  /** Concurrent units per channel class. */
  readonly capacity: Readonly<Record<'chat' | 'email' | 'social' | 'voice', number>>;
  readonly maxUnits: number | null;
}

export const DEMO_QUEUES: readonly DemoQueue[] = [
  { name: 'general', policy: { strategy: 'longest-idle', requiredSkills: {} } },
  { name: 'billing', policy: { strategy: 'best-skill', requiredSkills: { billing: 4 } } },
  { name: 'technical', policy: { strategy: 'best-skill', requiredSkills: { technical: 5 } } },
];

// Agents are numbered in this order: agent1@demo.test is Ada, and so on.
export const DEMO_AGENTS: readonly DemoAgent[] = [
  {
    displayName: 'Ada Lovelace',
    skills: { billing: 8, technical: 6 },
    languages: ['en', 'fr'],
    capacity: { chat: 3, email: 5, social: 2, voice: 1 },
    maxUnits: 6,
  },
  {
    displayName: 'Bruno Díaz',
    skills: { billing: 5, sales: 7 },
    languages: ['es', 'en'],
    capacity: { chat: 2, email: 4, social: 2, voice: 1 },
    maxUnits: 5,
  },
  {
    displayName: 'Chen Wei',
    skills: { technical: 9 },
    languages: ['zh', 'en'],
    capacity: { chat: 4, email: 6, social: 0, voice: 1 },
    maxUnits: null,
  },
  {
    displayName: 'Dalia Haddad',
    skills: { sales: 6, retention: 8 },
    languages: ['ar', 'en', 'fr'],
    capacity: { chat: 3, email: 3, social: 3, voice: 1 },
    maxUnits: 6,
  },
  {
    displayName: 'Emeka Obi',
    skills: { technical: 5, billing: 4 },
    languages: ['en'],
    capacity: { chat: 2, email: 8, social: 1, voice: 0 },
    maxUnits: 8,
  },
  {
    displayName: 'Freya Nilsson',
    skills: { retention: 7, sales: 5 },
    languages: ['sv', 'en', 'de'],
    capacity: { chat: 3, email: 5, social: 2, voice: 1 },
    maxUnits: 6,
  },
];

/** Console logins besides the agents' own. */
export const DEMO_STAFF = [
  { local: 'supervisor', role: 'supervisor' },
  { local: 'admin', role: 'admin' },
] as const;

export function demoAgentEmail(index: number): string {
  return `agent${index + 1}@${DEMO_EMAIL_DOMAIN}`;
}
