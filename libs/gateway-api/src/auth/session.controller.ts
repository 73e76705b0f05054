// Keeping a console signed in, and signing it out: refresh rotates the refresh token, logout ends the session.
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, LogoutUser, Public, RefreshSession, type Principal } from '@switchboard/auth';
import { ZodBodyPipe } from '@switchboard/platform';
import { z } from 'zod';
import { consoleUser } from '../shared/console-user.util';
import { toSessionResponse, type SessionResponse } from './session.response';

export const RefreshBodySchema = z.strictObject({ refreshToken: z.string().min(1).max(256) });
type RefreshBody = z.infer<typeof RefreshBodySchema>;

@ApiTags('auth')
@Controller('v1/auth')
export class SessionController {
  constructor(
    private readonly refreshSession: RefreshSession,
    private readonly logoutUser: LogoutUser,
  ) {}

  /**
   * Public: the access token may already have expired. Not rate limited like login: a refresh token is
   * 256 random bits, so there is nothing to guess, and a replayed one revokes its session.
   */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiBody({ schema: z.toJSONSchema(RefreshBodySchema) as object })
  @ApiOkResponse({ description: 'A new access token and the next refresh token (the one sent is spent)' })
  async refresh(@Body(new ZodBodyPipe(RefreshBodySchema)) body: RefreshBody): Promise<SessionResponse> {
    return toSessionResponse(await this.refreshSession.execute(body.refreshToken));
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'This session ended; the other sessions of the user are untouched' })
  logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.logoutUser.execute(consoleUser(principal));
  }
}
