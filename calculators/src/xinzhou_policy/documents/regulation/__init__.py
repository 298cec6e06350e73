"""忻州市法兰产业发展促进条例: its registry entry is document.toml beside this; it sets no award
amounts, so it has no `rules`."""
