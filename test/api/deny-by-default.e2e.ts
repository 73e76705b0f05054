// Deny by default: every route the running app has mapped answers an anonymous caller (and one with a forged
// token) with a 401 problem+json, except the routes declared public below. The routes come from the HTTP
// router itself, not from a list, so a new controller is covered the moment it is mapped. A route that
// answers anonymously without being listed here fails the test: declaring one public is a reviewed change.
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { AUTH_POLICY_KEY, type AuthPolicy } from '@switchboard/auth';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/app-harness';

interface Route {
  method: string;
  path: string;
}

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * Every route that may be called without credentials, and why:
 * - login and refresh: they are how a caller gets credentials (refresh tokens are checked in the handler);
 * - /health and /metrics: load balancers and Prometheus carry no credentials (see PlatformModule);
 * - /docs: the OpenAPI document and its UI, served by SwaggerModule in startApp, outside Nest's controllers.
 * - web chat: the widget script and its demo page (loaded by browsers with no credential), and visitor
 *   sessions, which hand out visitor tokens that only the `/visitors` namespace accepts.
 * - channel webhooks: the signature over the raw body (or the verify token, the CRC) authenticates;
 * - the CSAT answer page: the signed, expiring token in the path authenticates (a bad one gets 404).
 */
const PUBLIC_ROUTES: RegExp[] = [
  /^POST \/v1\/auth\/login$/,
  /^POST \/v1\/auth\/refresh$/,
  /^GET \/health$/,
  /^GET \/metrics$/,
  /^GET \/docs(-yaml|\/.*)?$/,
  /^POST \/v1\/chat\/sessions$/,
  /^GET \/widget\.js$/,
  /^GET \/widget\/demo$/,
  // The platforms' webhooks: the signature over the raw body (or the verify token, the CRC) authenticates.
  /^(GET|POST) \/v1\/channels\/:channel\/:inboxId\/webhook$/,
  // Email CSAT surveys link here; the HMAC-signed token in the path names the conversation and expires.
  /^(GET|POST) \/v1\/csat\/:token$/,
];

const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';
/** Middleware mounted on every path (request logging) is registered as a route for every method. */
const MIDDLEWARE_METHOD_COUNT = 20;

function mappedRoutes(harness: Harness): Route[] {
  const express = harness.app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } };
  return express.router.stack.flatMap((layer) => {
    if (!layer.route) return [];
    const methods = Object.keys(layer.route.methods).filter((m) => layer.route?.methods[m]);
    if (methods.length >= MIDDLEWARE_METHOD_COUNT) return [];
    return methods.map((method) => ({ method: method.toUpperCase(), path: layer.route?.path ?? '' }));
  });
}

/** Handlers whose controller or method is declared @Public(), read from the decorators' metadata. */
function declaredPublic(harness: Harness): Route[] {
  const found: Route[] = [];
  for (const module of harness.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function' || !Reflect.hasMetadata(METHOD_METADATA, handler)) continue;
        const policy = (Reflect.getMetadata(AUTH_POLICY_KEY, handler) ??
          Reflect.getMetadata(AUTH_POLICY_KEY, controller)) as AuthPolicy | undefined;
        if (policy !== 'public') continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const path = [base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')]
          .map((part) => part.replace(/^\/+|\/+$/g, ''))
          .filter(Boolean)
          .join('/');
        found.push({ method, path: `/${path}` });
      }
    }
  }
  return found;
}

const isPublic = (route: Route): boolean =>
  PUBLIC_ROUTES.some((p) => p.test(`${route.method} ${route.path}`));
const concrete = (path: string): string => path.replace(/:[A-Za-z]+/g, UNKNOWN_ID);

describe('deny by default (embedded)', () => {
  let harness: Harness;
  let routes: Route[];
  /** Signed with another secret: well-formed, with every claim, and worthless. */
  let forgedToken: string;

  beforeAll(async () => {
    // One forged token is presented to every route: lift the per-credential failure limit (its own test is
    // pre-auth-throttle.e2e.ts) so each route's answer is its guard's, not the throttle's 429.
    harness = await startHarness('embedded', {
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
      RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '100000',
    });
    routes = mappedRoutes(harness);
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const claims = { sub: UNKNOWN_ID, tid: UNKNOWN_ID, aid: null, role: 'admin', sid: UNKNOWN_ID };
    const payload = Buffer.from(JSON.stringify({ ...claims, exp: 4e9, iss: 'switchboard' })).toString(
      'base64url',
    );
    forgedToken = `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('reads the routes from the running router', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(names).toContain('POST /v1/contacts');
    expect(names).toContain('DELETE /v1/users/:id');
    expect(names).toContain('POST /v1/auth/logout');
    expect(routes.length).toBeGreaterThan(50);
  });

  it('answers 401 problem+json to anonymous and forged callers on every route not declared public', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => !isPublic(r))) {
      for (const authorization of [undefined, `Bearer ${forgedToken}`]) {
        const response = await fetch(`${harness.url}${concrete(route.path)}`, {
          method: route.method,
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: route.method === 'GET' ? undefined : '{}',
        });
        const body = (await response.json().catch(() => ({}))) as { code?: string };
        const type = response.headers.get('content-type') ?? '';
        if (
          response.status !== 401 ||
          !type.startsWith('application/problem+json') ||
          body.code !== 'UNAUTHENTICATED'
        )
          wrong.push(
            `${route.method} ${route.path} (${authorization ? 'forged' : 'anonymous'}) -> ${response.status} ${type}`,
          );
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has no @Public() handler missing from the declared list', () => {
    const declared = declaredPublic(harness);
    expect(declared.map((r) => `${r.method} ${r.path}`)).toContain('POST /v1/auth/login');
    expect(declared.filter((r) => !isPublic(r))).toEqual([]);
  });

  it('lets anonymous callers reach exactly the declared public routes', async () => {
    const publicRoutes = routes.filter(isPublic);
    for (const pattern of PUBLIC_ROUTES) {
      expect(
        publicRoutes.some((r) => pattern.test(`${r.method} ${r.path}`)),
        `${pattern} is mapped`,
      ).toBe(true);
    }
    const refused: string[] = [];
    for (const route of publicRoutes) {
      const response = await fetch(`${harness.url}${concrete(route.path)}`, {
        method: route.method,
        headers: { 'content-type': 'application/json' },
        body: route.method === 'GET' ? undefined : '{}',
      });
      await response.arrayBuffer();
      if (response.status === 401 || response.status === 403) refused.push(`${route.method} ${route.path}`);
    }
    expect(refused).toEqual([]);
  });
});
