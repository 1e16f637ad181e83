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

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes a byte string as UTF-8; undefined when it is not valid UTF-8. */
export function decodeUtf8(byteString: string): string | undefined {
  try {
    return strictDecoder.decode(fromByteString(byteString));
  } catch {
    return undefined;
  }
}

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Decodes a byte string as UTF-8 for display, replacing invalid sequences
 * with U+FFFD. ASCII (nearly every line of every unit) is its own decoding.
 */
export function displayText(byteString: string): string {
  return NON_ASCII.test(byteString) ? fromByteString(byteString).toString('utf8') : byteString;
}
