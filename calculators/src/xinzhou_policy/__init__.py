"""Award and subsidy rules of 忻政办发〔2022〕81号 (忻州市支持专业镇高质量发展若干政策).

`estimate(profile)` and `land(input)` return the same JSON-ready dicts the CLI prints; bad input
raises `InputError`, whose `to_dict()` is the CLI's error output.
"""

from .estimate import estimate
from .land import land
from .validation import InputError

__all__ = ["estimate", "land", "InputError"]
