// Authentication for every interface: short-lived JWTs tied to revocable sessions for console users, hashed
// API keys for integrators, and the global guard that denies every route not declared otherwise.
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { AuthenticationGuard } from './authentication.guard';
import { jwtModuleOptions } from './jwt-options.util';
import { LoginUser } from './login.usecase';
import { LogoutUser } from './sessions/logout.usecase';
import { RefreshSession } from './sessions/refresh-session.usecase';
import { SessionStore } from './sessions/session.store';
import { SessionValidator } from './sessions/session.validator';
import { TokenService } from './token.service';

const exported = [
  TokenService,
  ApiKeyAuthenticator,
  LoginUser,
  RefreshSession,
  LogoutUser,
  SessionStore,
  SessionValidator,
];

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => jwtModuleOptions(config.jwt),
    }),
  ],
  providers: [...exported, { provide: APP_GUARD, useClass: AuthenticationGuard }],
  exports: exported,
})
export class AuthModule {}
