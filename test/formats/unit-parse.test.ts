import { parseUnit, LONG_LINE_MAX } from '../../src/formats/unit/parse.js';
import { printUnit } from '../../src/formats/unit/print.js';
import type { AssignmentNode, UnitFile } from '../../src/formats/unit/model.js';
import { applyEdits } from '../../src/text/edit.js';

const parse = (text: string | Buffer): UnitFile => parseUnit(typeof text === 'string' ? Buffer.from(text, 'latin1') : text);

function assignments(file: UnitFile): AssignmentNode[] {
  return file.sections.flatMap((s) => [...s.assignments]);
}

function entries(text: string): [string | null, string, string][] {
  const file = parse(text);
  expect(printUnit(file).equals(Buffer.from(text, 'latin1'))).toBe(true);
  return file.nodes.filter((n): n is AssignmentNode => n.type === 'assignment').map((n) => [n.section, n.key, n.value]);
}

describe('parseUnit: structure', () => {
  test('sections, keys and values, whitespace around = stripped', () => {
    expect(entries('[Unit]\nDescription = Foo bar  \n\n[Service]\n  ExecStart=/bin/foo\n')).toEqual([
      ['Unit', 'Description', 'Foo bar'],
      ['Service', 'ExecStart', '/bin/foo'],
    ]);
  });

  test('repeated keys and empty assignments are all kept, in order', () => {
    const file = parse('[Service]\nExecStartPre=/bin/a\nExecStartPre=\nExecStartPre=/bin/b\n');
    expect(assignments(file).map((a) => a.value)).toEqual(['/bin/a', '', '/bin/b']);
  });

  test('comments are whole lines starting with # or ;, after leading whitespace', () => {
    const file = parse('# one\n  ; two\n[Service]\nExecStart=/bin/foo # not a comment\n');
    expect(file.nodes.map((n) => n.type)).toEqual(['comment', 'comment', 'section-header', 'assignment']);
    expect(assignments(file)[0]!.value).toBe('/bin/foo # not a comment');
  });

  test('the section name is what stands between the brackets, inner spaces kept', () => {
    const file = parse('[ X-Foo ]\na=b\n');
    expect(file.sections.map((s) => s.name)).toEqual([' X-Foo ']);
  });

  test('the first value is searched for "=" only once: later "=" belong to the value', () => {
    expect(entries('[Service]\nEnvironment=A=1 B=2\n')).toEqual([['Service', 'Environment', 'A=1 B=2']]);
  });
});

describe('parseUnit: continuation lines', () => {
  test('a trailing backslash joins the next line, the backslash read as a space', () => {
    expect(entries('[Service]\nExecStart=/bin/foo \\\n   --bar\n')).toEqual([['Service', 'ExecStart', '/bin/foo     --bar']]);
  });

  test('comment lines inside a continuation are skipped and the value goes on', () => {
    const file = parse('[Service]\nExecStart=/bin/foo \\\n# comment \\\n  ; another\n  --bar\nUser=x\n');
    const [exec, user] = assignments(file);
    expect(exec!.value).toBe('/bin/foo    --bar');
    expect(exec!.innerComments).toHaveLength(2);
    expect(exec!.line).toBe(2);
    expect(exec!.lastLine).toBe(5);
    expect(user!.line).toBe(6);
  });

  test('an escaped backslash at the end does not continue', () => {
    expect(entries('[S]\na=x\\\\\nb=y\n')).toEqual([['S', 'a', 'x\\\\'], ['S', 'b', 'y']]);
  });

  test('whitespace after the backslash means no continuation', () => {
    expect(entries('[S]\na=x\\ \nb=y\n')).toEqual([['S', 'a', 'x\\'], ['S', 'b', 'y']]);
  });

  test('a blank line ends a continuation', () => {
    expect(entries('[S]\na=x \\\n\nb=y\n')).toEqual([['S', 'a', 'x'], ['S', 'b', 'y']]);
  });

  test('a continuation open at the end of the file is still an assignment', () => {
    expect(entries('[S]\na=x \\')).toEqual([['S', 'a', 'x']]);
    expect(entries('[S]\na=x \\\n# trailing comment\n')).toEqual([['S', 'a', 'x']]);
  });

  test('continued pieces keep their leading whitespace', () => {
    expect(entries('[S]\na=x\\\n  y\n')).toEqual([['S', 'a', 'x   y']]);
  });
});

