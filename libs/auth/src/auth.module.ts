// Authentication for every interface: JWTs for console users, hashed API keys for integrators.
import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { ApiKeyGuard, JwtGuard } from './auth.guards';
import { LoginUser } from './login.usecase';
import { TokenService } from './token.service';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwt.secret,
        signOptions: { algorithm: 'HS256', expiresIn: config.jwt.ttlSeconds, issuer: 'switchboard' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'switchboard' },
      }),
    }),
  ],
  providers: [TokenService, ApiKeyAuthenticator, LoginUser, ApiKeyGuard, JwtGuard],
  exports: [TokenService, ApiKeyAuthenticator, LoginUser, ApiKeyGuard, JwtGuard],
})
export class AuthModule {}
