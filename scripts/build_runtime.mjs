// Builds the archive the calculators load instead of Pyodide's full python_stdlib.zip: the
// standard-library modules the rules need and the rules, as bytecode compiled by the same
// Pyodide the browser runs (scripts/runtime_zip.py says which modules and why: those imported
// while the rules answer every case input, from the CASE_DIRs).
//
//   node scripts/build_runtime.mjs PYODIDE_DIR PACKAGE_DIR OUT.zip OUT-manifest.json CASE_DIR...
//
// Called by scripts/hooks/calculator_pages.py during the site build (in the background, cached
// by the hash of its inputs). Needs only node_modules/pyodide: no network.

import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [pyodideDir, packageDir, outZip, outManifest, ...caseDirs] = process.argv.slice(2);
if (!caseDirs.length) {
  console.error("usage: node build_runtime.mjs PYODIDE_DIR PACKAGE_DIR OUT.zip OUT-manifest.json CASE_DIR...");
  process.exit(64);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const indexURL = path.resolve(pyodideDir) + path.sep;
const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);
// PYTHONNODEBUGRANGES: bytecode without column positions (line numbers stay), as
// `python -X no_debug_ranges` compiles it: the column tables are a third of the archive.
const pyodide = await loadPyodide({ indexURL, packageBaseUrl: indexURL, env: { PYTHONNODEBUGRANGES: "1" },
                                    stdout: (line) => console.error(line) });

// The package's source, copied into Pyodide's file system under the same relative paths.
const mounted = "/build/" + path.basename(path.resolve(packageDir));
async function copyTree(from, to, kept) {
  pyodide.FS.mkdirTree(to);
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (entry.name === "__pycache__") continue;
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) await copyTree(source, `${to}/${entry.name}`, kept);
    else if (kept.test(entry.name)) pyodide.FS.writeFile(`${to}/${entry.name}`, await readFile(source));
  }
}
// The code, and the data it reads (the document registry, the parameters).
await copyTree(packageDir, mounted, /\.(py|toml)$/);
// The case inputs the rules are traced on: case files, batch files, examples.
for (const [i, dir] of caseDirs.entries()) await copyTree(dir, `/cases/${i}`, /\.(toml|csv|xlsx|json)$/);

const globals = pyodide.toPy({ PACKAGE_DIR: "/build", CASES_DIR: "/cases", OUT_ZIP: "/build/out.zip",
                               OUT_MANIFEST: "/build/manifest.json" });
pyodide.runPython(await readFile(path.join(here, "runtime_zip.py"), "utf8"), { globals });
await writeFile(outZip, pyodide.FS.readFile("/build/out.zip"));
await writeFile(outManifest, pyodide.FS.readFile("/build/manifest.json"));
