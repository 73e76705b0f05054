// REST calls with the session's bearer token. Errors come back as problem+json; their field errors are kept
// by path so a form can show each next to its field. A 401 ends the session.
import type { SessionStore } from './session.store';

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: FieldError[],
  ) {
    super(message);
  }

  /** The message for one field (`name`, `capacity.chat`), if the server named it. */
  forField(path: string): string | undefined {
    return this.fieldErrors.find((e) => e.path === path || e.path.startsWith(`${path}.`))?.message;
  }
}

interface Problem {
  title?: string;
  detail?: string;
  errors?: Array<{ path?: string | Array<string | number>; message?: string }>;
}

export class ApiClient {
  constructor(private readonly session: SessionStore) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    return this.request<T>(method, path, body);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = this.session.current?.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401) {
      this.session.end();
      throw new ApiError(401, 'Your session has ended; sign in again', []);
    }
    if (!response.ok) throw await toApiError(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const problem = (await response.json().catch(() => ({}))) as Problem;
  const fieldErrors = (problem.errors ?? []).map((e) => ({
    path: Array.isArray(e.path) ? e.path.join('.') : (e.path ?? ''),
    message: e.message ?? 'invalid',
  }));
  return new ApiError(response.status, problem.detail ?? problem.title ?? response.statusText, fieldErrors);
}
