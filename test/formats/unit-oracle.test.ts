import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseUnit } from '../../src/formats/unit/parse.js';
import { parseCommandLines } from '../../src/formats/unit/command-line.js';
import { describeIfTool } from '../helpers/tools.js';
import { verifyUnits } from '../helpers/systemd-analyze.js';

/**
 * Agreement with systemd's own parser: systemd-analyze verify names the
 * executable of each Exec*= setting it cannot find ("Command X is not
 * executable") and says when it refuses a unit. For every crafted value, our
 * parse must name the same executable, or refuse when systemd refuses.
 */
const COMMAND_VALUES: string[] = [
  '/usr/bin/uf-plain a b',
  '"/usr/bin/uf-double" "a b"',
  "'/usr/bin/uf-single' a",
  '/usr/bin/uf-mid"dle"word',
  '/usr/bin/"uf sp ace" x',
  '"+/usr/bin/uf-quoted-prefix" x',
  '@/usr/bin/uf-argv0 name a',
  '+/usr/bin/uf-plus',
  '!/usr/bin/uf-bang',
  '!!/usr/bin/uf-bangbang',
  ':/usr/bin/uf-colon $FOO',
  ':+@/usr/bin/uf-combo x y',
  '@!:/usr/bin/uf-combo2 x',
  '/usr/bin/uf-x\\x41y',
  '/usr/bin/uf-oct\\101',
  '/usr/bin/uf-u\\u00e9',
  '/usr/bin/uf-surrogate\\uD800x',
  '/usr/bin/uf-big\\U0001F600',
  '/usr/bin/uf-past\\U00110000',
  '/usr/bin/uf-s\\sp',
  '/usr/bin/uf-tab\\t',
  '/usr/bin/uf-spec%%x',
  'uf-bare-name arg',
  ';  /usr/bin/uf-after-lone-semicolon',
  '/usr/bin/uf-first \\; x ; /usr/bin/uf-second',
  '/usr/bin/uf-args ${FOO} $BAR %i "a;b" \\;',
  '"/usr/bin/uf-unbalanced',
  '/usr/bin/uf-bad\\q',
  '/usr/bin/uf-dir/',
  '@/usr/bin/uf-no-argv0',
  '/usr/bin/uf-ctl\\x01',
  '+!/usr/bin/uf-plus-bang',
  '/usr/bin/uf-trailing\\',
  '"/usr/bin/uf-quote\'d"',
  'uf/relative',
  '/usr/bin/uf-empty-quotes ""',
  '/usr/bin/uf-arg-unbalanced "x',
  // Length limits of config_parse_exec(): a component of at most 255 bytes (NAME_MAX), a path shorter than 4096 (PATH_MAX).
  `/usr/bin/${'a'.repeat(255)}`,
  `/usr/bin/${'b'.repeat(256)}`,
  `/usr/bin/${'c'.repeat(200)}/${'d'.repeat(90)}`,
  // (A valid 4095-byte path cannot be compared: systemd truncates the log line that names it.)
  pathOf(4096),
  // A bare name must be a valid file name.
  '.',
  '..',
  'e'.repeat(255),
  'f'.repeat(256),
];

/** An absolute path of exactly `n` bytes below /usr/bin, in components of at most 200 bytes. */
function pathOf(n: number): string {
  let p = '/usr/bin';
  while (p.length < n) p += `/${'g'.repeat(Math.max(1, Math.min(200, n - p.length - 1)))}`;
  return p;
}

