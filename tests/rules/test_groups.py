"""The forms' groups of fields (profile.py, schema.py): every field of every input belongs to a
group with a name in both languages; the situations the calculators' picker offers are the
documents' own groups, so that a new document's fields join it by themselves; a field whose group
no one declared stops the import, instead of being left off the forms without a word."""

from __future__ import annotations

import pytest

from xinzhou_policy import profile
from xinzhou_policy.registry import award_documents
from xinzhou_policy.schema import schemas
from xinzhou_policy.validation import GROUPS as COMMON, Field


# The inputs' schemas (a command's input); estimate-result describes an output, which has no form.
INPUTS = [name for name in schemas() if not name.endswith("-result")]


@pytest.mark.parametrize("name", INPUTS)
def test_every_field_belongs_to_a_named_group(name):
    schema = schemas()[name]
    groups = schema["x-groups"]
    for field, prop in schema["properties"].items():
        group = groups.get(prop["x-group"])
        assert group and group["zh"].strip() and group["en"].strip(), (field, prop["x-group"])
        assert group["situation"] is (prop["x-group"] in profile.SITUATIONS), field


def test_the_situations_are_the_documents_groups():
    declared = [key for doc in award_documents() for key in getattr(doc.rules, "GROUPS", {})]
    assert list(profile.SITUATIONS) == declared
    assert not set(profile.SITUATIONS) & set(COMMON)
    # The estimate's form has situations to pick from: each of them holds fields.
    used = {f.group for f in profile.PROFILE_FIELDS}
    assert len(used & set(profile.SITUATIONS)) >= 2


def test_a_field_of_an_undeclared_group_stops_the_import(monkeypatch):
    stray = Field("stray", "flag", "nowhere", "无", "None", "", "")
    monkeypatch.setattr(profile, "PROFILE_FIELDS", (*profile.PROFILE_FIELDS, stray))
    with pytest.raises(ValueError, match="'nowhere' is not declared"):
        profile._situations()
