import { KeyObject } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { describe, expect, it } from 'vitest';
import { jwtModuleOptions } from './jwt-options.util';

const settings = { secret: 'a-secret-of-enough-length-for-hs256-0123456789', ttlSeconds: 900 };
// The way the secret was passed before: tokens already issued must keep verifying, and the reverse.
const asString = new JwtService({
  secret: settings.secret,
  signOptions: { algorithm: 'HS256', expiresIn: 900, issuer: 'switchboard' },
  verifyOptions: { algorithms: ['HS256'], issuer: 'switchboard' },
});

describe('jwtModuleOptions', () => {
  it('hands jsonwebtoken a KeyObject, so no sign or verify parses the secret as a PEM key', () => {
    expect(jwtModuleOptions(settings).secret).toBeInstanceOf(KeyObject);
  });

  it('signs and verifies tokens interchangeably with the same secret passed as a string', async () => {
    const service = new JwtService(jwtModuleOptions(settings));
    const mine = await service.signAsync({ sub: 'u1' });
    const theirs = await asString.signAsync({ sub: 'u2' });
    await expect(asString.verifyAsync(mine)).resolves.toMatchObject({ sub: 'u1', iss: 'switchboard' });
    await expect(service.verifyAsync(theirs)).resolves.toMatchObject({ sub: 'u2' });
  });

  it('refuses a token signed with another secret', async () => {
    const service = new JwtService(jwtModuleOptions(settings));
    const other = new JwtService(jwtModuleOptions({ ...settings, secret: `${settings.secret}-other` }));
    await expect(service.verifyAsync(await other.signAsync({ sub: 'u1' }))).rejects.toThrow();
  });
});