/** Whole files, to check line ends, BOM, comments and continuations against systemd. */
const FILES: Record<string, string> = {
  crlf: '[Unit]\r\nDescription=t\r\n[Service]\r\nType=oneshot\r\nExecStart=/usr/bin/uf-crlf a\r\n',
  cr: '[Unit]\rDescription=t\r[Service]\rType=oneshot\rExecStart=/usr/bin/uf-cr a\r',
  lfcr: '[Unit]\n\rDescription=t\n\r[Service]\n\rType=oneshot\n\rExecStart=/usr/bin/uf-lfcr a\n\r',
  bom: '\xef\xbb\xbf[Unit]\nDescription=t\n[Service]\nType=oneshot\nExecStart=/usr/bin/uf-bom\n',
  continuation: '[Unit]\nDescription=t\n[Service]\nType=oneshot\nExecStart=/usr/bin/uf-cont\\\n# comment \\\n  arg\\\n; other comment\n  more\n',
  'continuation-eof': '[Unit]\nDescription=t\n[Service]\nType=oneshot\nExecStart=/usr/bin/uf-cont-eof \\',
  'spaces-around': '[Unit]\nDescription=t\n[Service]\nType=oneshot\n   ExecStart   =   /usr/bin/uf-spaces   \n',
  'no-newline': '[Unit]\nDescription=t\n[Service]\nType=oneshot\nExecStart=/usr/bin/uf-no-newline',
  'last-wins-reset': '[Unit]\nDescription=t\n[Service]\nType=oneshot\nExecStart=/usr/bin/uf-reset-me\nExecStart=\nExecStart=/usr/bin/uf-after-reset\n',
  'bad-header': '[Unit\nDescription=t\n[Service]\nExecStart=/usr/bin/uf-bad-header\n',
  'unsafe-header': '[Un\\it]\nDescription=t\n[Service]\nExecStart=/usr/bin/uf-unsafe\n',
  'invalid-utf8': '[Unit]\nDescription=caf\xe9\n[Service]\nType=oneshot\nExecStart=/usr/bin/uf-latin1\n',
  'nul-ends-line': '[Unit]\nDescription=t\n[Service]\nType=oneshot\nExecStart=/usr/bin/uf-nul\0 ignored=1\n',
  // Only the first BOM is stripped: one before [Service] after one before [Unit] hides the header.
  'two-boms': '\xef\xbb\xbf[Unit]\nDescription=t\n\xef\xbb\xbf[Service]\nType=oneshot\nExecStart=/usr/bin/uf-two-boms\n',
  'bom-second-line': '[Unit]\nDescription=t\n\xef\xbb\xbf[Service]\nType=oneshot\nExecStart=/usr/bin/uf-bom-second\n',
  'lone-backslash': '[Unit]\nDescription=t\n[Service]\nType=oneshot\nExecStart=/usr/bin/uf-lone-bs \\\n\\\n  x\n',
  'not-utf8-line': '[Unit]\nDescription=t\n\xff\xfe\n[Service]\nType=oneshot\nExecStart=/usr/bin/uf-not-utf8-line\n',
  'utf8-line': '[Unit]\nDescription=t\n\xc3\xa9\n[Service]\nType=oneshot\nExecStart=/usr/bin/uf-utf8-line\n',
  'indented-header': '[Unit]\nDescription=t\n  [Service]  \n   \nType=oneshot\nExecStart=/usr/bin/uf-indented\n',
};

function lastExecStartPath(bytes: Buffer): { path?: string; error?: string } {
  const file = parseUnit(bytes);
  const fatal = file.diagnostics.find((d) => d.severity === 'error');
  if (fatal) return { error: fatal.message };
  const service = file.sections.filter((s) => s.name === 'Service').flatMap((s) => [...s.assignments]);
  const exec = service.filter((a) => a.key === 'ExecStart').pop();
  if (!exec) return { error: 'no ExecStart' };
  const parsed = parseCommandLines(exec.rawValue);
  if (parsed.error) return { error: parsed.error.message };
  const first = parsed.commands[0];
  if (!first) return { error: 'no command' };
  return { path: Buffer.from(first.path, 'latin1').toString('utf8') };
}

/** systemd expands specifiers and simplifies the path before naming it. */
function asSystemdNames(p: string): string {
  return path.posix.normalize(p.replaceAll('%%', '%'));
}

describeIfTool('systemd-analyze', 'agreement with systemd-analyze verify', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-oracle-'));
  const cases: { name: string; file: string; bytes: Buffer }[] = [];
  COMMAND_VALUES.forEach((value, i) => {
    const text = `[Unit]\nDescription=t\n[Service]\nType=oneshot\nExecStart=${value}\n`;
    const name = value.length > 80 ? `${value.slice(0, 40)}… (${value.length} bytes)` : value;
    cases.push({ name: `ExecStart=${name}`, file: path.join(dir, `cmd-${i}.service`), bytes: Buffer.from(text, 'utf8') });
  });
  for (const [name, text] of Object.entries(FILES)) {
    cases.push({ name: `file ${name}`, file: path.join(dir, `file-${name}.service`), bytes: Buffer.from(text, 'latin1') });
  }
  for (const c of cases) fs.writeFileSync(c.file, c.bytes);
  const verdicts = verifyUnits(cases.map((c) => c.file));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const verdict = verdicts.get(c.file)!;
    const ours = lastExecStartPath(c.bytes);
    if (verdict.missingCommands.length > 0) {
      expect(ours.error).toBeUndefined();
      expect(asSystemdNames(ours.path!)).toBe(verdict.missingCommands[0]);
    } else {
      // systemd named no missing command: it must have refused the unit, and so must we.
      expect(verdict.refused).toBe(true);
      expect(ours.error).toBeDefined();
    }
  });
});
