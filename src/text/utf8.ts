import { decodeUtf8 } from './bytes.js';

/**
 * systemd's notion of valid UTF-8 (src/basic/utf8.c, utf8_is_valid and
 * unichar_is_valid, systemd 252): strict UTF-8 without surrogates, overlong
 * forms or code points past U+10FFFF, and also without the noncharacters
 * U+FDD0..U+FDEF and U+xxFFFE/U+xxFFFF, which plain UTF-8 decoders accept.
 */
export function isSystemdValidUtf8(byteString: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(byteString)) return true;
  const decoded = decodeUtf8(byteString);
  if (decoded === undefined) return false;
  for (const char of decoded) {
    const cp = char.codePointAt(0)!;
    if (cp >= 0xfdd0 && cp <= 0xfdef) return false;
    if ((cp & 0xfffe) === 0xfffe) return false;
  }
  return true;
}
