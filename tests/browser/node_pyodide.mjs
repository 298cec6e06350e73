// What the Node runners of tests/browser share (node_cases.mjs, node_imports.mjs): their two
// arguments, and Pyodide (the npm package, node_modules/pyodide) loaded with the runtime archive
// the site serves (python.zip) as its standard library, exactly as the browser worker loads it.

import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// [PYTHON_ZIP, SECOND] from the command line, or the usage line and exit status 64.
export function runnerArguments(usage) {
  const given = process.argv.slice(2);
  if (given.length < 2 || !given[0] || !given[1]) {
    console.error(`usage: ${usage}`);
    process.exit(64);
  }
  return given;
}

export async function pyodideWithArchive(archive) {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
  const indexURL = path.join(repo, "node_modules", "pyodide") + path.sep;
  const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);
  // Pyodide prints its own progress on stdout; stdout is kept for the runner's results alone.
  return loadPyodide({ indexURL, packageBaseUrl: indexURL, stdLibURL: path.resolve(archive),
                       stdout: (line) => console.error(line) });
}
