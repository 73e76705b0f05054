// The HTTP side of media fetching: WhatsApp's media lookup (id -> URL, type, size, checksum) and opening a
// media URL as a byte stream. Each answer is judged before its body is read, so a refusal costs no download.
import { MediaFetchError } from './media-fetch.error';

export interface WhatsAppMediaInfo {
  url: string;
  mimeType?: string;
  sha256?: string;
  fileSize?: number;
}

export interface OpenedMedia {
  contentType: string | null;
  body: AsyncIterable<Uint8Array>;
}

const DETAIL_CHARS = 200;

/** GET {base}/{media-id} with the inbox's token: the short-lived download URL and what Meta knows of it. */
export async function lookUpWhatsAppMedia(
  baseUrl: string,
  mediaId: string,
  accessToken: string,
  signal: AbortSignal,
): Promise<WhatsAppMediaInfo> {
  const response = await request(`${baseUrl}/${encodeURIComponent(mediaId)}`, accessToken, signal);
  const answer = (await response.json().catch((error: unknown) => {
    // A body cut short by our own timer is a timeout, not an unreadable answer.
    if (signal.aborted) throw error;
    return undefined;
  })) as Record<string, unknown> | undefined;
  const url = typeof answer?.url === 'string' ? answer.url : undefined;
  if (!url) throw new MediaFetchError('platform-error', `media ${mediaId}: the lookup named no URL`);
  const fileSize = Number(answer?.file_size);
  return {
    url,
    ...(typeof answer?.mime_type === 'string' ? { mimeType: answer.mime_type } : {}),
    ...(typeof answer?.sha256 === 'string' ? { sha256: answer.sha256 } : {}),
    ...(Number.isSafeInteger(fileSize) && fileSize >= 0 ? { fileSize } : {}),
  };
}

/** Redirects followed per media download; each hop is checked like the first URL. */
const MAX_REDIRECTS = 3;

/**
 * GET the media, refusing a declared length over `maxBytes` before reading a byte of it. `guard` judges the
 * URL and every redirect before it is requested, so a redirect cannot lead where the URL itself may not.
 */
export async function openMedia(
  url: string,
  accessToken: string | undefined,
  signal: AbortSignal,
  maxBytes: number,
  guard: (url: string) => Promise<void>,
): Promise<OpenedMedia> {
  const response = await followGuarded(url, accessToken, signal, guard);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new MediaFetchError('too-large', `${declared} bytes, over the limit of ${maxBytes}`);
  }
  if (!response.body) throw new MediaFetchError('platform-error', 'the media answer has no body');
  return { contentType: response.headers.get('content-type'), body: readBody(response.body, signal) };
}

/** GET through at most MAX_REDIRECTS redirects, each hop judged by `guard` before it is requested. */
async function followGuarded(
  url: string,
  accessToken: string | undefined,
  signal: AbortSignal,
  guard: (url: string) => Promise<void>,
): Promise<Response> {
  let target = url;
  let token = accessToken;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    await guard(target);
    const answer = await request(target, token, signal, 'manual');
    const location = answer.headers.get('location');
    if (!isRedirect(answer.status) || !location) return judged(answer, target);
    await answer.body?.cancel().catch(() => undefined);
    const next = new URL(location, target);
    // The inbox's token is for the platform's own host, never for wherever a redirect points.
    if (next.host !== new URL(target).host) token = undefined;
    target = next.toString();
  }
  throw new MediaFetchError('platform-error', `more than ${MAX_REDIRECTS} redirects`);
}

/** The body's chunks; a connection lost mid-body is the platform's failure, an abort the caller's to name. */
async function* readBody(body: ReadableStream<Uint8Array>, signal: AbortSignal): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of body) yield chunk;
  } catch (error) {
    if (signal.aborted) throw error;
    throw new MediaFetchError('platform-error', `the media download broke off: ${messageOf(error)}`);
  }
}

async function request(
  url: string,
  accessToken: string | undefined,
  signal: AbortSignal,
  redirect: 'follow' | 'manual' = 'follow',
): Promise<Response> {
  const response = await send(url, accessToken, signal, redirect);
  return redirect === 'manual' ? response : judged(response, url);
}

const isRedirect = (status: number): boolean => [301, 302, 303, 307, 308].includes(status);

async function send(
  url: string,
  accessToken: string | undefined,
  signal: AbortSignal,
  redirect: 'follow' | 'manual',
): Promise<Response> {
  try {
    return await fetch(url, {
      headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {},
      signal,
      redirect,
    });
  } catch (error) {
    // Aborts are told apart by the caller, which knows whether the fetch or the delivery ran out of time.
    if (signal.aborted) throw error;
    throw new MediaFetchError('platform-error', `request failed: ${messageOf(error)}`);
  }
}

/** The response when it is a success; otherwise the failure it names, with a little of its body. */
async function judged(response: Response, url: string): Promise<Response> {
  if (response.ok) return response;
  const text = (await response.text().catch(() => '')).slice(0, DETAIL_CHARS);
  const detail = `HTTP ${response.status} from ${new URL(url).host}${text ? `: ${text}` : ''}`;
  throw new MediaFetchError(response.status === 404 ? 'not-found' : 'platform-error', detail);
}

function messageOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error instanceof Error ? `${error.message}${cause}` : String(error);
}
