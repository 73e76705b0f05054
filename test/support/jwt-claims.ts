// Reads a console token's claims without verifying it, so a test can name the user it logged in as.
import type { ApiClient } from './api-client';

export function userIdOf(client: ApiClient): string {
  if (!client.token) throw new Error('an anonymous client has no user');
  const payload = Buffer.from(client.token.split('.')[1], 'base64url').toString('utf8');
  return (JSON.parse(payload) as { sub: string }).sub;
}
