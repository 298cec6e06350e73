"""The published documents, one folder each: the site's document registry (../registry.py).

A folder is a package (its `__init__.py`: its files are read through the package's loader, from
a folder as from the browser's zip archive) and holds `document.toml` (the document, its versions, how its sections are named and, for
documents with numbered clauses, their titles and responsible units), and where the document
has awards, `parameters.toml` (dated values), `guidance.toml` (support without an amount) and a
`rules` package (the award rules and the profile fields they read). The maintainers' guide,
docs/maintainers/README.md, says how to add a document or a version.
"""
