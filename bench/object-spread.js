// `node bench/object-spread.js`: what building a small record costs in this Node, per shape of object
// literal (docs/performance.md, sixth round). A spread that opens a literal and is followed by more
// fields is V8's slow path in Node 20; EditPlan and fix build their records field by field for that.
const N = 1_000_000;

function time(name, make) {
  make(0);
  const start = process.hrtime.bigint();
  let keep;
  for (let i = 0; i < N; i++) keep = make(i);
  const ns = Number(process.hrtime.bigint() - start) / N;
  globalThis.sink = keep; // used, so the loop is not optimised away
  console.log(`${name.padEnd(42)} ${ns.toFixed(0).padStart(6)} ns`);
}

time('{ line, column, key, from, to }', (i) => {
  const at = { line: 1, column: i };
  return { line: at.line, column: at.column, key: 'k', from: 'x', to: 'y' };
});
time('{ key, ...at }', (i) => {
  const at = { line: 1, column: i };
  return { key: 'k', ...at };
});
time('{ ...at, key, from, to }', (i) => {
  const at = { line: 1, column: i };
  return { ...at, key: 'k', from: 'x', to: 'y' };
});
time('{ ...at, key, ...(kind ? {kind} : {}) }', (i) => {
  const at = { line: 1, column: i };
  const kind = undefined;
  return { ...at, key: 'k', ...(kind !== undefined ? { kind } : {}) };
});
