// The demo tenant's identity and logins; its agents and routing configuration live beside this file.
export const DEMO_TENANT = { slug: 'demo', name: 'Demo Contact Center' } as const;
export const DEMO_TENANT_SLUG = DEMO_TENANT.slug;
export const DEMO_API_KEY_NAME = 'demo-integrator';
export const DEMO_EMAIL_DOMAIN = 'demo.test';

/** Console logins besides the agents' own. */
export const DEMO_STAFF = [
  { local: 'supervisor', role: 'supervisor' },
  { local: 'admin', role: 'admin' },
] as const;

export function demoAgentEmail(index: number): string {
  return `agent${index + 1}@${DEMO_EMAIL_DOMAIN}`;
}
