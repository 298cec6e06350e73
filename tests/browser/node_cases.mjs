// Runs the rules' case inputs inside Pyodide under Node (the npm package, node_modules/pyodide),
// so that a difference only Pyodide shows is caught without a browser.
//
//   node tests/browser/node_cases.mjs WHEEL CASES.json
//
// CASES.json: [{"command": "estimate" | "land", "text": "<JSON document>"}, ...]
// Prints on stdout one JSON array: [{"status": exit status, "text": output text}, ...], in order,
// each exactly what xinzhou_policy.cli.run_text returns.

import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [wheel, casesFile] = process.argv.slice(2);
if (!wheel || !casesFile) {
  console.error("usage: node node_cases.mjs WHEEL CASES.json");
  process.exit(64);
}

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const indexURL = path.join(repo, "node_modules", "pyodide") + path.sep;
const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);

// Pyodide prints its own progress on stdout; keep stdout for the results alone.
const pyodide = await loadPyodide({ indexURL, packageBaseUrl: indexURL, stdout: (line) => console.error(line) });
// The same call as the browser worker: loadPackage on the wheel itself (no lock entry, no micropip).
await pyodide.loadPackage(path.resolve(wheel), { messageCallback: (m) => console.error(m), errorCallback: (m) => console.error(m) });
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
