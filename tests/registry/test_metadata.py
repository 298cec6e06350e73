"""gov.cn's document fields in the changed copy (issue 21, part 2): a document with an earlier
version (its page and that version's page) and a new document show them, with 有效性 derived
from the dates: the replaced text 失效, the texts in force on the build day 有效."""

from __future__ import annotations

from ..site.test_metadata import check_pages, registry_data


def test_every_page_of_every_version_shows_the_fields(changed_copy):
    registry = registry_data(changed_copy.root / "calculators" / "src" / "xinzhou_policy" / "documents")
    assert any(len(d["version"]) > 1 for d in registry.values())  # an earlier version's page
    # On the copy's build day the latest text of each document is in force, every earlier one replaced.
    effects = {(doc_id, v["id"]): "valid" if v is d["version"][-1] else "invalid"
               for doc_id, d in registry.items() for v in d["version"]}
    assert check_pages(changed_copy.site, registry, effects) == 2 * len(effects)
