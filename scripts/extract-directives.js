// Writes src/formats/unit/systemd-directives.json: the settings systemd knows, by unit
// file section, for the unit-unknown-key lint rule. Two sources, both
// systemd's own: the installed systemd's `--dump-configuration-items` and
// the load-fragment-gperf.gperf.in of a newer systemd source tree (its
// jinja macros expanded for the sections that call them). Run:
//   node scripts/extract-directives.js /path/to/load-fragment-gperf.gperf.in "main 261~devel (5f2258affc)"
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const [gperfPath, gperfLabel] = process.argv.slice(2);
const sections = {};
const add = (section, key) => (sections[section] ??= new Set()).add(key);

const systemd = ['/lib/systemd/systemd', '/usr/lib/systemd/systemd'].find((p) => fs.existsSync(p));
const version = execFileSync('systemctl', ['--version'], { encoding: 'utf8' }).split('\n')[0];
let section;
for (const line of execFileSync(systemd, ['--dump-configuration-items'], { encoding: 'utf8' }).split('\n')) {
  const header = /^\[(.+)\]$/.exec(line);
  if (header) section = header[1];
  else if (section && /^[A-Za-z0-9]+=/.test(line)) add(section, line.slice(0, line.indexOf('=')));
}

const sources = [`${systemd} --dump-configuration-items (${version})`];
if (gperfPath) {
  const text = fs.readFileSync(gperfPath, 'utf8');
  const macros = {};
  for (const m of text.matchAll(/\{%-? macro (\w+)\(type\) -?%\}([\s\S]*?)\{%-? endmacro -?%\}/g)) macros[m[1]] = m[2];
  const expanded = text.replace(/\{\{ (\w+)\('(\w+)'\) \}\}/g, (_, name, type) => (macros[name] ?? '').replaceAll('{{type}}', type));
  for (const m of expanded.matchAll(/^([A-Z][A-Za-z]*)\.([A-Za-z0-9]+),/gm)) add(m[1], m[2]);
  sources.push(`${gperfLabel ?? gperfPath}: src/core/load-fragment-gperf.gperf.in`);
}

const out = {
  sources,
  sections: Object.fromEntries(Object.keys(sections).sort().map((s) => [s, [...sections[s]].sort()])),
};
fs.writeFileSync(new URL('../src/formats/unit/systemd-directives.json', import.meta.url), `${JSON.stringify(out, null, 1)}\n`);
console.log(`${Object.values(out.sections).reduce((n, k) => n + k.length, 0)} settings in ${Object.keys(out.sections).length} sections`);
