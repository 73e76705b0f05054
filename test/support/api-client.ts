// REST client for API tests: logs in as a role and sends JSON, returning status, content type and body.
import type { PrismaClient } from '@switchboard/persistence';
import { hashPassword, type UserRole } from '@switchboard/auth';
import { randomBytes } from 'node:crypto';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  type: string | null;
  body: T;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string | null,
  ) {}

  static anonymous(baseUrl: string): ApiClient {
    return new ApiClient(baseUrl, null);
  }

  /** Creates a user with the role in the tenant (no agent profile) and logs in as them. */
  static async as(
    baseUrl: string,
    prisma: PrismaClient,
    tenant: { id: string; slug: string },
    role: UserRole,
  ): Promise<ApiClient> {
    const email = `${role}-${randomBytes(3).toString('hex')}@${tenant.slug}.test`;
    const password = randomBytes(12).toString('base64url');
    await prisma.user.create({
      data: { tenantId: tenant.id, email, role, passwordHash: await hashPassword(password) },
    });
    const login = await new ApiClient(baseUrl, null).request<{ token: string }>('POST', '/v1/auth/login', {
      tenant: tenant.slug,
      email,
      password,
    });
    if (login.status !== 200) throw new Error(`login as ${role} failed: ${login.status}`);
    return new ApiClient(baseUrl, login.body.token);
  }

  get<T = Record<string, unknown>>(path: string): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path);
  }

  post<T = Record<string, unknown>>(path: string, body: unknown): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, body);
  }

  patch<T = Record<string, unknown>>(path: string, body: unknown): Promise<ApiResponse<T>> {
    return this.request<T>('PATCH', path, body);
  }

  put<T = Record<string, unknown>>(path: string, body: unknown): Promise<ApiResponse<T>> {
    return this.request<T>('PUT', path, body);
  }

  delete<T = Record<string, unknown>>(path: string): Promise<ApiResponse<T>> {
    return this.request<T>('DELETE', path);
  }

  /** `body` may be a raw string to send malformed JSON on purpose. */
  async request<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (text ? JSON.parse(text) : {}) as T,
    };
  }
}
