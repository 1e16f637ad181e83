import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { splitPcArguments, splitRenderedFlags } from '../../src/formats/pkgconfig/argv.js';
import { evaluatePc, pcVariable } from '../../src/formats/pkgconfig/evaluate.js';
import { parsePc, printPc } from '../../src/formats/pkgconfig/parse.js';
import { pkgconf } from '../helpers/pkgconf.js';
import { describeIfTool } from '../helpers/tools.js';

const HEADER = 'Name: t\nDescription: crafted\nVersion: 1\n';

/** Crafted files: each variable's value must be what the installed pkgconf prints for it. */
const CASES: Record<string, string> = {
  'dollar-dollar': 'late=L\na=$${late}\nb=$$late\nc=$x\nd=${late}$\n',
  pcfiledir: 'prefix=${pcfiledir}/../..\nlibdir=${prefix}/lib\n',
  'mutual-reference': 'a=${b}\nb=${a}\nc=${a}${b}x\n',
  'self-reference': 'a=${a}x\nprefix=/usr\nprefix=${prefix}/local\n',
  undefined: 'a=${nowhere}/x\nb=${}y\n',
  continuation: 'a=one \\\n    two\nb=three\\\n\\\nfour\n',
  comments: 'a=value # comment\nb=val\\#ue\n# whole line\nc= spaced  \t\n',
  crlf: 'a=1\r\nb=${a}2\r\nc=x\\\r\ny\r\n',
  'lone-cr': 'a=1\rb=${a}2\r',
  quotes: 'a="quoted value"\nb=\'single\'\nc=x"y"z\nd="a\\"b"\n',
  'globals-win': 'pc_sysrootdir=/mine\na=${pc_sysrootdir}x\nb=${pc_top_builddir}\n',
  'odd-keys': '_hidden=1\n9lives=2\nkey.with.dots=3\nkey with spaces=4\nK=5\nk=6\n',
  'comment-at-eof': 'a=b # no newline',
};

describeIfTool('pkgconf', 'crafted .pc files against the installed pkgconf', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-pc-crafted-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each(Object.entries(CASES))('%s', (name, body) => {
    const file = path.join(dir, `${name}.pc`);
    const text = name === 'comment-at-eof' ? `${HEADER}${body}` : `${body}${HEADER}`;
    fs.writeFileSync(file, Buffer.from(text, 'latin1'));
    const bytes = fs.readFileSync(file);
    const parsed = parsePc(bytes);
    expect(printPc(parsed).equals(bytes)).toBe(true);
    const evaluation = evaluatePc(parsed, { pcfiledir: dir });
    const listed = pkgconf([dir], ['--print-variables', name]);
    expect(listed.status).toBe(0);
    const names = listed.stdout.split('\n').filter(Boolean);
    expect(new Set(names)).toEqual(new Set(evaluation.variables.keys()));
    for (const variable of names) {
      const theirs = pkgconf([dir], [`--variable=${variable}`, name]);
      const ours = Buffer.from(pcVariable(evaluation, variable) ?? '', 'latin1').toString('utf8');
      expect({ variable, value: ours }).toEqual({ variable, value: theirs.stdout });
    }
    expect(evaluation.fields.Version).toBe(pkgconf([dir], ['--modversion', name]).stdout);
  });

  /** Cflags/Libs bodies: our words must be the items pkgconf renders for --cflags / --libs (one field, or none if it drops it). */
  const FLAG_CASES: Record<string, string> = {
    blanks: 'Cflags: -DA  -DB\t-DC \f-DV\vx\n',
    'double-quotes': 'Cflags: "-DD E" x"-DH\\"I\\$J\\K\\`L\\\\M"y\n',
    'single-quotes': "Cflags: '-DF\\G' '-DS\"T'\n",
    backslashes: 'Cflags: -DL\\ M \\"-DQ\\\' \\-DR\n',
    'mixed-quotes': 'Cflags: "it\'s" \'a"b\'\n',
    'unterminated-double': 'Cflags: "-DX -DY\nLibs: -lok\n',
    'unterminated-single': "Cflags: -DX 'y\n",
    'repeated-any-case': 'cflags: -DA\nCFLAGS: -DB\nLibs: -la\nlibs: -lb\nLIBS: -lc\n',
    'version-blanks': 'version: 2  3\n',
    'version-leading-blank': 'sp=" "\nversion: ${sp}2\n',
  };

  test.each(Object.entries(FLAG_CASES))('flags: %s', (name, body) => {
    const file = path.join(dir, `flags-${name}.pc`);
    fs.writeFileSync(file, `${HEADER}${body}`);
    const evaluation = evaluatePc(parsePc(fs.readFileSync(file)), { pcfiledir: dir });
    for (const [field, option] of [['Cflags', '--cflags'], ['Libs', '--libs']] as const) {
      const theirs = pkgconf([dir], [option, `flags-${name}`]);
      expect(theirs.status).toBe(0);
      const ours = (evaluation.fieldValues[field] ?? []).flatMap((v) => splitPcArguments(v) ?? []);
      expect({ field, words: ours }).toEqual({ field, words: splitRenderedFlags(theirs.stdout) });
    }
    expect(evaluation.fields.Version).toBe(pkgconf([dir], ['--modversion', `flags-${name}`]).stdout);
  });

  test('a missing required field is refused by pkgconf and reported by us', () => {
    fs.writeFileSync(path.join(dir, 'noversion.pc'), 'Name: x\nDescription: y\n');
    expect(pkgconf([dir], ['--modversion', 'noversion']).status).not.toBe(0);
    const evaluation = evaluatePc(parsePc(fs.readFileSync(path.join(dir, 'noversion.pc'))), { pcfiledir: dir });
    expect(evaluation.diagnostics.map((d) => d.message)).toEqual(['the file has no Version field: pkgconf refuses it']);
  });
});

test('a value that names itself through tricks is an error, not a hang', () => {
  const text = `a=$\nb=\${a}{b}\nc=\${b}\${b}\${b}\${b}\${b}\${b}\nd=\${c}\${c}\${c}\${c}\n${HEADER}`;
  const evaluation = evaluatePc(parsePc(Buffer.from(text)), { pcfiledir: '/x' });
  expect(evaluation.variables.get('b')).toBe('${b}');
  expect(evaluation.diagnostics.some((d) => d.severity === 'error' && d.line === 3)).toBe(true);
});
