// Check BPMN files with the real tools, all in one process: node check.mjs FILE...
// For each file, print one JSON line: {"file", "warnings": [bpmn-moddle import warnings],
// "lint": [{"rule", "id", "message", "category"}]} with bpmnlint's `recommended` config.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

// A linter per file: bpmnlint's rules keep state between the files one linter sees.
function newLinter() {
  return new Linter({
    config: { extends: 'bpmnlint:recommended' },
    resolver: new NodeResolver({ requireModule: require })
  });
}

for (const file of process.argv.slice(2)) {
  const xml = await readFile(file, 'utf8');
  const moddle = new BpmnModdle();
  let result;
  try {
    const { rootElement, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
    const reports = await newLinter().lint(rootElement);
    const lint = [];
    for (const [rule, entries] of Object.entries(reports)) {
      for (const entry of entries) {
        lint.push({ rule, id: entry.id, message: entry.message, category: entry.category });
      }
    }
    result = { file, warnings: warnings.map((warning) => warning.message), lint };
  } catch (error) {
    result = { file, error: String(error && error.message || error) };
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}
