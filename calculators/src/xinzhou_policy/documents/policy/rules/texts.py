"""The document's message catalogue (../messages.toml): `M(key, **values)` gives an entry's
(zh, en) texts filled in, `M.list(key)` a list entry's two lists, `M.field(name)` a field's
labels (xinzhou_policy/messages.py)."""

from __future__ import annotations

from xinzhou_policy.messages import Messages

M = Messages(__package__.rsplit(".", 1)[0])
