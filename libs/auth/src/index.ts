export * from './principal';
export * from './password.hasher';
export * from './token.service';
export * from './bearer.util';
export * from './api-key.authenticator';
export * from './login.usecase';
export * from './auth.guards';
export * from './auth.module';
