// The JWT settings every process signs and verifies with. The HS256 secret is handed over as a KeyObject made
// once: given a string, jsonwebtoken first tries to parse it as a PEM key on every sign and verify, and that
// failed parse (an exception) was ~5% of a gateway's CPU while 5,000 agents logged in and connected.
import { createSecretKey } from 'node:crypto';
import type { JwtModuleOptions } from '@nestjs/jwt';

export function jwtModuleOptions(jwt: { secret: string; ttlSeconds: number }): JwtModuleOptions {
  return {
    secret: createSecretKey(Buffer.from(jwt.secret, 'utf8')),
    signOptions: { algorithm: 'HS256', expiresIn: jwt.ttlSeconds, issuer: 'switchboard' },
    verifyOptions: { algorithms: ['HS256'], issuer: 'switchboard' },
  };
}
