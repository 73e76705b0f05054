// Which browser origins may use the API: the server's own, plus the CORS_ORIGINS allow-list. REST CORS and
// the socket.io handshake share this one rule.

export interface OriginRequest {
  /** The Origin header; browsers send it on cross-origin requests and on WebSocket handshakes. */
  origin: string | undefined;
  /** The Host header the request was sent to. */
  host: string | undefined;
}

/** True when the request comes from the server's own host (any scheme: TLS may end at a proxy). */
export function isSameOrigin({ origin, host }: OriginRequest): boolean {
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/** True when the origin is on the allow-list (compared as `scheme://host[:port]`, case-insensitively). */
export function isListedOrigin(origin: string | undefined, allowList: readonly string[]): boolean {
  if (!origin) return false;
  const wanted = origin.toLowerCase();
  return allowList.some((allowed) => allowed.toLowerCase() === wanted);
}

/**
 * May this request proceed? Requests without an Origin header are not from a browser page on another site
 * (browsers send Origin on every cross-origin call), so only the origin rule refuses anything.
 */
export function isOriginAllowed(request: OriginRequest, allowList: readonly string[]): boolean {
  if (!request.origin) return true;
  return isSameOrigin(request) || isListedOrigin(request.origin, allowList);
}
