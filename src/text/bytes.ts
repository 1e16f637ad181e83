/**
 * Parsers work on a "byte string": a JS string holding one character per byte
 * (latin1). Offsets in it are byte offsets in the file, and converting back
 * gives the identical bytes whatever the encoding, so non-UTF-8 files survive.
 */
export function toByteString(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

export function fromByteString(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/** The UTF-8 bytes of `text`, as a byte string. */
export function utf8ByteString(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes a byte string as UTF-8; undefined when it is not valid UTF-8. */
export function decodeUtf8(byteString: string): string | undefined {
  try {
    return strictDecoder.decode(fromByteString(byteString));
  } catch {
    return undefined;
  }
}

/** Decodes a byte string as UTF-8 for display, replacing invalid sequences with U+FFFD. */
export function displayText(byteString: string): string {
  return fromByteString(byteString).toString('utf8');
}

/** True when the byte string is pure ASCII, so it decodes to itself. */
export function isAscii(byteString: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[^\x00-\x7f]/.test(byteString);
}
