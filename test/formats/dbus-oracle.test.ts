import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDbusService } from '../../src/formats/dbus/parse.js';
import type { DbusServiceFile } from '../../src/formats/dbus/model.js';
import { describeIfPresent } from '../helpers/skip.js';
import { missingTool } from '../helpers/tools.js';
import { layRecorder, startPrivateBus, takeRecordedArgv, type PrivateBus } from '../helpers/dbus-daemon.js';

/**
 * Agreement with the installed dbus-daemon: crafted activation files are laid
 * in a private session bus's service folder and each is activated. The program
 * is a recorder that writes the argv it got: it must be the argv we parsed.
 * A file we say dbus-daemon skips must be unknown to it; an Exec= we say it
 * cannot split must fail before anything runs.
 */

/** The program of every crafted Exec=: `S` in the cases stands for its path. */
const S = 'S';

/** Exec= values (after desktop unescaping): each case is written with \\ \n \r escaped. */
const EXEC_VALUES = [
  `${S}`,
  `${S} a b  c`,
  `${S} "a b" 'c d'`,
  `${S} a `,
  `${S} a\tb`,
  `\t${S} leading-tab`,
  `${S} a #comment`,
  `${S} a#b c`,
  `${S} d# x\nq `,
  `${S} x #`,
  `${S} "abc`,
  `${S} 'abc`,
  `${S} a\\ b`,
  `${S} a\\`,
  `${S} "a\\"b"`,
  `${S} "a\\\\"b`,
  `${S} "a\\qb" "\\$x" "\\\`y"`,
  `${S} 'a\\b'`,
  `${S} "$HOME" \`x\` ~ * ;`,
  `${S} a\\\nb`,
  `${S} "a\\\nb"`,
  `${S} a\n\nb`,
  `${S} \n`,
  `${S} "" ''`,
  `${S} "it's" 'say "hi"'`,
  `${S} a"b c"d`,
  `${S} %s %i --x=/usr/share/y`,
  `${S} é ü \u00e9`,
  `"${S}" quoted-program`,
  `${S} a\rb`,
  `${S} 'x'#y`,
  `${S} \\#not-a-comment "#" '#'`,
  `${S} a\\\\"b c"`,
  '',
  '#only a comment',
];

/** Whole files; `@` stands for the Name, `S` for the program's path. */
const FILES = [
  '#c\n[D-BUS Service]\nName=@\nExec=S comment-first\n',
  ' #c\n[D-BUS Service]\nName=@\nExec=S\n',
  '[D-BUS Service]\nName = @\nExec  =  S spaces\n',
  '[D-BUS Service]\nName\t=@\nExec=S\n',
  '[D-BUS Service]\nName=@\nExec[de]=/nowhere\nExec=S localized-skipped\n',
  '[D-BUS Service]\nName=@\nExec=S first\nExec=S second\n',
  '[D-BUS Service]\nName=@\nExec=S a\n[D-BUS Service]\nExec=S b\n',
  '[Other]\nExec=S no\n[D-BUS Service]\nName=@\nExec=S yes\n',
  '[D-BUS Service]\r\nName=@\r\nExec=S crlf\r\n',
  '[D-BUS Service]\rName=@\rExec=S cr\r',
  '[D-BUS Service]\nName=@\n  \rExec=S\n',
  '[D-BUS Service]\nName=@\n \t\f\nExec=S blank\n',
  '[D-BUS Service]\nName=@\nExec=S a\\qb\n',
  '[D-BUS Service]\nName=@\nExec=S a\\\n',
  '\xef\xbb\xbf[D-BUS Service]\nName=@\nExec=S\n',
  '# caf\xe9\n[D-BUS Service]\nName=@\nExec=S\n',
  '# caf\xc3\xa9\n[D-BUS Service]\nName=@\nExec=S utf8-comment\n',
  '[D-BUS Service]\nName=@\nX_Y=1\nExec=S\n',
  '[D-BUS Service]\nName=@\nX.Y=1\nExec=S\n',
  '[D-BUS Service]\nName=@\nX-Y=1\nExec=S dash-key\n',
  '[D-BUS Service] \nName=@\nExec=S\n',
  '[]\n[D-BUS Service]\nName=@\nExec=S\n',
  '[D-BUS Service]\nExec=S\n',
  '[D-BUS Service]\nName=@\n',
  '[D-Bus Service]\nName=@\nExec=S\n',
  '[D-BUS Service]\nname=@\nExec=S\n',
  '[D-BUS Service]\nName=@\nExec=\n',
  '[D-BUS Service]\nName=@\nExec=S\nUser=nobody\nSystemdService=x.service\nAssumedAppArmorLabel=unconfined\nUnknown=1\n',
  '[D-BUS Service]\nName=@\nExec\n',
  '[D-BUS Service]\nName=@\n=x\nExec=S\n',
  '[D-BUS Service]\nName=@\nExec=S\n[Other\n',
  `# ${'x'.repeat(128 * 1024)}\n[D-BUS Service]\nName=@\nExec=S\n`,
  '[D-BUS Service]\nName=@\nExec=S trailing-ws \t\n',
  '[D-BUS Service]\nName=@\nExec=S\\sescaped\\tsep\n',
];

