// The one place HTTP maps errors to RFC 9457 (7807) problem+json. Use-cases throw DomainError with a code;
// framework errors (bad JSON, body too large, unknown route) are mapped here too, so no bad input yields a 500.
// Retriable refusals (overload, bus outage) are 503 with Retry-After, so clients back off instead of failing.
import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import { DomainError, ErrorCode, type FieldIssue } from '@switchboard/contracts';
import type { Request, Response } from 'express';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  errors?: FieldIssue[];
}

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.ValidationFailed:
    case ErrorCode.InvalidJson:
      return HttpStatus.BAD_REQUEST;
    case ErrorCode.Unauthenticated:
      return HttpStatus.UNAUTHORIZED;
    case ErrorCode.Forbidden:
    case ErrorCode.ChannelNotAllowed:
      return HttpStatus.FORBIDDEN;
    case ErrorCode.NotFound:
    case ErrorCode.UnknownTenant:
      return HttpStatus.NOT_FOUND;
    case ErrorCode.Conflict:
    case ErrorCode.OfferNotLive:
      return HttpStatus.CONFLICT;
    case ErrorCode.RateLimited:
      return HttpStatus.TOO_MANY_REQUESTS;
    case ErrorCode.Overloaded:
    case ErrorCode.Unavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
  }
}

/** Retry-After in whole seconds (at least 1), for domain errors that say when a retry can succeed. */
export function retryAfterSeconds(exception: unknown): number | undefined {
  if (!(exception instanceof DomainError) || exception.retryAfterMs === undefined) return undefined;
  return Math.max(1, Math.ceil(exception.retryAfterMs / 1000));
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(exception, request.originalUrl ?? request.url);
    // A domain 503 is a designed answer to load or an outage the caller can wait out, not a server bug.
    if (problem.status >= 500 && !(exception instanceof DomainError)) this.logger.error(exception);
    const retryAfter = retryAfterSeconds(exception);
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    response.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(exception: unknown, instance: string): ProblemDetails {
    if (exception instanceof DomainError) {
      const status = statusOf(exception.code);
      return problem(status, exception.code, exception.message, instance, exception.issues);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = httpCode(status);
      return problem(status, code, httpDetail(exception), instance);
    }
    const clientError = asClientError(exception);
    if (clientError)
      return problem(clientError.status, httpCode(clientError.status), clientError.message, instance);
    return problem(500, 'INTERNAL', 'An unexpected error occurred', instance);
  }
}

/** Errors from Express middleware (body-parser: too large, bad encoding, bad JSON) follow http-errors' shape. */
function asClientError(exception: unknown): { status: number; message: string } | null {
  if (typeof exception !== 'object' || exception === null) return null;
  const { status, expose, message } = exception as { status?: unknown; expose?: unknown; message?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500 || expose !== true) return null;
  return { status, message: typeof message === 'string' ? message : 'Bad request' };
}

function httpCode(status: number): string {
  if (status === 400) return ErrorCode.InvalidJson;
  if (status === 429) return ErrorCode.RateLimited;
  return `HTTP_${status}`;
}

function httpDetail(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  return typeof message === 'string' ? message : exception.message;
}

function problem(
  status: number,
  code: string,
  detail: string,
  instance: string,
  errors?: FieldIssue[],
): ProblemDetails {
  return {
    type: `https://switchboard.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: titleOf(status),
    status,
    detail,
    code,
    instance,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

function titleOf(status: number): string {
  return (HttpStatus[status] ?? 'Error')
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/^\w/, (c) => c.toUpperCase());
}
