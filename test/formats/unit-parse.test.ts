import { parseUnit, LONG_LINE_MAX } from '../../src/formats/unit/parse.js';
import { printUnit } from '../../src/formats/unit/print.js';
import { inspectUnit } from '../../src/formats/unit/inspect.js';
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

describe('parseUnit: the model, node by node, with what systemd says of each line', () => {
  const model = (text: string) => {
    const file = parse(text);
    expect(printUnit(file).equals(Buffer.from(text, 'latin1'))).toBe(true);
    const slice = (s: { start: number; end: number }) => text.slice(s.start, s.end);
    return {
      nodes: file.nodes.map((n) => {
        const common = { line: n.line, text: slice(n.span), innerComments: n.innerComments.map(slice) };
        if (n.type === 'assignment') return { type: n.type, ...common, section: n.section, key: n.key, keyText: slice(n.keySpan), value: n.value };
        if (n.type === 'section-header') return { type: n.type, ...common, name: n.name, nameText: slice(n.nameSpan) };
        return { type: n.type, ...common };
      }),
      diagnostics: file.diagnostics.map((d) => `${d.line}:${d.severity}:${d.code}: ${d.message}`),
    };
  };

  test.each<[string, string, { nodes: object[]; diagnostics: string[] }]>([
    [
      // systemd strips whitespace around a header and skips whitespace-only lines without a word.
      'indented header, whitespace-only line',
      ' \t[Service]  \n   \t\n\nA = b\n',
      {
        nodes: [
          { type: 'section-header', line: 1, text: ' \t[Service]  \n', innerComments: [], name: 'Service', nameText: 'Service' },
          { type: 'blank', line: 2, text: '   \t\n', innerComments: [] },
          { type: 'blank', line: 3, text: '\n', innerComments: [] },
          { type: 'assignment', line: 4, text: 'A = b\n', innerComments: [], section: 'Service', key: 'A', keyText: 'A', value: 'b' },
        ],
        diagnostics: [],
      },
    ],
    [
      'comments inside a continuation belong to the assignment; a comment line alone is its own node',
      '# top\n[S]\nk=a \\\n# c1\n ; c2\nb\n',
      {
        nodes: [
          { type: 'comment', line: 1, text: '# top\n', innerComments: [] },
          { type: 'section-header', line: 2, text: '[S]\n', innerComments: [], name: 'S', nameText: 'S' },
          { type: 'assignment', line: 3, text: 'k=a \\\n# c1\n ; c2\nb\n', innerComments: ['# c1\n', ' ; c2\n'], section: 'S', key: 'k', keyText: 'k', value: 'a  b' },
        ],
        diagnostics: [],
      },
    ],
    [
      // A lone backslash on a continued line is itself a continuation, read as one more space.
      'a line that is only a backslash continues',
      '[S]\nk=a \\\n\\\nb\n',
      {
        nodes: [
          { type: 'section-header', line: 1, text: '[S]\n', innerComments: [], name: 'S', nameText: 'S' },
          { type: 'assignment', line: 2, text: 'k=a \\\n\\\nb\n', innerComments: [], section: 'S', key: 'k', keyText: 'k', value: 'a  ' + ' b' },
        ],
        diagnostics: [],
      },
    ],
    [
      'every complaint, with its line and message',
      'x=1\nwords\n[Bad\n[B"d]\n[S]\nno equals\n  = v\nok=caf\xe9\n\xff\xfe\n',
      {
        nodes: [
          { type: 'assignment', line: 1, text: 'x=1\n', innerComments: [], section: null, key: 'x', keyText: 'x', value: '1' },
          { type: 'invalid', line: 2, text: 'words\n', innerComments: [] },
          { type: 'invalid', line: 3, text: '[Bad\n', innerComments: [] },
          { type: 'invalid', line: 4, text: '[B"d]\n', innerComments: [] },
          { type: 'section-header', line: 5, text: '[S]\n', innerComments: [], name: 'S', nameText: 'S' },
          { type: 'invalid', line: 6, text: 'no equals\n', innerComments: [] },
          { type: 'invalid', line: 7, text: '  = v\n', innerComments: [] },
          { type: 'invalid', line: 8, text: 'ok=caf\xe9\n', innerComments: [] },
          { type: 'invalid', line: 9, text: '\xff\xfe\n', innerComments: [] },
        ],
        diagnostics: [
          '1:warning:outside-section: assignment outside of any section: ignored',
          '2:warning:outside-section: text outside of any section: line ignored',
          "3:error:invalid-section-header: invalid section header '[Bad': no closing ']'",
          `4:error:unsafe-section-name: bad characters in section header '[B"d]'`,
          "6:warning:missing-equals: missing '=': line ignored",
          "7:warning:missing-key: missing key name before '=': line ignored",
          '8:error:invalid-utf8: line is not valid UTF-8',
          // Not UTF-8 is fatal even on a line without '=' (systemd 252: "String is not UTF-8 clean").
          '9:error:invalid-utf8: line is not valid UTF-8',
        ],
      },
    ],
  ])('%s', (_name, text, expected) => {
    expect(model(text)).toEqual(expected);
  });

  test('a UTF-8 BOM is stripped once, from the first line that has one (systemd 252: a second BOM stays part of its line)', () => {
    expect(model('\xef\xbb\xbf[A]\n\xef\xbb\xbf[B]\n').diagnostics).toEqual(["2:warning:missing-equals: missing '=': line ignored"]);
    expect(model('[A]\n\xef\xbb\xbf[B]\n').nodes.map((n) => ('name' in n ? n.name : n.type))).toEqual(['A', 'B']);
  });

  test('limits: a physical line of LONG_LINE_MAX bytes, and a continuation of more than LONG_LINE_MAX (systemd 252: exactly LONG_LINE_MAX loads)', () => {
    const half = LONG_LINE_MAX / 2;
    const continued = (total: number) => `[S]\nk=${'x'.repeat(half - 3)}\\\n${'y'.repeat(total - half)}\n`;
    expect(model(continued(LONG_LINE_MAX)).diagnostics).toEqual([]);
    expect(model(continued(LONG_LINE_MAX + 1)).diagnostics).toEqual([`2:error:continuation-too-long: continued line is longer than systemd's limit of ${LONG_LINE_MAX} bytes`]);
    // The length counted is the line's own, wherever in the file it stands.
    expect(model(`#${'c'.repeat(LONG_LINE_MAX - 2)}\n[S]\nk=a \\\nb\n`).diagnostics).toEqual([]);
    const long = model(`[S]\nk=a \\\n${'z'.repeat(LONG_LINE_MAX)}\nb=c\n`);
    // The continuation cut short by the too-long line is still the assignment it began (and prints back).
    expect(long.nodes.map((n) => [n.type, n.line, n.innerComments, 'value' in n ? n.value : undefined])).toEqual([
      ['section-header', 1, [], undefined], ['assignment', 2, [], 'a'], ['invalid', 3, [], undefined], ['assignment', 4, [], 'c'],
    ]);
    expect(long.diagnostics).toEqual([`3:error:line-too-long: line is longer than systemd's limit of ${LONG_LINE_MAX} bytes`]);
  });
});

