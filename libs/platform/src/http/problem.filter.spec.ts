import {
  BadRequestException,
  NotFoundException,
  PayloadTooLargeException,
  type ArgumentsHost,
} from '@nestjs/common';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { ProblemFilter, statusOf } from './problem.filter';

function respond(exception: unknown): { status: number; type: string; body: Record<string, unknown> } {
  const captured = { status: 0, type: '', body: {} as Record<string, unknown> };
  const response = {
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

  it('gives every error code a 4xx status', () => {
    for (const code of Object.values(ErrorCode)) {
      expect(statusOf(code)).toBeGreaterThanOrEqual(400);
      expect(statusOf(code)).toBeLessThan(500);
    }
  });
});
