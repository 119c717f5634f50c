import type { JsonReport } from './report-data.js';
import { findRule } from '../check/targets.js';

/**
 * SARIF 2.1.0: one run, rules with help text and source URLs, results located at the model file
 * (artifact) and the node (logical location), so code-scanning UIs can show them.
 */
export function renderSarif(r: JsonReport): string {
  const ruleIds = [...new Set(r.findings.map((f) => f.ruleId))];
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const uri = r.model.path ?? 'model';
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'convcheck',
            version: r.tool.version,
            informationUri: 'https://www.npmjs.com/package/convcheck',
            rules: ruleIds.map((id) => {
              const f = r.findings.find((x) => x.ruleId === id)!;
              const def = findRule(id)?.rule;
              return {
                id,
                name: id.replace(/[^A-Za-z0-9]+/g, '_'),
                shortDescription: { text: (def?.message ?? f.message).slice(0, 200) },
                fullDescription: { text: def?.message ?? f.message },
                helpUri: f.source.url,
                help: {
                  text: `${def?.message ?? f.message}\nSource: ${f.source.url}${f.source.section ? ` (${f.source.section})` : ''}; confidence ${f.confidence}.${f.fix ? ` Fix: convcheck fix --target ${f.target} (rewrite ${f.fix}).` : ''}`,
                },
                defaultConfiguration: { level: f.level === 'info' ? 'note' : f.level },
                properties: { confidence: f.confidence, ...(f.fix ? { fix: f.fix } : {}) },
              };
            }),
          },
        },
        artifacts: [{ location: { uri }, ...(r.model.fileSize ? { length: r.model.fileSize } : {}) }],
        results: r.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId)!,
          level: f.level === 'info' ? 'note' : f.level,
          message: {
            text: `[${f.target}] ${f.node ? `${f.origin ? `layer ${f.origin.name} (${f.origin.type})` : `node ${f.node} (${f.op})`}: ` : ''}${f.message}`,
          },
          locations: [
            {
              physicalLocation: { artifactLocation: { uri, index: 0 } },
              logicalLocations: [
                {
                  name: f.node || 'model',
                  fullyQualifiedName: `${f.target}::${f.node || 'model'}`,
                  kind: f.node ? 'member' : 'module',
                },
              ],
            },
          ],
          properties: { target: f.target, op: f.op, confidence: f.confidence, ...(f.fix ? { fix: f.fix } : {}) },
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
