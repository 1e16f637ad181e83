// Summarises a V8 .cpuprofile (node --cpu-prof): where the samples fell, by
// function and by file, for docs/performance.md. Usage: node bench/profile-summary.js FILE.cpuprofile [N]
import fs from 'node:fs';

const [file, top = '12'] = process.argv.slice(2);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const interval = (profile.endTime - profile.startTime) / profile.samples.length / 1000;
const byFunction = new Map();
const byFile = new Map();
let total = 0;
for (const node of profile.nodes) {
  const { functionName, url, lineNumber } = node.callFrame;
  const hits = node.hitCount ?? 0;
  total += hits;
  const where = url ? url.replace(/^file:\/\//, '').replace(/.*\/(dist|node_modules)\//, '$1/') : '(native)';
  const name = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + hits);
  const group = functionName === '(garbage collector)' ? '(garbage collector)' : functionName === '(program)' || functionName === '(idle)' ? `(${functionName.replace(/[()]/g, '')})` : where.replace(/:\d+$/, '');
  byFile.set(group, (byFile.get(group) ?? 0) + hits);
}
const show = (map) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(top))
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${(v * interval).toFixed(0).padStart(6)} ms  ${k}`)
    .join('\n');
console.log(`${total} samples, ${(total * interval).toFixed(0)} ms\n\nby function (self time):\n${show(byFunction)}\n\nby file:\n${show(byFile)}`);
