import { describe, expect, it } from 'vitest';
import { parseWith } from '../validation.util';
import { AgentListFiltersSchema, CreateAgentBodySchema, UpdateAgentBodySchema } from './agents.schema';

const valid = {
  displayName: 'Ada',
  email: 'Ada@Example.com',
  skills: { billing: 7 },
  languages: ['en', 'pt-BR'],
  capacity: { chat: 3, email: 5 },
};

describe('agent bodies', () => {
  it('accepts a full body and normalizes the email', () => {
    const parsed = parseWith(CreateAgentBodySchema, valid);
    expect(parsed).toMatchObject({ ok: true, value: { email: 'ada@example.com' } });
  });

  it('names each bad field', () => {
    const parsed = parseWith(CreateAgentBodySchema, {
      ...valid,
      skills: { billing: 11 },
      languages: ['english!'],
      capacity: { chat: 51, fax: 1 },
      extra: true,
    });
    expect(parsed.ok).toBe(false);
    const paths = parsed.ok ? [] : parsed.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['skills.billing', 'languages.0', 'capacity.chat', '']));
  });

  it('refuses an empty update and repeated languages', () => {
    expect(parseWith(UpdateAgentBodySchema, {}).ok).toBe(false);
    expect(parseWith(UpdateAgentBodySchema, { languages: ['en', 'EN'] }).ok).toBe(false);
    expect(parseWith(UpdateAgentBodySchema, { maxUnits: null }).ok).toBe(true);
  });

  it('reads the active filter as a boolean, not as a truthy string', () => {
    expect(parseWith(AgentListFiltersSchema, { active: 'false' })).toEqual({
      ok: true,
      value: { active: false },
    });
    expect(parseWith(AgentListFiltersSchema, { active: 'yes' }).ok).toBe(false);
  });
});
