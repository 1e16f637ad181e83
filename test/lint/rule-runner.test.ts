import { defineRule, type AnyRule } from '../../src/lint/rule.js';
import { RuleRunner } from '../../src/lint/rule-runner.js';
import { Resolver } from '../../src/resolve/resolver.js';
import type { LintFile } from '../../src/lint/types.js';

/**
 * The rules of a root share one context, pointed at each rule in turn: what
 * one rule is given and reports must never leak into another's.
 */
const file: LintFile = { path: '/s/out/bin/foo', root: '/s/out', relative: 'bin/foo', format: 'program', source: Buffer.from('x'), text: 'x' };

function reporting(id: string, options?: Record<string, { values: [string, ...string[]]; describe: string }>, keep?: (report: () => void) => void): AnyRule {
  return defineRule({
    meta: { id, description: id, formats: ['program'], severity: 'warning', docs: '', messages: { seen: '{{id}} saw {{options}}' }, fixable: false, ...(options ? { options } : {}) },
    create(context) {
      context.report({ whole: true, messageId: 'seen', data: { id, options: JSON.stringify(context.options) } });
      keep?.(() => context.report({ whole: true, messageId: 'seen', data: { id, options: 'later' } }));
    },
  });
}

const root = { closure: new Set<string>(), lintedRoots: ['/s/out'], storeDir: '/nix/store', resolver: new Resolver({ outputs: ['/s/out'], searchPath: [] }) };

test('each rule sees its own options and its findings carry its own id, though the context is shared', () => {
  const rules = [
    reporting('with-default', { mode: { values: ['strict', 'loose'], describe: 'how' } }),
    reporting('without-options'),
    reporting('with-setting', { level: { values: ['1', '2'], describe: 'how much' } }),
  ];
  const runner = new RuleRunner(rules, ['program'], { storeDir: '/nix/store', ruleOptions: { 'with-setting': { level: '2' } } });
  const findings = runner.forRoot(root, '/s/out').checkFile(file);
  expect(findings.map((f) => [f.ruleId, f.message])).toEqual([
    ['with-default', 'with-default saw {"mode":"strict"}'],
    ['without-options', 'without-options saw {}'],
    ['with-setting', 'with-setting saw {"level":"2"}'],
  ]);
});

test('a report made after its rule returned is an error, not a finding charged to another rule', () => {
  let later: (() => void) | undefined;
  const runner = new RuleRunner([reporting('keeps-report', undefined, (r) => (later = r)), reporting('next')], ['program'], { storeDir: '/nix/store' });
  const rules = runner.forRoot(root, '/s/out');
  expect(rules.checkFile(file).map((f) => f.ruleId)).toEqual(['keeps-report', 'next']);
  expect(later).toThrow('a rule reported after it returned');
});
