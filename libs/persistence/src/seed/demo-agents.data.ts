// The demo tenant's 20 agents: a spread of skills, languages and capacities, so every routing rule
// (skills, language, capacity per channel class, overall caps) has agents that pass and agents that fail it.
import type { DemoSkillName } from './demo-routing.data';

export interface DemoAgent {
  readonly displayName: string;
  /** Skill (a name from the skill catalog) -> proficiency 1..10. */
  readonly skills: Readonly<Partial<Record<DemoSkillName, number>>>;
  readonly languages: readonly string[];
  /** Concurrent units per channel class. */
  readonly capacity: Readonly<Record<'chat' | 'email' | 'social' | 'voice', number>>;
  readonly maxUnits: number | null;
  /** Teams by name; see DEMO_TEAMS. */
  readonly teams: readonly string[];
}

// Capacity profiles: chat-heavy, email-heavy and blended desks.
const CHAT_DESK = { chat: 4, email: 2, social: 2, voice: 1 } as const;
const EMAIL_DESK = { chat: 1, email: 8, social: 1, voice: 0 } as const;
const BLENDED = { chat: 3, email: 5, social: 2, voice: 1 } as const;
const SOCIAL_DESK = { chat: 2, email: 3, social: 5, voice: 0 } as const;

// Agents are numbered in this order: agent1@demo.test is Ada, and so on. Keep the order stable:
// logins and tests refer to agents by number.
export const DEMO_AGENTS: readonly DemoAgent[] = [
  {
    displayName: 'Ada Lovelace',
    skills: { billing: 8, technical: 6 },
    languages: ['en', 'fr'],
    capacity: BLENDED,
    maxUnits: 6,
    teams: ['billing-payments'],
  },
  {
    displayName: 'Bruno Díaz',
    skills: { billing: 5, sales: 7 },
    languages: ['es', 'en'],
    capacity: CHAT_DESK,
    maxUnits: 5,
    teams: ['billing-payments', 'customer-care'],
  },
  {
    displayName: 'Chen Wei',
    skills: { technical: 9, networking: 8 },
    languages: ['en', 'de'],
    capacity: EMAIL_DESK,
    maxUnits: null,
    teams: ['technical-support'],
  },
  {
    displayName: 'Dalia Haddad',
    skills: { sales: 6, retention: 8 },
    languages: ['en', 'fr'],
    capacity: SOCIAL_DESK,
    maxUnits: 6,
    teams: ['customer-care'],
  },
  {
    displayName: 'Emeka Obi',
    skills: { technical: 5, billing: 4 },
    languages: ['en'],
    capacity: EMAIL_DESK,
    maxUnits: 8,
    teams: ['technical-support'],
  },
  {
    displayName: 'Freya Nilsson',
    skills: { retention: 7, sales: 5 },
    languages: ['en', 'de'],
    capacity: BLENDED,
    maxUnits: 6,
    teams: ['customer-care'],
  },
  {
    displayName: 'Gabriela Souza',
    skills: { billing: 7, refunds: 8 },
    languages: ['pt-BR', 'es', 'en'],
    capacity: CHAT_DESK,
    maxUnits: 5,
    teams: ['billing-payments'],
  },
  {
    displayName: 'Hugo Lefèvre',
    skills: { technical: 7, 'mobile-app': 8 },
    languages: ['fr', 'en'],
    capacity: BLENDED,
    maxUnits: 6,
    teams: ['technical-support'],
  },
  {
    displayName: 'Inês Carvalho',
    skills: { onboarding: 8, sales: 6 },
    languages: ['pt-BR', 'en'],
    capacity: SOCIAL_DESK,
    maxUnits: 6,
    teams: ['customer-care'],
  },
  {
    displayName: 'Jonas Weber',
    skills: { networking: 9, technical: 8 },
    languages: ['de', 'en'],
    capacity: EMAIL_DESK,
    maxUnits: 8,
    teams: ['technical-support'],
  },
  {
    displayName: 'Karin Schmidt',
    skills: { billing: 6, refunds: 5, retention: 4 },
    languages: ['de', 'en'],
    capacity: BLENDED,
    maxUnits: 6,
    teams: ['billing-payments'],
  },
  {
    displayName: 'Lucía Martín',
    skills: { sales: 8, onboarding: 5 },
    languages: ['es', 'en'],
    capacity: CHAT_DESK,
    maxUnits: 5,
    teams: ['customer-care'],
  },
  {
    displayName: 'Mateus Oliveira',
    skills: { technical: 6, 'mobile-app': 6 },
    languages: ['pt-BR', 'es'],
    capacity: CHAT_DESK,
    maxUnits: 5,
    teams: ['technical-support'],
  },
  {
    displayName: 'Nadia Benali',
    skills: { refunds: 7, billing: 6 },
    languages: ['fr', 'en', 'es'],
    capacity: EMAIL_DESK,
    maxUnits: 7,
    teams: ['billing-payments'],
  },
  {
    displayName: 'Oliver Smith',
    skills: { technical: 4, onboarding: 7 },
    languages: ['en'],
    capacity: BLENDED,
    maxUnits: 6,
    teams: ['customer-care', 'technical-support'],
  },
  {
    displayName: 'Paula Ferreira',
    skills: { retention: 9, billing: 5 },
    languages: ['pt-BR', 'en', 'fr'],
    capacity: SOCIAL_DESK,
    maxUnits: 6,
    teams: ['customer-care'],
  },
  {
    displayName: 'Quentin Dubois',
    skills: { networking: 6, technical: 7 },
    languages: ['fr', 'de'],
    capacity: BLENDED,
    maxUnits: 6,
    teams: ['technical-support'],
  },
  {
    displayName: 'Rosa Jiménez',
    skills: { billing: 9, refunds: 9 },
    languages: ['es', 'pt-BR'],
    capacity: CHAT_DESK,
    maxUnits: 6,
    teams: ['billing-payments'],
  },
  // Trainees: low proficiency and small capacity, useful for relaxation and overflow scenarios.
  {
    displayName: 'Sam Taylor',
    skills: { onboarding: 3, sales: 2 },
    languages: ['en'],
    capacity: { chat: 2, email: 2, social: 1, voice: 0 },
    maxUnits: 3,
    teams: ['customer-care'],
  },
  {
    displayName: 'Tomás Ribeiro',
    skills: { technical: 3, billing: 2 },
    languages: ['pt-BR', 'en'],
    capacity: { chat: 2, email: 2, social: 0, voice: 0 },
    maxUnits: 3,
    teams: ['technical-support'],
  },
];

export const DEMO_AGENT_COUNT = DEMO_AGENTS.length;
