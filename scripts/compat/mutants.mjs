// Self-check of scripts/check-compat: writes copies of the baseline contract, each with one breaking change
// the checker must report, and prints one line per copy: "<file>\t<text the report must contain>".
// A checker that misses any of them fails the CI step before it is trusted with the real check.
// Usage: node scripts/compat/mutants.mjs <baseline.yaml> <output dir>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';

const [contractPath, outDir] = process.argv.slice(2);
const source = readFileSync(contractPath, 'utf8');
const schemas = (doc) => doc.components.schemas;

// name -> [change to the document, what the report must say about it]
const mutants = {
  'remove-response-field': [
    (doc) => {
      const todo = schemas(doc).Todo;
      delete todo.properties.title;
      todo.required = todo.required.filter((name) => name !== 'title');
    },
    "cannot remove response property 'title'",
  ],
  'add-required-request-field': [
    (doc) => {
      const create = schemas(doc).TodoCreate;
      create.properties.project = { type: 'string', description: 'A new required field.' };
      create.required.push('project');
    },
    "cannot add a required request property 'project'",
  ],
  'narrow-request-enum': [
    (doc) => {
      const priority = schemas(doc).Priority;
      priority.enum = priority.enum.filter((value) => value !== 'high');
    },
    "cannot remove enum option 'high'",
  ],
  'add-required-query-parameter': [
    (doc) => {
      doc.paths['/todos'].get.parameters.push({
        name: 'workspace', in: 'query', required: true, schema: { type: 'string' },
      });
    },
    'cannot add required query parameter workspace',
  ],
  'remove-operation': [
    (doc) => { delete doc.paths['/tags']; },
    'cannot remove an operation',
  ],
};

for (const [name, [change, expected]] of Object.entries(mutants)) {
  const doc = yaml.load(source);
  change(doc);
  const file = join(outDir, `${name}.yaml`);
  writeFileSync(file, yaml.dump(doc, { noRefs: true, lineWidth: -1 }));
  console.log(`${file}\t${expected}`);
}
