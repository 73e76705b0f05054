// POSTs a JSON body to a platform's send API with a bearer token and turns the answer into the sender
// port's terms: 2xx is the parsed body; 429 is retriable after the Retry-After it names; any other 4xx is
// permanent (the platform refuses this message); 5xx, timeouts and network errors are retriable.
import { PermanentSendError, RetriableSendError } from '../channel-sender.port';

export interface PostJsonOptions {
  accessToken: string;
  body: unknown;
  timeoutMs: number;
  now?: () => number;
}

const DETAIL_CHARS = 300;

export async function postJson(url: string, options: PostJsonOptions): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.accessToken}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    throw new RetriableSendError(`Request failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = await response.text().catch(() => '');
  if (response.ok) return parseJson(text);
  const detail = `HTTP ${response.status} from ${new URL(url).host}: ${text.slice(0, DETAIL_CHARS)}`;
  if (response.status === 429) {
    throw new RetriableSendError(
      detail,
      retryAfterMs(response.headers.get('retry-after'), (options.now ?? Date.now)()),
    );
  }
  if (response.status >= 400 && response.status < 500) throw new PermanentSendError(detail);
  throw new RetriableSendError(detail);
}

/** Retry-After as delay-seconds or an HTTP date, in milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}
