// Links an integrator hands us end up as hrefs in an agent's console, so only web schemes pass: a
// `javascript:`, `data:` or `file:` URL would run or read something on the agent's machine.
import { z } from 'zod';
import { storable, unstorableTextReason } from './primitives.schema';

export const WEB_URL_MAX_LENGTH = 2048;

/** Which schemes a URL field accepts: https always, http only where a deployment allows it. */
export interface UrlPolicy {
  readonly allowHttp: boolean;
}

/** The default: https only (`ALLOW_HTTP_URLS=false`). */
export const HTTPS_ONLY: UrlPolicy = { allowHttp: false };

/** Whitespace or a C0/DEL control anywhere: browsers strip them, which is how `java\tscript:` sneaks past filters. */
function hasBlankOrControl(value: string): boolean {
  if (/\s/.test(value)) return true;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0x20 || unit === 0x7f) return true;
  }
  return false;
}
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/[^/?#]+/;

export function webUrlMessage(policy: UrlPolicy): string {
  return policy.allowHttp ? 'must be an http: or https: URL' : 'must be an https: URL';
}

/** Why `value` is not an acceptable web URL under `policy`, or undefined when it is. */
export function webUrlProblem(value: string, policy: UrlPolicy): string | undefined {
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
  const allowed = scheme === 'https' || (policy.allowHttp && scheme === 'http');
  if (!allowed || hasBlankOrControl(value) || !URL.canParse(value)) return webUrlMessage(policy);
  return undefined;
}

/** An absolute web URL with a host, at most 2048 characters, storable, and of a scheme `policy` allows. */
export function webUrlSchema(policy: UrlPolicy = HTTPS_ONLY) {
  return storable(z.string().max(WEB_URL_MAX_LENGTH))
    .superRefine((value, ctx) => {
      // One problem per field: unstorable text is already reported as such.
      if (unstorableTextReason(value)) return;
      const problem = webUrlProblem(value, policy);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .describe(
      policy.allowHttp
        ? 'An absolute http: or https: URL.'
        : 'An absolute https: URL (http: only where the deployment sets ALLOW_HTTP_URLS=true).',
    );
}