const escapeValue = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r');

interface Case {
  readonly label: string;
  readonly name: string;
  readonly bytes: Buffer;
}

describeIfPresent(missingTool('dbus-daemon') ?? missingTool('dbus-send'), 'agreement with dbus-daemon activation', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-dbus-'));
  const services = path.join(dir, 'services');
  const program = path.join(dir, 'bin', 'recorder');
  const cases: Case[] = [];
  const place = (template: string, index: number, kind: string): Case => {
    const name = `org.unitfix.${kind}${index}`;
    const text = template.replaceAll('@', name).replace(/(^|[\s="'])S(?=$|[\s"'#\\])/gm, `$1${program}`);
    return { label: JSON.stringify(template.length > 120 ? `${template.slice(0, 40)}…(${template.length} bytes)` : template), name, bytes: Buffer.from(text, 'latin1') };
  };
  EXEC_VALUES.forEach((value, i) => cases.push(place(`[D-BUS Service]\nName=@\nExec=${escapeValue(value)}\n`, i, 'Exec')));
  FILES.forEach((file, i) => cases.push(place(file, i, 'File')));
  let bus: PrivateBus;

  beforeAll(async () => {
    fs.mkdirSync(services);
    layRecorder(program);
    for (const c of cases) fs.writeFileSync(path.join(services, `${c.name}.service`), c.bytes);
    bus = await startPrivateBus(dir, services);
  });
  afterAll(() => {
    bus?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the crafted program path is substituted everywhere it is meant', () => {
    expect(cases.filter((c) => c.bytes.includes(program)).length).toBeGreaterThan(cases.length - 6);
  });

  test.each(cases.map((c) => [c.label, c] as const))('%s', (_label, c) => {
    const parsed: DbusServiceFile = parseDbusService(c.bytes);
    const reply = bus.activate(c.name);
    const recorded = takeRecordedArgv(program);
    if (!parsed.loads) {
      expect(reply).toContain('ServiceUnknown');
      expect(recorded).toBeUndefined();
      return;
    }
    expect(reply).not.toContain('ServiceUnknown');
    const argv = parsed.service.argv!;
    if (!argv.ok) {
      expect(reply).toContain('Unclosed quotes');
      expect(recorded).toBeUndefined();
      return;
    }
    const words = argv.words.map((w) => w.value);
    if (words[0] !== program) {
      // The program is not the recorder ('' or another path): dbus-daemon fails to run it.
      expect(recorded).toBeUndefined();
      expect(reply).toMatch(/Spawn|Failed to execute/);
      return;
    }
    expect(recorded).toEqual(words);
  });
});
