import { parseUnit } from '../../src/formats/unit/parse.js';
import type { AssignmentNode } from '../../src/formats/unit/model.js';
import { settingPaths } from '../../src/formats/unit/setting-paths.js';

/** The paths one `KEY=VALUE` line names, as [path, start, end] in the value, with '-' (optional) and search-folder marks. */
function pathsOf(line: string): string[] {
  const [node] = parseUnit(Buffer.from(`[Service]\n${line}\n`, 'latin1')).sections[0]!.assignments as AssignmentNode[];
  return settingPaths(node!).map((p) => `${p.path} @${p.start}-${p.end}${p.optional ? ' optional' : ''}${p.searchDir ? ' searchDir' : ''}`);
}

// What systemd reads as a file name in each setting (systemd.exec(5), systemd.unit(5), systemd.service(5), systemd.path(5)).
describe('settingPaths: one path, the whole value after the prefixes', () => {
  test.each([
    // '-' only marks a missing file as fine; everything after it is the name, spaces included.
    ['EnvironmentFile=-/usr/share/foo/foo.conf', ['/usr/share/foo/foo.conf @1-24 optional']],
    ['EnvironmentFile=/etc/foo bar.conf', ['/etc/foo bar.conf @0-17']],
    // Only conditions skip whitespace after their prefix: systemd reads " /etc/foo" here (not absolute, so it ignores it).
    ['EnvironmentFile=- /etc/foo', [' /etc/foo @1-10 optional']],
    ['EnvironmentFile=-', []],
    ['WorkingDirectory=-/srv/my dir', ['/srv/my dir @1-12 optional']],
    ['PIDFile=/run/foo/foo bar.pid', ['/run/foo/foo bar.pid @0-20']],
    // A trigger '|' and a negation '!' may each be followed by whitespace; neither makes the path optional.
    ['ConditionPathExists=| ! /usr/share/foo/foo.conf', ['/usr/share/foo/foo.conf @4-27']],
    ['ConditionPathExists=!/srv/a b', ['/srv/a b @1-9']],
    ['AssertPathIsDirectory=|/srv', ['/srv @1-5']],
    ['ConditionDirectoryNotEmpty=/srv/foo.d', ['/srv/foo.d @0-10']],
    // Unknown keys are ignored by systemd: no path there.
    ['ConditionDirectoryNotEmptyX=/srv/foo.d', []],
    // LoadCredential=ID[:PATH]: without a PATH the credential is looked up by its ID, not read from a file.
    ['LoadCredential=tls.key:/etc/foo/key.pem', ['/etc/foo/key.pem @8-24']],
    ['LoadCredential=tls.key', []],
    ['LoadCredential=tls.key:', []],
    // An empty ID is not a valid credential name: systemd ignores the whole setting, path and all.
    ['LoadCredential=:/etc/foo/key.pem', []],
    // StandardInput= takes file:PATH; StandardOutput= and StandardError= also append: and truncate:.
    ['StandardInput=file:/srv/in', ['/srv/in @5-12']],
    ['StandardInput=append:/srv/in', []],
    ['StandardInput=tty', []],
    ['StandardOutput=file:/srv/out', ['/srv/out @5-13']],
    ['StandardOutput=append:/srv/out', ['/srv/out @7-15']],
    ['StandardOutput=truncate:/srv/out', ['/srv/out @9-17']],
    ['StandardOutput=journal', []],
    ['StandardOutput=file:', []],
    ['StandardError=file:/srv/err', ['/srv/err @5-13']],
    ['StandardError=append:/srv/err', ['/srv/err @7-15']],
    ['StandardError=truncate:/srv/err', ['/srv/err @9-17']],
    ['StandardError=inherit', []],
  ])('%s', (line, expected) => {
    expect(pathsOf(line)).toEqual(expected);
  });
});

describe('settingPaths: lists of words, unquoted like a command line', () => {
  test.each([
    // '-' ignores a missing path, '+' makes it relative to RootDirectory= (so it is not a host path); a ':' is part of the name.
    ['ReadOnlyPaths=-/usr/share/foo +/usr/share/bar /srv/a:b "/srv/c d"', ['/usr/share/foo @1-15 optional', '/srv/a:b @32-40', '/srv/c d @42-50']],
    // A lone '-' names nothing; an unbalanced quote ends the list.
    ['InaccessiblePaths=- /srv', ['/srv @2-6']],
    ['ReadWritePaths="/srv/b', []],
    // A path whose quoting starts inside it has no single span: it is found, at its first byte, with an empty span.
    ['ReadOnlyPaths=-"/usr/share/"foo "/srv/"a', ['/usr/share/foo @2-2 optional', '/srv/a @19-19']],
    ['RequiresMountsFor=/', ['/ @0-1']],
    // BindPaths=[-]SOURCE[:DEST[:OPTIONS]]: the source is the host path; an empty source names nothing.
    ['BindPaths=-/usr/share/foo:/srv/foo:rbind /srv/a :/srv/b', ['/usr/share/foo @1-15 optional', '/srv/a @31-37']],
    ['BindReadOnlyPaths=/srv/a:/srv/b -/srv/c', ['/srv/a @0-6', '/srv/c @15-21 optional']],
  ])('%s', (line, expected) => {
    expect(pathsOf(line)).toEqual(expected);
  });
});

describe('settingPaths: search paths, split at colons', () => {
  test.each([
    // Empty entries name no folder.
    ['ExecSearchPath=/usr/lib/foo/bin::/srv/bin:', ['/usr/lib/foo/bin @0-16 searchDir', '/srv/bin @18-26 searchDir']],
    // Only the PATH= variable of Environment= is a search path; a quoted one has no plain span and is not split.
    ['Environment=FOO=/usr/bin/x PATH=/usr/lib/foo/bin:/bin "PATH=/srv/a:/srv/b"', ['/usr/lib/foo/bin @20-36 searchDir', '/bin @37-41 searchDir']],
  ])('%s', (line, expected) => {
    expect(pathsOf(line)).toEqual(expected);
  });
});
