"""A safe parser for the subset of SSML the service speaks, turning markup into flat segments.

Input is SSML when, after leading whitespace (and an optional ``<?xml ...?>`` declaration), it
starts with a ``<speak`` tag; see :func:`is_ssml`.  :func:`parse_ssml` returns a flat list of
:data:`Segment` values in speaking order.

Supported elements (anything else is an :class:`SsmlError` naming the element):

* ``<speak>``: the root; any attributes (``version``, ``xml:lang``, ``xmlns``...) are ignored.
* ``<break time="500ms"|"1.5s" strength="none|x-weak|weak|medium|strong|x-strong">``: silence.
  Strengths are 0, 0.1, 0.25, 0.4, 0.75 and 1.2 s; ``time`` wins over ``strength``; with neither,
  ``medium``.  A break over 10 s is an error.  ``<break>`` must be empty.
* ``<say-as interpret-as="..." format="..." detail="...">``: interpret-as must be one of
  :data:`SAY_AS_VALUES`; ``detail`` is accepted and ignored.  Contains text only.
* ``<sub alias="...">``: speak the alias instead of the content.  Contains text only.
* ``<phoneme alphabet="ipa" ph="...">``: speak the IPA in ``ph``; a missing alphabet means IPA,
  any other alphabet is an error.  Contains text only.
* ``<prosody rate="..." volume="...">``: see :data:`RATE_KEYWORDS` / :data:`VOLUME_KEYWORDS`.
  Rate is also ``"150%"`` (absolute, 1.5x), ``"+20%"``/``"-20%"`` (relative, 1.2x/0.8x) or a
  plain multiplier ``"1.2"``; each value must lie in 0.25..4.  Volume is also ``"+6dB"``/``"-3dB"``
  in -40..+12 dB.  Nested prosody multiplies rates (the product is clamped to 0.25..4) and adds
  decibels (the sum is capped at +12 dB).  ``pitch``, ``range``, ``contour`` and ``duration`` are
  accepted and ignored.
* ``<p>``, ``<s>``: a :class:`SentenceBoundary` after the content (``paragraph=True`` for
  ``<p>``), and one before it when text precedes it in the same sentence; consecutive boundaries
  collapse into one.
* ``<emphasis level="...">``: accepted and ignored; content is spoken.
* ``<mark name="...">``: a named point in the speech (name required). Inside a run of text it does not split
  the run: the :class:`TextSegment` lists it in ``marks`` as ``(name, index in text)``; anywhere else it is a
  :class:`MarkSegment` in order. Content of a ``<mark>`` (SSML says it is empty) is spoken.

``xml:lang`` is accepted (and ignored) on every element.  Unknown attributes are errors.

Text: each run of character data becomes one :class:`TextSegment` with whitespace collapsed to
single spaces and trimmed; runs separated only by ignored markup (``<emphasis>``, ``<mark>``,
comments) are joined into one segment (a mark's place in the run kept in ``marks``).
``source_start``/``source_end`` span the original SSML
from the first to the last non-whitespace character of the text (entity references included), so
for a segment with no markup inside, collapsing the whitespace of
``original[source_start:source_end]`` and decoding its entities gives ``text``.  For ``<sub>``
and ``<phoneme>`` the span is that of the element's content (of the whole element if empty).

Safety: this is a small hand-written tokenizer, not a general XML parser.  There is no DTD
processing at all (``<!DOCTYPE`` and every other ``<!...>`` declaration is an error), no entities
beyond ``&amp; &lt; &gt; &quot; &apos;`` and numeric character references, no external references,
and no processing instructions other than a leading XML declaration.  Input size, element depth
and element count are limited, and the parser is iterative and linear in the input size, so
hostile inputs (billion laughs, external entities, deep nesting, huge input) fail fast.  Comments
and CDATA sections are allowed.  Characters XML forbids (C0 controls except tab/LF/CR, lone
surrogates, U+FFFE/U+FFFF) are errors.
"""

from voice.text.ssml.parser import is_ssml, parse_ssml
from voice.text.ssml.vocabulary import (
    BREAK_STRENGTHS,
    MAX_BREAK_SECONDS,
    RATE_KEYWORDS,
    SAY_AS_VALUES,
    VOLUME_KEYWORDS,
    BreakSegment,
    MarkSegment,
    Prosody,
    Segment,
    SentenceBoundary,
    SsmlError,
    TextSegment,
)

__all__ = [
    "BREAK_STRENGTHS",
    "MAX_BREAK_SECONDS",
    "RATE_KEYWORDS",
    "SAY_AS_VALUES",
    "VOLUME_KEYWORDS",
    "BreakSegment",
    "MarkSegment",
    "Prosody",
    "Segment",
    "SentenceBoundary",
    "SsmlError",
    "TextSegment",
    "is_ssml",
    "parse_ssml",
]
