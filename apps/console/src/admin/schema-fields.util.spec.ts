import { CreateSkillBodySchema } from '@switchboard/contracts/admin/skills.schema';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bodyOf, fieldsOf, humanize } from './schema-fields.util';

describe('schema fields', () => {
  const schema = z.strictObject({
    name: z.string().min(1),
    priority: z.number().int().optional(),
    active: z.boolean().optional(),
    strategy: z.enum(['longest-idle', 'round-robin']),
    capacity: z.record(z.string(), z.number()).optional(),
    note: z.string().nullable().optional(),
  });

  it('derives one input per property, with its kind and whether it is required', () => {
    expect(fieldsOf(schema).map((f) => [f.name, f.kind, f.required])).toEqual([
      ['name', 'text', true],
      ['priority', 'number', false],
      ['active', 'boolean', false],
      ['strategy', 'choice', true],
      ['capacity', 'json', false],
      ['note', 'text', false],
    ]);
    expect(fieldsOf(schema).find((f) => f.name === 'strategy')?.options).toEqual([
      'longest-idle',
      'round-robin',
    ]);
  });

  it('reads a form back into a body: numbers, checkboxes, JSON, and empty optionals left out', () => {
    const form = new FormData();
    form.set('name', ' Billing ');
    form.set('priority', '3');
    form.set('active', 'on');
    form.set('strategy', 'round-robin');
    form.set('capacity', '{"chat": 2}');
    form.set('note', '');
    expect(bodyOf(fieldsOf(schema), form)).toEqual({
      body: { name: 'Billing', priority: 3, active: true, strategy: 'round-robin', capacity: { chat: 2 } },
      errors: {},
    });
  });

  it('names a JSON box that does not parse, instead of sending it', () => {
    const form = new FormData();
    form.set('name', 'x');
    form.set('capacity', '{chat: 2');
    expect(bodyOf(fieldsOf(schema), form).errors).toEqual({ capacity: 'must be valid JSON' });
  });

  it('works on a real contract schema', () => {
    expect(fieldsOf(CreateSkillBodySchema).some((f) => f.name === 'name' && f.required)).toBe(true);
  });

  it('turns field names into headings', () => {
    expect(humanize('displayName')).toBe('Display name');
    expect(humanize('asaTodayMs')).toBe('Asa today ms');
  });
});
