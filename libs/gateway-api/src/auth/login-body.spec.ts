import { auditInputContract } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { LoginBodySchema } from './login.controller';

describe('login body', () => {
  it('passes the contract audit: storable, bounded text only', () => {
    expect(auditInputContract(LoginBodySchema)).toEqual([]);
  });

  it('refuses NUL in the password with a field issue, before any lookup or hashing', () => {
    const result = LoginBodySchema.safeParse({ tenant: 'demo', email: 'a@b.co', password: 'pass\u0000word' });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['password']);
  });
});
