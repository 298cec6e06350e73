// Imports modules and uses codecs inside Pyodide under Node, with the runtime archive the site
// serves (python.zip) as its standard library, as the browser worker loads it: for
// test_runtime_archive.py, which names every module and codec the archived rules' source names.
//
//   node tests/browser/node_imports.mjs PYTHON_ZIP NAMES.json
//
// NAMES.json: {"modules": [...], "codecs": [...]}. Prints on stdout one JSON object, each name
// that failed with its error: {"modules": {name: error}, "codecs": {name: error}}.

import { readFile } from "node:fs/promises";

import { pyodideWithArchive, runnerArguments } from "./node_pyodide.mjs";

const [archive, namesFile] = runnerArguments("node node_imports.mjs PYTHON_ZIP NAMES.json");
const pyodide = await pyodideWithArchive(archive);
pyodide.globals.set("names", await readFile(namesFile, "utf8"));
// A codec is used as the rules use it (bytes.decode, str.encode): CPython decodes UTF-8,
// Latin-1 and ASCII without importing their modules, every other codec imports its module.
process.stdout.write(pyodide.runPython(`
import importlib, json
names = json.loads(names)
failed = {"modules": {}, "codecs": {}}
for name in names["modules"]:
    try:
        importlib.import_module(name)
    except Exception as error:
        failed["modules"][name] = repr(error)
for name in names["codecs"]:
    try:
        "x".encode(name).decode(name)
    except Exception as error:
        failed["codecs"][name] = repr(error)
json.dumps(failed)
`));
