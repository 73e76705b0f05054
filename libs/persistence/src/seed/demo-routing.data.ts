// The demo tenant's routing configuration: skill catalog, teams, business hours, SLA and routing policies,
// queues and one inbox per channel. Names are the natural keys the seed upserts on.
import type { QueuePolicyDocument, SlaTargets, WeeklyInterval } from '@switchboard/contracts';

export const DEMO_SKILLS = [
  { name: 'billing', description: 'Invoices, plans and payment methods' },
  { name: 'refunds', description: 'Refunds, chargebacks and disputes' },
  { name: 'technical', description: 'Product troubleshooting' },
  { name: 'networking', description: 'Connectivity, routers and DNS' },
  { name: 'mobile-app', description: 'The iOS and Android apps' },
  { name: 'sales', description: 'Upgrades and new subscriptions' },
  { name: 'retention', description: 'Cancellations and win-back offers' },
  { name: 'onboarding', description: 'Account setup and first steps' },
] as const;

export type DemoSkillName = (typeof DEMO_SKILLS)[number]['name'];

export const DEMO_TEAMS = [
  { name: 'billing-payments', description: 'Billing, payments and refunds' },
  { name: 'technical-support', description: 'Troubleshooting across every channel' },
  { name: 'customer-care', description: 'Sales, retention and onboarding' },
] as const;

export const DEMO_CALENDAR: {
  readonly name: string;
  readonly timeZone: string;
  readonly weekly: readonly WeeklyInterval[];
} = {
  name: 'lisbon-office',
  timeZone: 'Europe/Lisbon',
  // Day 0 is Sunday: Monday to Friday 08:00-20:00, Saturday morning, closed on Sunday.
  weekly: [
    ...[1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '20:00' })),
    { day: 6, open: '09:00', close: '13:00' },
  ],
};

/** Dates are calendar days in the calendar's own time zone. */
export const DEMO_HOLIDAYS = [
  { date: '2026-12-08', name: 'Immaculate Conception' },
  { date: '2026-12-25', name: 'Christmas Day' },
  { date: '2027-01-01', name: "New Year's Day" },
] as const;

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export interface DemoSlaPolicy {
  readonly name: string;
  readonly description: string;
  /** The shape the admin API validates (SlaTargetsSchema): defaults per channel class, then overrides. */
  readonly targets: SlaTargets;
  /** Clocks run in business hours only when the policy names the calendar. */
  readonly useCalendar: boolean;
}

export const DEMO_SLA_POLICIES: readonly DemoSlaPolicy[] = [
  {
    name: 'standard',
    description: 'Chat in a minute, social in 15 minutes, email in 4 business hours',
    useCalendar: true,
    targets: {
      firstResponseMs: { chat: 60 * SECOND, social: 15 * MINUTE, email: 4 * HOUR, voice: 20 * SECOND },
      nextResponseMs: { chat: 2 * MINUTE, social: 30 * MINUTE, email: 8 * HOUR },
      resolutionMs: { chat: 4 * HOUR, social: 8 * HOUR, email: 24 * HOUR },
      // First match wins: platinum before gold, and urgent work of any tier gets the platinum chat target.
      overrides: [
        {
          tiers: ['platinum'],
          firstResponseMs: { chat: 30 * SECOND, social: 5 * MINUTE, email: HOUR },
          nextResponseMs: { chat: MINUTE, social: 15 * MINUTE, email: 4 * HOUR },
        },
        { tiers: ['gold'], firstResponseMs: { chat: 45 * SECOND, social: 10 * MINUTE, email: 2 * HOUR } },
        { minPriority: 80, firstResponseMs: { chat: 30 * SECOND, social: 5 * MINUTE } },
      ],
    },
  },
  {
    name: 'technical',
    description: 'Troubleshooting takes longer by email; live channels stay tight',
    useCalendar: true,
    targets: {
      firstResponseMs: { chat: 90 * SECOND, social: 20 * MINUTE, email: 8 * HOUR, voice: 30 * SECOND },
      nextResponseMs: { chat: 3 * MINUTE, social: HOUR, email: 24 * HOUR },
      resolutionMs: {},
      overrides: [
        { tiers: ['platinum'], firstResponseMs: { chat: 30 * SECOND, social: 5 * MINUTE, email: 2 * HOUR } },
        { tiers: ['gold'], firstResponseMs: { chat: 60 * SECOND, social: 15 * MINUTE, email: 4 * HOUR } },
      ],
    },
  },
];

