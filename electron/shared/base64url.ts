// @process: shared
// base64url → text without Buffer or atob: the shared layer runs in the window and in Node, and
// neither global exists in both. Used to read a JWT's payload locally (a Synapse PAT).

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i] as const));

/** The bytes a base64url string encodes (padding optional). Null when a character is outside the
 * alphabet. A trailing lone character carries no whole byte and is dropped, as Node's decoder does. */
export function base64UrlBytes(text: string): number[] | null {
  const s = text.replace(/=+$/, '');
  const bytes: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const c of s) {
    const v = VALUE.get(c);
    if (v === undefined) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
    }
  }
  return bytes;
}

/** UTF-8 bytes → string by the WHATWG decoder's rules (what TextDecoder and Buffer do): each
 * malformed sequence, up to its longest valid prefix, becomes one U+FFFD. */
export function utf8Decode(bytes: readonly number[]): string {
  let out = '';
  let cp = 0;
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (needed === 0) {
      if (b <= 0x7f) out += String.fromCharCode(b);
      else if (b >= 0xc2 && b <= 0xdf) [needed, cp] = [1, b & 0x1f];
      else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        [needed, cp] = [2, b & 0xf];
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        [needed, cp] = [3, b & 0x7];
      } else out += '\uFFFD';
      continue;
    }
    if (b < lower || b > upper) {
      // The sequence ends here; this byte starts afresh.
      [cp, needed, seen, lower, upper] = [0, 0, 0, 0x80, 0xbf];
      out += '\uFFFD';
      i--;
      continue;
    }
    [lower, upper] = [0x80, 0xbf];
    cp = (cp << 6) | (b & 0x3f);
    if (++seen === needed) {
      out += String.fromCodePoint(cp);
      [cp, needed, seen] = [0, 0, 0];
    }
  }
  return needed ? out + '\uFFFD' : out;
}

/** A base64url string decoded as UTF-8 text, or null when it is not base64url. */
export function decodeBase64Url(text: string): string | null {
  const bytes = base64UrlBytes(text);
  return bytes === null ? null : utf8Decode(bytes);
}
