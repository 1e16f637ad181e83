import { spawnSync } from 'node:child_process';
import { MAX_SCRIPT_BYTES, scanShellWords, type ShellScanOptions } from '../../src/formats/shell/sh-words.js';

const SH: ShellScanOptions = { bash: false, systemdDollar: false };
const BASH: ShellScanOptions = { bash: true, systemdDollar: false };

/** role:value for literal words, role~text for the others. */
function words(script: string, options = SH): string[] {
  const scan = scanShellWords(script, options);
  if (!scan.ok) throw new Error(`gave up: ${scan.reason} at ${scan.offset}`);
  return scan.words.map((w) => (w.literal ? `${w.role}:${w.literal.value}` : `${w.role}~${script.slice(w.start, w.end)}`));
}

function givesUp(script: string, options = SH): string {
  const scan = scanShellWords(script, options);
  if (scan.ok) throw new Error(`read ${JSON.stringify(script)}`);
  return scan.reason;
}

describe('scanShellWords', () => {
  test('commands, arguments and keywords of the scripts Debian units run', () => {
    expect(words('if [ -f /run/network/restart-hotplug ]; then /sbin/ifup -a --read-environment --allow=hotplug; fi')).toEqual([
      'keyword:if', 'command~[', 'argument:-f', 'argument:/run/network/restart-hotplug', 'argument~]', 'keyword:then', 'command:/sbin/ifup', 'argument:-a', 'argument:--read-environment', 'argument:--allow=hotplug', 'keyword:fi',
    ]);
    expect(words('cd /run/initramfs; cpio -id --quiet < shutdown.cpio')).toEqual(['command:cd', 'argument:/run/initramfs', 'command:cpio', 'argument:-id', 'argument:--quiet', 'redirect:shutdown.cpio']);
    expect(words('systemctl daemon-reload ; sleep 1 ; systemctl restart cron.target')).toEqual([
      'command:systemctl', 'argument:daemon-reload', 'command:sleep', 'argument:1', 'command:systemctl', 'argument:restart', 'argument:cron.target',
    ]);
  });

  test('bash process substitution and exec: the words inside are commands too', () => {
    expect(words('exec /usr/bin/wg syncconf %i <(exec /usr/bin/wg-quick strip %i)', BASH)).toEqual([
      'command:exec', 'command:/usr/bin/wg', 'argument:syncconf', 'argument:%i', 'command:exec', 'command:/usr/bin/wg-quick', 'argument:strip', 'argument:%i',
    ]);
    expect(givesUp('diff <(ls) x')).toMatch(/bash syntax/);
  });

  test('command substitution: its words are listed, the word around it is not a literal', () => {
    const script = '[ -n "$(ifquery --list --exclude=lo)" ] && [ -x /bin/udevadm ] && /bin/udevadm settle';
    expect(words(script)).toEqual([
      'command~[', 'argument:-n', 'command:ifquery', 'argument:--list', 'argument:--exclude=lo', 'argument~"$(ifquery --list --exclude=lo)"', 'argument~]',
      'command~[', 'argument:-x', 'argument:/bin/udevadm', 'argument~]', 'command:/bin/udevadm', 'argument:settle',
    ]);
    const scan = scanShellWords(script, SH);
    expect(scan.ok && scan.words.find((w) => w.ownText.includes('$('))?.ownText).toBe('"$()"');
  });

  test('quoting: a wholly quoted word is a literal (its bytes inside the quotes), a mixed one is not', () => {
    const script = `"/usr/bin/a" '/usr/bin/b' /usr/"bin"/c /usr/bin/d\\ e "/usr/$x" /usr/lib/*.so ~/x {a,b} "a b"`;
    expect(words(script)).toEqual([
      'command:/usr/bin/a', 'argument:/usr/bin/b', 'argument~/usr/"bin"/c', 'argument~/usr/bin/d\\ e', 'argument~"/usr/$x"', 'argument~/usr/lib/*.so', 'argument~~/x', 'argument~{a,b}', 'argument:a b',
    ]);
    const scan = scanShellWords(script, SH);
    const first = scan.ok ? scan.words[0]!.literal! : undefined;
    expect(first && script.slice(first.start, first.end)).toBe('/usr/bin/a');
  });

  test('assignments, redirections, descriptors, comments and pipelines', () => {
    expect(words('PATH=/usr/bin:$PATH FOO=1 /usr/bin/foo 2>&1 >>/var/log/x | /bin/logger # /usr/bin/not-a-word\n/bin/true')).toEqual([
      'assignment~PATH=/usr/bin:$PATH', 'assignment:FOO=1', 'command:/usr/bin/foo', 'redirect:1', 'redirect:/var/log/x', 'command:/bin/logger', 'command:/bin/true',
    ]);
    expect(words('for f in /usr/lib/a /usr/lib/b; do /bin/cat "$f"; done')).toEqual([
      'keyword:for', 'keyword:f', 'keyword:in', 'argument:/usr/lib/a', 'argument:/usr/lib/b', 'keyword:do', 'command:/bin/cat', 'argument~"$f"', 'keyword:done',
    ]);
    expect(words('{ /bin/a; } || ( /bin/b ) && ! /bin/c')).toEqual(['keyword~{', 'command:/bin/a', 'keyword~}', 'command:/bin/b', 'keyword:!', 'command:/bin/c']);
    expect(words('cat <<<"/usr/x"', BASH)).toEqual(['command:cat', 'data:/usr/x']);
  });

  test("systemd's '$$' is one '$' to the shell", () => {
    expect(words('kill $$PID /usr/bin/x', { bash: false, systemdDollar: true })).toEqual(['command:kill', 'argument~$$PID', 'argument:/usr/bin/x']);
    expect(words('echo $${x:-a b} /usr/bin/x', { bash: false, systemdDollar: true })).toEqual(['command:echo', 'argument~$${x:-a b}', 'argument:/usr/bin/x']);
  });

  test('what it does not read, it gives up on', () => {
    expect(givesUp('cat <<EOF\n/usr/bin/x\nEOF')).toMatch(/here-documents/);
    expect(givesUp('echo `/usr/bin/x`')).toMatch(/backquotes/);
    expect(givesUp('case $x in /usr/bin/x) :;; esac')).toMatch(/'case'/);
    expect(givesUp("echo $'\\x41'")).toMatch(/\$'/);
    expect(givesUp('echo "a')).toMatch(/unbalanced "/);
    expect(givesUp("echo 'a")).toMatch(/unbalanced '/);
    expect(givesUp('echo $(a')).toMatch(/unclosed/);
    expect(givesUp('echo a)')).toMatch(/unmatched/);
    expect(givesUp('echo >')).toMatch(/redirection/);
    expect(givesUp('(( x = 1 ))', BASH)).toMatch(/arithmetic/);
    expect(givesUp('f() { :; }')).toMatch(/'\('/);
    expect(givesUp('$('.repeat(40) + ')'.repeat(40))).toMatch(/too deep/);
    expect(givesUp('x'.repeat(MAX_SCRIPT_BYTES + 1))).toMatch(/longer/);
  });

  // That long runs of openers cost linear work is counted in test/hardening/linear-work.test.ts ("sh -c scripts").
  test('hostile input: long runs of openers get an answer, never a crash', () => {
    const run = (opener: string) => opener.repeat(MAX_SCRIPT_BYTES / 4);
    // Unclosed openers are refused; an even run of quotes or backslashes is a plain (odd) word.
    for (const opener of ['${', '$((', '"$(', '(']) expect(givesUp(run(opener), BASH)).not.toBe('');
    for (const opener of ["'", '\\']) expect(scanShellWords(run(opener), BASH).ok).toBe(true);
  });

  // Each script is one bash (or sh) accepts; the roles are how that shell reads its words.
  test.each<[string, ShellScanOptions, string[]]>([
    ['if /bin/a; then /bin/b; elif /bin/c; then /bin/d; else /bin/e; fi', SH,
      ['keyword:if', 'command:/bin/a', 'keyword:then', 'command:/bin/b', 'keyword:elif', 'command:/bin/c', 'keyword:then', 'command:/bin/d', 'keyword:else', 'command:/bin/e', 'keyword:fi']],
    ['while /bin/a; do /bin/b; done; until /bin/c; do /bin/d; done', SH,
      ['keyword:while', 'command:/bin/a', 'keyword:do', 'command:/bin/b', 'keyword:done', 'keyword:until', 'command:/bin/c', 'keyword:do', 'command:/bin/d', 'keyword:done']],
    ['time /bin/a; ! /bin/b; { /bin/c; }', BASH, ['keyword:time', 'command:/bin/a', 'keyword:!', 'command:/bin/b', 'keyword~{', 'command:/bin/c', 'keyword~}']],
    ['exec /bin/a; command /bin/b', SH, ['command:exec', 'command:/bin/a', 'command:command', 'command:/bin/b']],
    ['for x; do /bin/a; done', SH, ['keyword:for', 'keyword:x', 'keyword:do', 'command:/bin/a', 'keyword:done']],
    // A reserved word is a valid name after 'for': it does not start a command.
    ['for do in /usr/lib/a; do /bin/cat "$do"; done', SH,
      ['keyword:for', 'keyword:do', 'keyword:in', 'argument:/usr/lib/a', 'keyword:do', 'command:/bin/cat', 'argument~"$do"', 'keyword:done']],
    // Reserved words and assignments count only where a command starts.
    ['/bin/echo if then fi for case done A=1', SH,
      ['command:/bin/echo', 'argument:if', 'argument:then', 'argument:fi', 'argument:for', 'argument:case', 'argument:done', 'argument:A=1']],
    ['1A=b /bin/x; A-B=c /bin/y', SH, ['command:1A=b', 'argument:/bin/x', 'command:A-B=c', 'argument:/bin/y']],
    ['/bin/a\t/bin/b', SH, ['command:/bin/a', 'argument:/bin/b']],
    ['/bin/a \\\n/bin/b', SH, ['command:/bin/a', 'argument:/bin/b']],
    ['/bin/a \n/bin/b', SH, ['command:/bin/a', 'command:/bin/b']],
    ['( /bin/a )\n/bin/b', SH, ['command:/bin/a', 'command:/bin/b']],
    // Only a bare number right before '<' or '>' is a descriptor.
    ['echo a2>/tmp/x 2a>/tmp/y', SH, ['command:echo', 'argument:a2', 'redirect:/tmp/x', 'argument:2a', 'redirect:/tmp/y']],
    ['exec 10>/run/lock 3</etc/x', SH, ['command:exec', 'redirect:/run/lock', 'redirect:/etc/x']],
    ['/bin/cat <&3 3<>/dev/ttyS0 >|/tmp/f', SH, ['command:/bin/cat', 'redirect:3', 'redirect:/dev/ttyS0', 'redirect:/tmp/f']],
    ['/bin/a &>/dev/null /bin/b', BASH, ['command:/bin/a', 'redirect:/dev/null', 'argument:/bin/b']],
    ['/bin/a &>>/var/log/a /bin/b', BASH, ['command:/bin/a', 'redirect:/var/log/a', 'argument:/bin/b']],
    ['tee >(/usr/bin/logger -t x) /tmp/y', BASH, ['command:tee', 'command:/usr/bin/logger', 'argument:-t', 'argument:x', 'argument:/tmp/y']],
    ['<(/bin/a) /bin/b', BASH, ['command:/bin/a', 'argument:/bin/b']],
    ['echo $((1 + 2)) $ /bin/x', SH, ['command:echo', 'argument~$((1 + 2))', 'argument~$', 'argument:/bin/x']],
    // Inside double quotes a backslash before '"' or '$' is removed: not the bytes of the script.
    ['/bin/echo "/usr/bin/a\\"b" "/usr/bin/a\\$b" /bin/x', SH, ['command:/bin/echo', 'argument~"/usr/bin/a\\"b"', 'argument~"/usr/bin/a\\$b"', 'argument:/bin/x']],
    // Quotes and backslashes inside ${...} hide its closing brace.
    [`echo \${x:-'}'} \${x:-"}"} \${x:-"a\\"}"} \${x:-\\'} /bin/y`, SH,
      ['command:echo', "argument~${x:-'}'}", 'argument~${x:-"}"}', 'argument~${x:-"a\\"}"}', "argument~${x:-\\'}", 'argument:/bin/y']],
    // Two quoted runs are one word of both: not a literal of either run.
    ["/usr/bin/a\\ b '/usr/bin/c d' '/usr/bin/c''d' \\/usr/bin/e ${x:-/usr} $x", SH,
      ['command~/usr/bin/a\\ b', 'argument:/usr/bin/c d', "argument~'/usr/bin/c''d'", 'argument~\\/usr/bin/e', 'argument~${x:-/usr}', 'argument~$x']],
  ])('%j is read as the shell reads it', (script, options, expected) => {
    expect(spawnSync(options.bash ? 'bash' : 'sh', ['-n', '-c', script]).status).toBe(0);
    expect(words(script, options)).toEqual(expected);
    const scan = scanShellWords(script, options);
    for (const w of scan.ok ? scan.words : []) {
      // A word is bytes of the script, and without a nested $(...) its own text is all of them.
      expect(w.end).toBeLessThanOrEqual(script.length);
      expect(w.ownText).toBe(script.slice(w.start, w.end));
    }
  });

  // Each is a script the scanner must not read: bash refuses it, or it holds what is not read.
  test.each<[string, ShellScanOptions, RegExp]>([
    ['cat <<-EOF\n\t/usr/bin/x\n\tEOF', SH, /here-documents/],
    ['/bin/a;; /bin/b', SH, /^';;' outside a case$/],
    ['/bin/a ;& /bin/b', BASH, /^';&' outside a case$/],
    ['/bin/a ;;& /bin/b', SH, /^';;&' outside a case$/],
    ['echo $(cat >)', SH, /redirection without its file/],
    ['echo >; /bin/x', SH, /redirection without its file/],
    ['esac', SH, /'esac' is not read/],
    ['select x in a; do /bin/a; done', BASH, /'select' is not read/],
    ['function f { /bin/a; }', BASH, /'function' is not read/],
    ['coproc /bin/a', BASH, /'coproc' is not read/],
    ['for x do /bin/a; done', SH, /'for' without 'in'/],
    ['while :; do :; done <(a) /bin/b', BASH, /unexpected word/],
    // One short line naming what came before the word, however long or many-lined the script.
    ['/bin/x\n( /bin/a ) /bin/b', SH, /^unexpected word after '[^'\n]{1,8}\)'$/],
    ['echo "`/bin/x`"', SH, /backquotes/],
    ['echo ${x:-`/bin/x`}', SH, /backquotes/],
    ['echo $"/usr/bin/x"', BASH, /\$"/],
    ['echo $$(a)', SH, /'\(' in the middle/],
    ["echo ${x:-'a}", SH, /unbalanced ' quote/],
    ['echo ${x:-"a}', SH, /unbalanced " quote/],
    ['echo ${x:-"a\\', SH, /unbalanced " quote/],
    ['echo ${x', SH, /unclosed '\{'/],
    ['echo ${x\\', SH, /unclosed '\{'/],
    ['echo "a', SH, /unbalanced " quote/],
    ['echo $(a # x', SH, /unclosed/],
    ['tee >(x)', SH, /bash syntax/],
    ['( '.repeat(40) + ') '.repeat(40), SH, /too deep/],
    ['cat ' + '<('.repeat(40) + ')'.repeat(40), BASH, /too deep/],
  ])('%j is given up on', (script, options, reason) => {
    const scan = scanShellWords(script, options);
    expect(scan.ok ? undefined : scan.reason).toMatch(reason);
    // The offset is a place in the script.
    expect(scan.ok ? -1 : scan.offset).toBeGreaterThanOrEqual(0);
    expect(scan.ok ? Infinity : scan.offset).toBeLessThanOrEqual(script.length);
  });

  test('every script it reads is one sh -n accepts', () => {
    const scripts = [
      'if [ -f /run/x ]; then /sbin/ifup -a; fi',
      'cd /run/initramfs; cpio -id --quiet < shutdown.cpio',
      '[ -n "$(ifquery --list)" ] && [ -x /bin/udevadm ] && udevadm settle',
      'for f in /a /b; do cat "$f"; done',
      '{ /bin/a; } || ( /bin/b ) && ! /bin/c',
      'x=1 /bin/y 2>&1 | logger # c',
    ];
    for (const script of scripts) {
      expect(scanShellWords(script, SH).ok).toBe(true);
      expect({ script, status: spawnSync('sh', ['-n', '-c', script]).status }).toEqual({ script, status: 0 });
    }
  });
});