const OFFER_TIMEOUT_MS = { chat: 30 * SECOND, email: 2 * MINUTE, social: MINUTE, voice: 20 * SECOND };

export interface DemoRoutingPolicy {
  readonly name: string;
  readonly description: string;
  /** The queue-policy document the router validates (strategy, aging, relaxation, timeouts). */
  readonly document: QueuePolicyDocument;
}

export const DEMO_ROUTING_POLICIES: readonly DemoRoutingPolicy[] = [
  {
    name: 'longest-idle',
    description: 'Spread work evenly: the agent idle the longest gets the next contact',
    document: {
      strategy: 'longest-idle',
      agingPointsPerMinute: 1,
      offerTimeoutMs: OFFER_TIMEOUT_MS,
      maxMissedOffers: 3,
    },
  },
  {
    name: 'skills-best-fit',
    description: 'Best-qualified agent first, relaxing the proficiency bar while a contact waits',
    document: {
      strategy: 'best-fit',
      agingPointsPerMinute: 2,
      slaUrgencyWindowMs: 2 * MINUTE,
      slaUrgencyPointsPerMinute: 10,
      relaxation: [
        { afterMs: 2 * MINUTE, action: 'lower-proficiency', by: 2 },
        { afterMs: 5 * MINUTE, action: 'drop-optional' },
      ],
      stickinessWindowMs: 24 * HOUR,
      offerTimeoutMs: OFFER_TIMEOUT_MS,
      maxMissedOffers: 3,
    },
  },
];

export interface DemoQueue {
  readonly name: string;
  /** Inline override on top of the named routing policy: what is specific to this queue. */
  readonly policy: QueuePolicyDocument;
  readonly routingPolicy: string;
  readonly slaPolicy: string;
}

export const DEMO_QUEUES: readonly DemoQueue[] = [
  { name: 'general', policy: {}, routingPolicy: 'longest-idle', slaPolicy: 'standard' },
  {
    name: 'billing',
    policy: { requiredSkills: [{ skill: 'billing', minProficiency: 4 }] },
    routingPolicy: 'skills-best-fit',
    slaPolicy: 'standard',
  },
  {
    name: 'technical',
    policy: { requiredSkills: [{ skill: 'technical', minProficiency: 5 }] },
    routingPolicy: 'skills-best-fit',
    slaPolicy: 'technical',
  },
];

export interface DemoInbox {
  readonly channel: 'email' | 'chat' | 'whatsapp' | 'messenger' | 'instagram' | 'x' | 'voice';
  readonly name: string;
  readonly address: string;
  readonly defaultQueue: string;
}

// At least one inbox per channel; billing mail lands straight in the billing queue. Social addresses are the
// platform's numeric ids (WhatsApp phone-number id, page id, Instagram and X account ids).
export const DEMO_INBOXES: readonly DemoInbox[] = [
  { channel: 'email', name: 'Support mailbox', address: 'support@demo.test', defaultQueue: 'general' },
  { channel: 'email', name: 'Billing mailbox', address: 'billing@demo.test', defaultQueue: 'billing' },
  { channel: 'chat', name: 'Website chat', address: 'www.demo.test', defaultQueue: 'general' },
  { channel: 'whatsapp', name: 'WhatsApp', address: '100000000000001', defaultQueue: 'general' },
  { channel: 'messenger', name: 'Facebook page', address: '100000000000002', defaultQueue: 'general' },
  { channel: 'instagram', name: 'Instagram', address: '100000000000003', defaultQueue: 'general' },
  { channel: 'x', name: 'X (Twitter)', address: '100000000000004', defaultQueue: 'general' },
  { channel: 'voice', name: 'Support line', address: '+351210000000', defaultQueue: 'technical' },
];