describe('parseUnit: value offsets map to the bytes of their physical line', () => {
  const text = '[S]\nk=one\\\ntwo \\\n# c\n  three\nempty=   \n';
  const [k, empty] = assignments(parse(text));
  const at = (s: { start: number; end: number } | undefined) => (s ? [s.start, s.end, text.slice(s.start, s.end)] : undefined);
  const joint = k!.value.indexOf(' ');
  const two = k!.value.indexOf('two');
  const three = k!.value.indexOf('three');

  test('spans and empty spans inside a line, at its ends and past the value', () => {
    expect(k!.value).toBe('one two    three');
    expect(at(k!.valueMap.toSource(1, 3))).toEqual([text.indexOf('ne'), text.indexOf('ne') + 2, 'ne']);
    expect(at(k!.valueMap.toSource(1, 1))).toEqual([text.indexOf('ne'), text.indexOf('ne'), '']);
    expect(at(k!.valueMap.toSource(two, two + 3))).toEqual([text.indexOf('two'), text.indexOf('two') + 3, 'two']);
    // The end of the value is a place to insert at: right after its last byte.
    expect(at(k!.valueMap.toSource(k!.value.length, k!.value.length))).toEqual([text.indexOf('three') + 5, text.indexOf('three') + 5, '']);
    expect(k!.valueMap.toSource(three, k!.value.length + 1)).toBeUndefined();
    expect(k!.valueMap.toSource(k!.value.length + 1, k!.value.length + 1)).toBeUndefined();
  });

  test('the space a continuation backslash stands for is not in the file: it cannot be edited', () => {
    expect(k!.value[joint]).toBe(' ');
    expect(k!.valueMap.toSource(joint, joint + 1)).toBeUndefined();
    expect(k!.valueMap.toSource(joint - 1, joint + 1)).toBeUndefined();
  });

  test('an empty value still has its place, after the =', () => {
    expect(empty!.value).toBe('');
    expect(at(empty!.valueMap.toSource(0, 0))).toEqual([text.indexOf('empty=') + 6, text.indexOf('empty=') + 6, '']);
    expect(empty!.valueMap.sourceOffset(0)).toBe(text.indexOf('empty=') + 6);
  });

  test('sourceOffset: the byte of any value offset, on later lines too', () => {
    for (const word of ['one', 'two', 'three']) {
      const i = k!.value.indexOf(word);
      expect([word, text.slice(k!.valueMap.sourceOffset(i), k!.valueMap.sourceOffset(i) + word.length)]).toEqual([word, word]);
    }
    // A continued line that starts with its word: the word's first byte, not the end of the line before.
    expect(text[k!.valueMap.sourceOffset(joint + 1)]).toBe('t');
  });
});

describe('inspectUnit: what `unitfix inspect --json` shows of a unit', () => {
  test('sections with their entries; command settings as the argv systemd would run; complaints', () => {
    const text = '[Unit]\nDescription=caf\xc3\xa9\n[Service]\nExecStart=-@/usr/bin/foo foo-name "a b" ; /bin/bar \\x41\nExecStop="/bin/unbalanced\nwords\n';
    expect(inspectUnit(parse(text))).toEqual({
      format: 'unit',
      sections: [
        { name: 'Unit', line: 1, entries: [{ key: 'Description', value: 'café', line: 2 }] },
        {
          name: 'Service',
          line: 3,
          entries: [
            {
              key: 'ExecStart',
              value: '-@/usr/bin/foo foo-name "a b" ; /bin/bar \\x41',
              line: 4,
              commands: [
                { prefixes: '-@', path: '/usr/bin/foo', argv: ['foo-name', 'a b'] },
                { prefixes: '', path: '/bin/bar', argv: ['/bin/bar', 'A'] },
              ],
            },
            expect.objectContaining({ key: 'ExecStop', value: '"/bin/unbalanced', line: 5, commands: [], error: expect.any(String) }),
          ],
        },
      ],
      diagnostics: [{ line: 6, severity: 'warning', code: 'missing-equals', message: "missing '=': line ignored" }],
    });
  });
});
