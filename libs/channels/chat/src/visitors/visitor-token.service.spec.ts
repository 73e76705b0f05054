import { JwtService } from '@nestjs/jwt';
import { describe, expect, it } from 'vitest';
import { VisitorTokenService } from './visitor-token.service';

const SECRET = 'x'.repeat(40);

describe('visitor tokens', () => {
  it('round-trips tenant, inbox and visitor, and renews for the same visitor', async () => {
    const tokens = new VisitorTokenService(SECRET, 3600);
    const issued = await tokens.issue('tenant-1', 'inbox-1');
    const verified = await tokens.verify(issued.token);
    expect(verified).toMatchObject({ tenantId: 'tenant-1', inboxId: 'inbox-1', visitorId: issued.visitorId });
    const renewed = await tokens.issue('tenant-1', 'inbox-1', verified.visitorId);
    expect((await tokens.verify(renewed.token)).visitorId).toBe(issued.visitorId);
  });

  it('refuses a console token signed with the JWT secret, and a token signed with another secret', async () => {
    const tokens = new VisitorTokenService(SECRET, 3600);
    const console = await new JwtService({ secret: SECRET }).signAsync({ sub: 'u', tid: 't', iid: 'i' });
    await expect(tokens.verify(console)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const foreign = await new VisitorTokenService('y'.repeat(40), 3600).issue('t', 'i');
    await expect(tokens.verify(foreign.token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses an expired token', async () => {
    const tokens = new VisitorTokenService(SECRET, -10);
    const issued = await tokens.issue('t', 'i');
    await expect(tokens.verify(issued.token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
