import fc from 'fast-check';

/**
 * Bytes biased towards what the parsers treat specially: line ends, NUL,
 * backslashes, quotes, comment and section characters, '=' ':' '$' '{' '}',
 * '%', a BOM, invalid UTF-8 and plain letters.
 */
const SPECIAL = [0x0a, 0x0d, 0x00, 0x5c, 0x22, 0x27, 0x23, 0x3b, 0x5b, 0x5d, 0x3d, 0x3a, 0x24, 0x7b, 0x7d, 0x25, 0x20, 0x09, 0x2f, 0x2d, 0x40, 0x2b, 0x21, 0x7c];
const byte = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 3, arbitrary: fc.integer({ min: 0x61, max: 0x7a }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
);
const pieces = fc.oneof(
  fc.array(byte, { maxLength: 40 }).map((b) => Buffer.from(b)),
  fc.constantFrom(
    Buffer.from('\xef\xbb\xbf', 'latin1'),
    Buffer.from('[Service]\n'),
    Buffer.from('ExecStart='),
    Buffer.from(' \\\n'),
    Buffer.from('\\\r\n'),
    Buffer.from('${prefix}'),
    Buffer.from('prefix=/usr\n'),
    Buffer.from('L /etc/x - - - - ../usr/lib/x\n'),
    Buffer.from('u foo - "Foo" /home /usr/sbin/nologin\n'),
    Buffer.from('\xc3\x28\xff\xfe', 'latin1'),
  ),
);
export const input = fc.array(pieces, { maxLength: 12 }).map((parts) => Buffer.concat(parts));
