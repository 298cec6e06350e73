"""docs/data/crossrefs.yml, read in both directions (shared by the hooks).

Each entry links one section (`from`) with sections of other documents (`to`), with a topic.
The site shows each link on both sides and exports it in the JSON.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from xinzhou_policy.registry import document_of

from _documents import kind_of

# libyaml's loader where PyYAML has it: the pure-Python one costs a tenth of a second per page.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LINKABLE = ("article", "clause")


def load(docs_dir: str) -> dict[str, list[tuple[str, dict[str, str]]]]:
    """id -> [(linked id, {"zh": topic, "en": topic})], for both ends of every link."""
    path = Path(docs_dir) / "data" / "crossrefs.yml"
    links: dict[str, list[tuple[str, dict[str, str]]]] = defaultdict(list)
    for entry in yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER):
        source, topic = entry["from"], {"zh": entry["topic_zh"], "en": entry["topic_en"]}
        for target in (source, *entry["to"]):
            if kind_of(target) not in _LINKABLE:
                raise PluginError(f"{path}: {target!r} is not an article or clause of a document")
        for target in entry["to"]:
            if document_of(target) is document_of(source):
                raise PluginError(f"{path}: {source} and {target} are of the same document")
            links[source].append((target, topic))
            links[target].append((source, topic))
    for targets in links.values():
        targets.sort(key=lambda target: (document_of(target[0]).order,
                                         document_of(target[0]).clause_order(target[0])))
    return links
