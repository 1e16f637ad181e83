/**
 * Where a file shows it is binary: its first NUL byte, as git and grep
 * decide (no text format unitfix reads has one; latin-1 and other non-UTF-8
 * text has none either, so it stays text). Line and column count from 1,
 * the column in bytes. Undefined for text.
 */
export function binaryAt(bytes: Uint8Array): { line: number; column: number } | undefined {
  const nul = bytes.indexOf(0);
  if (nul < 0) return undefined;
  let line = 1;
  let start = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < nul; i = bytes.indexOf(0x0a, i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: nul - start + 1 };
}
