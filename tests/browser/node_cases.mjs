// Runs the rules' case inputs inside Pyodide under Node (the npm package, node_modules/pyodide),
// with the runtime archive the site serves (python.zip: the rules and the standard-library
// modules they use, as bytecode) in place of Pyodide's full standard library, exactly as the
// browser worker loads it. A difference only Pyodide shows, or a module the archive lacks, is
// caught without a browser.
//
//   node tests/browser/node_cases.mjs PYTHON_ZIP CASES.json
//
// CASES.json: [{"command": "estimate" | "land", "text": "<JSON document>"}, ...]
// Prints on stdout one JSON array: [{"status": exit status, "text": output text}, ...], in order,
// each exactly what xinzhou_policy.cli.run_text returns.

import { readFile } from "node:fs/promises";

import { pyodideWithArchive, runnerArguments } from "./node_pyodide.mjs";

const [archive, casesFile] = runnerArguments("node node_cases.mjs PYTHON_ZIP CASES.json");
const pyodide = await pyodideWithArchive(archive);
const runText = pyodide.pyimport("xinzhou_policy.cli").run_text;

const cases = JSON.parse(await readFile(casesFile, "utf8"));
const results = [];
for (const { command, text } of cases) {
  const result = runText(command, text);
  const [status, output] = result.toJs();
  result.destroy();
  results.push({ status, text: output });
}
const version = pyodide.runPython("import sys; sys.version.split()[0]");
console.error(`Pyodide ${pyodide.version}, Python ${version}: ${results.length} cases`);
process.stdout.write(JSON.stringify(results));
