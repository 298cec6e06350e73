"""The message catalogues (each document's messages.toml, xinzhou_policy/messages.py): every text
a reader sees of a document's rules is there, in both languages, and every entry is used.

- the rules hold no sentence of their own: no string in a rule module (docstrings aside) holds a
  Chinese character or a space, so a text can only come from the catalogue (the land command's
  own texts, land.py, are the one exception, named below);
- each entry has both languages, two strings or two lists of the same length;
- running every case file (and building the fields, which happens on import) uses every entry,
  so no entry is dead and each is rendered with the values its placeholders name.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from xinzhou_policy.cli import run_text
from xinzhou_policy.messages import Messages, placeholders
from xinzhou_policy.registry import DOCUMENTS

from .cases import load_cases

WITH_RULES = [d for d in DOCUMENTS.values() if d.rules is not None]
# The land command's texts stay in its module for now (land.py: its validation is being reworked).
OWN_TEXTS = {("policy", "land.py")}


def _catalogue(document) -> Messages:
    return document.rules.texts.M


@pytest.mark.parametrize("document", WITH_RULES, ids=lambda d: d.id)
def test_the_rules_hold_no_sentence_of_their_own(document):
    rules = Path(document.rules.__file__).parent
    found = []
    for module in sorted(rules.glob("*.py")):
        if (document.id, module.name) in OWN_TEXTS:
            continue
        tree = ast.parse(module.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                      and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                    and re.search(r"[\u4e00-\u9fff ]", node.value)):
                found.append(f"{module.name}:{node.lineno}: {node.value[:40]!r}")
    assert found == []


@pytest.mark.parametrize("document", WITH_RULES, ids=lambda d: d.id)
def test_every_entry_has_both_languages(document):
    for key, entry in _catalogue(document).entries.items():
        assert set(entry) == {"zh", "en"}, key
        zh, en = entry["zh"], entry["en"]
        assert type(zh) is type(en) and isinstance(zh, (str, list)), key
        if isinstance(zh, list):
            assert len(zh) == len(en) and all(zh) and all(en), key
        else:
            assert zh.strip(), key  # an English part may be empty (a Chinese-only mark: 含/不含本数)


def test_every_entry_is_used_by_the_cases_and_the_fields():
    for case in load_cases():
        run_text(case.command, json.dumps(case.input, ensure_ascii=False))
    unused = {d.id: sorted(set(_catalogue(d).entries) - _catalogue(d).used) for d in WITH_RULES}
    assert {d: keys for d, keys in unused.items() if keys} == {}


def test_a_missing_entry_or_value_is_a_clear_error():
    messages = _catalogue(DOCUMENTS["policy"])
    with pytest.raises(KeyError, match="messages.toml has no entry 'policy-5.no-such-text'"):
        messages("policy-5.no-such-text")
    assert placeholders(messages.entries["policy-5.equipment_rank"]["zh"]) == {"top", "detail"}
    with pytest.raises(KeyError):
        messages("policy-5.equipment_rank", top="3")  # {detail} not given
    # A pair fills each language with its own text; anything else is the same in both.
    assert messages("policy-5.equipment_rank", top="3", detail=("甲", "a")) == (
        "设备补助只适用于营业收入在本专业镇排名前3的企业；甲",
        "The equipment subsidy is only for enterprises ranked in the top 3 of their town by revenue; a")
