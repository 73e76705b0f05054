// Console login: tenant slug, email and password in; a short-lived access token and a refresh token out.
import { Body, Controller, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { LoginUser, Public } from '@switchboard/auth';
import { z } from 'zod';
import { ZodBodyPipe } from '@switchboard/platform';
import { storable } from '@switchboard/contracts';
import { LoginBackoffInterceptor } from '../limits/login-backoff.interceptor';
import { RateLimitGuard } from '../limits/rate-limit.guard';
import { toSessionResponse } from './session.response';

export const LoginBodySchema = z.strictObject({
  // The tenant slug is looked up in PostgreSQL, which refuses NUL: refuse it here as a 400, not a 500.
  tenant: storable(z.string().min(1).max(64)),
  email: storable(z.email()).max(320),
  password: storable(z.string()).min(1).max(1024),
});
type LoginBody = z.infer<typeof LoginBodySchema>;

@ApiTags('auth')
@Public()
@Controller('v1/auth')
@UseGuards(RateLimitGuard)
@SkipThrottle({ ingest: true })
export class LoginController {
  constructor(private readonly login: LoginUser) {}

  @Post('login')
  @HttpCode(200)
  @UseInterceptors(LoginBackoffInterceptor)
  @ApiBody({ schema: z.toJSONSchema(LoginBodySchema) as object })
  async post(@Body(new ZodBodyPipe(LoginBodySchema)) body: LoginBody) {
    return toSessionResponse(await this.login.execute(body));
  }
}
