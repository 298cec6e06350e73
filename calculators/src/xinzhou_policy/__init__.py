"""Award and subsidy rules of the Xinzhou documents in the registry (registry.py), above all
忻政办发〔2022〕81号 (忻州市支持专业镇高质量发展若干政策).

`estimate(profile)` and `land(input)` return the same JSON-ready dicts the CLI prints; bad input
raises `InputError`, whose `to_dict()` is the CLI's error output. Every command: cli.COMMANDS.
"""

from .cli import COMMANDS
from .estimate import estimate
from .validation import InputError

# The policy's reserve-price command (policy-13), as the package has always offered it.
land = COMMANDS["land"]

__all__ = ["COMMANDS", "estimate", "land", "InputError"]
