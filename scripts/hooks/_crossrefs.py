"""docs/data/crossrefs.yml, read in both directions (shared by the hooks).

The file lists, per regulation article, the policy clauses that carry it out, with a topic.
The site shows each link on both sides and exports it in the JSON.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from xinzhou_policy.clauses import CLAUSES

from _documents import kind_of

# libyaml's loader where PyYAML has it: the pure-Python one costs a tenth of a second per page.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(docs_dir: str) -> dict[str, list[tuple[str, dict[str, str]]]]:
    """id -> [(linked id, {"zh": topic, "en": topic})], for articles and clauses alike."""
    path = Path(docs_dir) / "data" / "crossrefs.yml"
    links: dict[str, list[tuple[str, dict[str, str]]]] = defaultdict(list)
    for entry in yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER):
        article, topic = entry["regulation"], {"zh": entry["topic_zh"], "en": entry["topic_en"]}
        if kind_of(article) != "article":
            raise PluginError(f"{path}: {article!r} is not a regulation article id")
        for clause in entry["policy"]:
            if clause not in CLAUSES:
                raise PluginError(f"{path}: {clause!r} is not a numbered policy clause")
            links[article].append((clause, topic))
            links[clause].append((article, topic))
    for targets in links.values():
        targets.sort(key=lambda target: int(target[0].rsplit("-", 1)[1]))
    return links
