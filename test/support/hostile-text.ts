// Text that is hostile but valid: everything PostgreSQL can store, chosen to break naive encoders, renderers,
// collations and query builders. Stored, it must read back byte for byte.

/** Unicode an encoder or a byte-counting limit gets wrong. */
export const UNICODE = {
  astral: '𝕊𝕨𝕚𝕥𝕔𝕙𝕓𝕠𝕒𝕣𝕕 \u{10FFFF}\u{1F600}',
  emoji: '👩‍👩‍👧‍👦 🇵🇹 🏳️‍🌈 👍🏽',
  rtl: 'مرحبا بالعالم \u202Eevil.exe\u202C שלום',
  combining: 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇ e\u0301',
  invisible: 'zero\u200Bwidth\uFEFFbom\u2028line\u2029para',
  nonCharacters: 'edge \uFFFE\uFFFF \uFFFD',
} as const;

/** Controls PostgreSQL stores (everything but NUL). */
export const CONTROLS = 'bell\u0007 esc\u001b[31mred\u001b[0m del\u007f \u0001\u001f crlf\r\n tab\t';

/** Strings that break a query or page built by concatenation. */
export const INJECTIONS = [
  "Robert'); DROP TABLE messages; --",
  "' OR '1'='1' /*",
  '<script>alert(document.cookie)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(1)>',
  '{"$where": "sleep(1000)"} ${7*7} {{7*7}} %s%s%n',
  '\\u0000 \\x00 \\0 (escaped, not real NULs)',
  '../../../../etc/passwd',
] as const;

/** Every family above in one line, trimmed so a field that trims keeps it whole. */
export function hostileLine(tag: string): string {
  return [tag, ...Object.values(UNICODE), CONTROLS, ...INJECTIONS].join(' | ').trim();
}

/** About `units` UTF-16 code units of mixed astral, RTL and combining text: never splits a pair. */
export function longUnicode(units: number): string {
  const cycle = `${UNICODE.astral}${UNICODE.rtl}${UNICODE.combining}${UNICODE.emoji}`;
  let text = '';
  while (text.length + cycle.length <= units) text += cycle;
  return text + 'x'.repeat(units - text.length);
}

/** Cuts `text` to at most `units` code units without leaving half of a surrogate pair. */
export function cut(text: string, units: number): string {
  const head = text.slice(0, units);
  const last = head.charCodeAt(head.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? head.slice(0, -1) : head;
}
