"""English text normalization for a US call-center voice, with a word-to-source span map.

``normalize`` rewrites numbers, money, dates, times, phone numbers, codes,
digit groups, street addresses, units, abbreviations, math signs and symbols
into the words an agent would say, keeping sentence punctuation for prosody
and marking line ends.  Unicode compatibility forms are folded first
(unicode.py), with every word still mapped to its source span; symbols no
rule reads are reported in ``NormalizedText.unread``.  The ``say_*`` helpers serve
the SSML ``<say-as>`` layer.  Reading decisions are documented in each
submodule's docstring.
"""

from .codes import say_characters, say_telephone
from .core import normalize
from .dates import say_date, say_time
from .money import say_currency
from .numbers import say_cardinal, say_digits, say_ordinal
from .spans import NormalizedText, NormalizerOptions, WordSpan

__all__ = [
    "NormalizedText",
    "NormalizerOptions",
    "WordSpan",
    "normalize",
    "say_cardinal",
    "say_characters",
    "say_currency",
    "say_date",
    "say_digits",
    "say_ordinal",
    "say_telephone",
    "say_time",
]
