// The floor under `unitfix fix` on a file system: rewrite every unit of a tree
// the way fix does (a temporary file beside it with the same bytes, mode and
// times, renamed over it), with no parsing or resolving. Usage: node bench/atomic-writes.js TREE
import fs from 'node:fs';
import path from 'node:path';

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile()) yield full;
  }
}

for (const file of files(path.join(process.argv[2], 'lib/systemd/system'))) {
  const fd = fs.openSync(file, 'r');
  const stat = fs.fstatSync(fd);
  const data = fs.readFileSync(fd);
  fs.closeSync(fd);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.floor-${process.pid}.tmp`);
  const out = fs.openSync(temp, 'wx', 0o600);
  fs.writeFileSync(out, data);
  fs.fchmodSync(out, stat.mode & 0o7777);
  fs.futimesSync(out, stat.atime, stat.mtime);
  fs.closeSync(out);
  fs.renameSync(temp, file);
}
