import {
  BadRequestException,
  NotFoundException,
  PayloadTooLargeException,
  type ArgumentsHost,
} from '@nestjs/common';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { ProblemFilter, statusOf } from './problem.filter';

interface Captured {
  status: number;
  type: string;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

function respond(exception: unknown): Captured {
  const captured: Captured = { status: 0, type: '', body: {}, headers: {} };
  const response = {
    setHeader(name: string, value: string) {
      captured.headers[name] = value;
      return this;
    },
    status(code: number) {
      captured.status = code;
      return this;
    },
    type(value: string) {
      captured.type = value;
      return this;
    },
    json(body: Record<string, unknown>) {
      captured.body = body;
      return this;
    },
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({
      getRequest: () => ({ originalUrl: '/v1/contacts' }),
      getResponse: () => response,
    }),
  } as unknown as ArgumentsHost;
  new ProblemFilter().catch(exception, host);
  return captured;
}

describe('ProblemFilter', () => {
  it('maps a domain error to problem+json with its code and field errors', () => {
    const problem = respond(
      new DomainError(ErrorCode.ValidationFailed, 'Invalid request body: check channel', [
        { path: 'channel', message: 'bad' },
      ]),
    );
    expect(problem.status).toBe(400);
    expect(problem.type).toBe('application/problem+json');
    expect(problem.body).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      instance: '/v1/contacts',
      errors: [{ path: 'channel', message: 'bad' }],
    });
  });

  it('maps framework errors for malformed requests to 4xx, never 500', () => {
    expect(respond(new BadRequestException('Unexpected token')).status).toBe(400);
    expect(respond(new PayloadTooLargeException()).status).toBe(413);
    expect(respond(new NotFoundException()).status).toBe(404);
  });

  it('maps body-parser errors (http-errors shape) to their 4xx status', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), {
      status: 413,
      statusCode: 413,
      expose: true,
    });
    expect(respond(tooLarge)).toMatchObject({ status: 413, body: { code: 'HTTP_413' } });
    const internal = Object.assign(new Error('boom'), { status: 400, expose: false });
    expect(respond(internal).status).toBe(500);
  });

  it('hides the details of unexpected errors', () => {
    const problem = respond(new Error('connection string postgres://secret'));
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem.body)).not.toContain('secret');
  });

  it('gives every error code a 4xx status, except retriable refusals which are 503', () => {
    const retriable: string[] = [ErrorCode.Overloaded, ErrorCode.Unavailable];
    for (const code of Object.values(ErrorCode)) {
      if (retriable.includes(code)) {
        expect(statusOf(code)).toBe(503);
        continue;
      }
      expect(statusOf(code)).toBeGreaterThanOrEqual(400);
      expect(statusOf(code)).toBeLessThan(500);
    }
  });

  it('answers an overload with 503 and Retry-After in whole seconds, rounded up', () => {
    const problem = respond(
      new DomainError(ErrorCode.Overloaded, 'Too much work is waiting', [], { retryAfterMs: 1_200 }),
    );
    expect(problem).toMatchObject({
      status: 503,
      type: 'application/problem+json',
      headers: { 'Retry-After': '2' },
      body: { code: 'OVERLOADED', detail: 'Too much work is waiting' },
    });
    const soon = respond(new DomainError(ErrorCode.Unavailable, 'Bus down', [], { retryAfterMs: 10 }));
    expect(soon.headers['Retry-After']).toBe('1');
  });

  it('sends no Retry-After when the error does not say when to retry', () => {
    expect(respond(new DomainError(ErrorCode.NotFound, 'gone')).headers).toEqual({});
    expect(respond(new Error('boom')).headers).toEqual({});
  });
});
