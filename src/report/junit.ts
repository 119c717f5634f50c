import type { JsonReport } from './report-data.js';
import { xmlText } from './safe-text.js';

/** Each piece is escaped alone, so the line breaks between pieces stay line breaks. */
const x = (s: string): string => xmlText(s);
const lines = (pieces: string[]): string => pieces.map(x).join('\n');

/** JUnit XML: one test suite per target, one test case per node (and one for the model rules); findings fail them. */
export function renderJunit(r: JsonReport, nodeNames: string[]): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = r.targets.length * (nodeNames.length + 1);
  const failing = (t: string, node: string): typeof r.findings =>
    r.findings.filter((f) => f.target === t && f.node === node && f.level === 'error');
  let failures = 0;
  const suites: string[] = [];
  for (const t of r.targets) {
    const cases: string[] = [];
    let fails = 0;
    for (const node of ['', ...nodeNames]) {
      const fs = failing(t.id, node);
      const all = r.findings.filter((f) => f.target === t.id && f.node === node);
      const name = node || '(model)';
      if (fs.length) {
        fails++;
        cases.push(
          `    <testcase classname="${x(t.id)}" name="${x(name)}"><failure message="${x(fs.map((f) => f.ruleId).join(', '))}" type="${x(fs[0]!.ruleId)}">${lines(fs.flatMap((f) => [`${f.ruleId}: ${f.message}${f.fix ? ` [fix: ${f.fix}]` : ''}`, `  ${f.source.url}`]))}</failure></testcase>`,
        );
      } else if (all.length) {
        cases.push(
          `    <testcase classname="${x(t.id)}" name="${x(name)}"><system-out>${lines(all.map((f) => `${f.level} ${f.ruleId}: ${f.message}`))}</system-out></testcase>`,
        );
      } else cases.push(`    <testcase classname="${x(t.id)}" name="${x(name)}"/>`);
    }
    failures += fails;
    suites.push(
      `  <testsuite name="${x(t.id)}" tests="${nodeNames.length + 1}" failures="${fails}" errors="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  out.push(`<testsuites name="convcheck ${x(r.model.path ?? '')}" tests="${total}" failures="${failures}" errors="0">`);
  out.push(...suites);
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
