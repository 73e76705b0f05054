// Console login: tenant slug, email and password in, JWT out.
import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { LoginUser } from '@switchboard/auth';
import { z } from 'zod';
import { ZodBodyPipe } from '@switchboard/platform';
import { storable } from '@switchboard/contracts';

export const LoginBodySchema = z.strictObject({
  // The tenant slug is looked up in PostgreSQL, which refuses NUL: refuse it here as a 400, not a 500.
  tenant: storable(z.string().min(1).max(64)),
  email: storable(z.email()).max(320),
  password: storable(z.string()).min(1).max(1024),
});
type LoginBody = z.infer<typeof LoginBodySchema>;

@ApiTags('auth')
@Controller('v1/auth')
@UseGuards(ThrottlerGuard)
@SkipThrottle({ ingest: true })
export class LoginController {
  constructor(private readonly login: LoginUser) {}

  @Post('login')
  @HttpCode(200)
  @ApiBody({ schema: z.toJSONSchema(LoginBodySchema) as object })
  async post(@Body(new ZodBodyPipe(LoginBodySchema)) body: LoginBody) {
    const { token, principal } = await this.login.execute(body);
    return {
      token,
      tokenType: 'Bearer',
      tenantId: principal.tenantId,
      agentId: principal.agentId,
      role: principal.role,
    };
  }
}
