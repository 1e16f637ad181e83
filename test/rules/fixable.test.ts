import { RULES } from '../../rules/index.js';
import { formatById } from '../../src/formats/registry.js';
import { plannersOf } from '../../src/lint/planners.js';

/** A rule is fixable exactly when it names a planner: the registry's, of a format the rule reads. */
describe.each(RULES.map((r) => [r.meta.id, r.meta] as const))('%s', (_, meta) => {
  test('fixable names a registered planner of one of its formats, or is false', () => {
    if (meta.fixable === false) return;
    expect(formatById(meta.fixable)?.fixable).toBe(true);
    expect(meta.formats).toContain(meta.fixable);
  });
});

test('lint --fix runs the planners its rules name, and none of a rule turned off alone', () => {
  expect(plannersOf(RULES).sort()).toEqual(['dbus-service', 'pkgconfig', 'sysusers', 'tmpfiles', 'udev-rules', 'unit']);
  expect(plannersOf(RULES, { 'dbus-exec-fhs': 'off' })).not.toContain('dbus-service');
  // unit-command-fhs off: the other unit rules still name the unit planner.
  expect(plannersOf(RULES, { 'unit-command-fhs': 'off' })).toContain('unit');
});
