// Seeded console passwords, hashed the way the login use case verifies them: argon2id, PHC string form.
import { argon2id, hash } from 'argon2';

export function hashSeedPassword(password: string): Promise<string> {
  return hash(password, { type: argon2id });
}