describe('parseUnit: line ends, BOM and bytes', () => {
  test('CRLF, lone CR and LF CR each end one line; LF LF is two', () => {
    expect(entries('[S]\r\na=1\rb=2\n\rc=3\n\nd=4')).toEqual([['S', 'a', '1'], ['S', 'b', '2'], ['S', 'c', '3'], ['S', 'd', '4']]);
    const file = parse('[S]\r\na=1\rb=2\n\rc=3\n\nd=4');
    expect(file.lines.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test('a NUL byte ends a line', () => {
    expect(entries('[S]\na=1\0b=2\n')).toEqual([['S', 'a', '1'], ['S', 'b', '2']]);
  });

  test('a UTF-8 BOM before the first line is skipped but kept for printing', () => {
    const text = '\xef\xbb\xbf[Unit]\nDescription=x\n';
    expect(entries(text)).toEqual([['Unit', 'Description', 'x']]);
  });

  test('a BOM in front of a comment hides the comment (systemd checks comments first)', () => {
    const file = parse('\xef\xbb\xbf# hello\n[Unit]\n');
    expect(file.nodes[0]!.type).toBe('invalid');
    expect(file.diagnostics[0]!.code).toBe('outside-section');
  });

  test('values that are not valid UTF-8 make systemd refuse the file; the bytes survive', () => {
    const bytes = Buffer.from('[Service]\nDescription=caf\xe9\nExecStart=/bin/true\n', 'latin1');
    const file = parseUnit(bytes);
    expect(file.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['invalid-utf8', 'error', 2]]);
    expect(printUnit(file).equals(bytes)).toBe(true);
  });

  test('UTF-8 noncharacters are invalid for systemd too', () => {
    const file = parse(Buffer.from('[S]\na=\ufdd0\n', 'utf8'));
    expect(file.diagnostics.map((d) => d.code)).toEqual(['invalid-utf8']);
  });

  test('valid UTF-8 values decode', () => {
    const file = parse(Buffer.from('[Unit]\nDescription=Grüße ✓\n', 'utf8'));
    expect(assignments(file)[0]!.value).toBe('Grüße ✓');
  });
});

describe('parseUnit: what systemd complains about', () => {
  const codes = (text: string) => parse(text).diagnostics.map((d) => `${d.line}:${d.severity}:${d.code}`);

  test('unterminated section header is fatal; the lines after it are still modelled', () => {
    expect(codes('[Service\na=b\n')).toEqual(['1:error:invalid-section-header', '2:warning:outside-section']);
  });
  test('quotes or backslashes in a section name are fatal', () => {
    expect(codes('[Ser"vice]\n')).toEqual(['1:error:unsafe-section-name']);
  });
  test('a line without = is ignored with a warning', () => {
    expect(codes('[S]\njust words\n')).toEqual(['2:warning:missing-equals']);
  });
  test('a line starting with = has no key', () => {
    expect(codes('[S]\n=value\n')).toEqual(['2:warning:missing-key']);
  });
  test('assignments before the first section are orphans', () => {
    const file = parse('a=b\n[S]\n');
    expect(file.orphans.map((o) => o.key)).toEqual(['a']);
    expect(codes('a=b\n[S]\n')).toEqual(['1:warning:outside-section']);
  });
  test('a line of LONG_LINE_MAX bytes is fatal, and still prints back', () => {
    const text = `[S]\na=${'x'.repeat(LONG_LINE_MAX)}\nb=c\n`;
    const file = parse(text);
    expect(file.diagnostics.map((d) => d.code)).toEqual(['line-too-long']);
    expect(printUnit(file).length).toBe(text.length);
    expect(assignments(file).map((a) => a.key)).toEqual(['b']);
  });
  test('a continuation that grows past the limit is fatal', () => {
    const half = 'x'.repeat(LONG_LINE_MAX / 2 + 10);
    expect(codes(`[S]\na=${half}\\\n${half}\n`)).toEqual(['2:error:continuation-too-long']);
  });
});

describe('parseUnit: spans and edits', () => {
  test('a value span maps back into the file and an edit touches only it', () => {
    const text = '[Service]\r\n  ExecStart = /usr/bin/foo --x  \r\n# end\r\n';
    const file = parse(text);
    const exec = assignments(file)[0]!;
    const span = exec.valueMap.toSource(0, '/usr/bin/foo'.length)!;
    expect(text.slice(span.start, span.end)).toBe('/usr/bin/foo');
    const edited = applyEdits(file.source, [{ ...span, text: Buffer.from('/nix/store/abc-foo/bin/foo') }]);
    expect(edited.toString('latin1')).toBe('[Service]\r\n  ExecStart = /nix/store/abc-foo/bin/foo --x  \r\n# end\r\n');
  });

  test('spans on a continued line map to that line; spans across the joint do not map', () => {
    const text = '[S]\na=one \\\n# c\n  two\n';
    const exec = assignments(parse(text))[0]!;
    expect(exec.value).toBe('one    two');
    const two = exec.value.indexOf('two');
    const span = exec.valueMap.toSource(two, two + 3)!;
    expect(text.slice(span.start, span.end)).toBe('two');
    expect(exec.valueMap.toSource(0, exec.value.length)).toBeUndefined();
  });

  test('never throws and always prints back, whatever the bytes', () => {
    const samples = ['', '\n', '\\', '[', ']', '=', '\r\r\n\n\0\0', '[a]\n\\\n\\\\\n', '\xef\xbb\xbf', '\xef\xbb\xbf\xef\xbb\xbf[x]'];
    for (const sample of samples) {
      const bytes = Buffer.from(sample, 'latin1');
      expect(printUnit(parseUnit(bytes)).equals(bytes)).toBe(true);
    }
  });
});
