// The signed-in session: login, a refresh shortly before the access token expires, logout, and the one place
// a 401 ends the session (the console then shows the login page). Kept in sessionStorage: one tab, one login.

export interface Session {
  token: string;
  expiresAt: string;
  refreshToken: string;
  tenantId: string;
  agentId: string | null;
  role: string;
}

type Listener = (session: Session | null) => void;

const STORAGE_KEY = 'switchboard.session';
/** Refresh this long before the access token expires, so a slow request never carries a dead token. */
const REFRESH_LEAD_MS = 60_000;
const MIN_REFRESH_DELAY_MS = 5_000;

export class SessionStore {
  private session: Session | null = readStored();
  private readonly listeners = new Set<Listener>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    if (this.session) this.scheduleRefresh(this.session);
  }

  get current(): Session | null {
    return this.session;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async login(tenant: string, email: string, password: string): Promise<Response> {
    const response = await fetch('/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant, email, password }),
    });
    if (response.ok) this.set((await response.json()) as Session);
    return response;
  }

  async refresh(): Promise<void> {
    const refreshToken = this.session?.refreshToken;
    if (!refreshToken) return;
    const response = await fetch('/v1/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    }).catch(() => null);
    if (response?.ok) this.set((await response.json()) as Session);
    else if (response && response.status < 500) this.end();
    // Offline or a server error: try again shortly; the access token may still be good.
    else this.refreshTimer = setTimeout(() => void this.refresh(), MIN_REFRESH_DELAY_MS);
  }

  async logout(): Promise<void> {
    const token = this.session?.token;
    this.end();
    if (token)
      await fetch('/v1/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch(
        () => undefined,
      );
  }

  /** The server refused our token: the session is over. */
  end(): void {
    clearTimeout(this.refreshTimer);
    this.session = null;
    sessionStorage.removeItem(STORAGE_KEY);
    for (const listener of this.listeners) listener(null);
  }

  private set(session: Session): void {
    this.session = session;
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    this.scheduleRefresh(session);
    for (const listener of this.listeners) listener(session);
  }

  private scheduleRefresh(session: Session): void {
    clearTimeout(this.refreshTimer);
    const delay = Math.max(
      MIN_REFRESH_DELAY_MS,
      Date.parse(session.expiresAt) - Date.now() - REFRESH_LEAD_MS,
    );
    this.refreshTimer = setTimeout(() => void this.refresh(), delay);
  }
}

function readStored(): Session | null {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Session;
  } catch {
    return null;
  }
}
