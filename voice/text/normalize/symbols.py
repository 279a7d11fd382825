"""Math and comparison symbols, lone currency signs, hashes, bullets, Markdown and markup-like tags.

Decisions:

* Markdown, as language models write it, is read as the text it formats.
  Emphasis pairs ("**bold**", "__bold__", "*it*", "_it_") that open after a
  non-word character and close on the same line, and link marks ("[text](url)"
  is its text), are blanked to spaces before reading, so "_Jan 5_" is still
  a date; a run of two or more marks left open ("**bold") is silent too.
  A single "*" before a digit is a phone star code ("dial *67", "*72#")
  unless its pair closes after a letter, digit or "%" before a space,
  punctuation or the line end and holds more than digits ("*5-7 business
  days*", "*24/7*", "*20%* off" are emphasis; "*611*" stays the keys).
  Heading marks ("## Title"), quote marks ("> "), list bullets ("* ", "- ",
  "+ ") at a line start and horizontal rules ("***", "---", "___" alone on a
  line) are silent (the line break gives the pause); a citation "[1]" after a
  word or before sentence punctuation is silent (but "press [1]" keeps it); a
  footnote star after a word or sentence punctuation ("now!*") is silent.
  An item number at a line start ("1. Billing") is read with a comma, as
  "1) Billing" is: "one, Billing", not a sentence "one.".  A
  lone "*" or "#" stays the phone key ("Press * to go back"), and so does one
  at a line start before "to", "for", ... or a sign ("# to repeat", "* - Back").
* Comparison and math signs between two operands (numbers or words) are read
  as a person reads them: "3 < 5" -> "three less than five", "x ≥ 2" -> "x
  greater than or equal to two", "≠" / "!=" -> "not equal to", "±" -> "plus
  or minus", "≈" -> "approximately" before a number ("about" with no operand before it), else
  "approximately equal to" ("A ≈ B"), "5~10" -> "five to ten", "2*8" -> "two
  times eight".  With no operand before it, a sign before a number reads as
  a bound: "<100 ms" -> "less than one hundred milliseconds", "> 50%" ->
  "more than fifty percent", "≥ 18" / ">= 18" -> "at least eighteen", "<= 5"
  -> "less than or equal to five"; otherwise a one-sided "<" or ">" is not
  read.  "=>" between operands is "then" ("a => b" -> "a then b").
* A menu path: ">" between two capitalized words of two or more letters is
  a pause and "then" ("Settings > Wi-Fi" -> "Settings, then Wi-Fi"); "3 > 2"
  and "x > y" stay maths.  An arrow ("→", "⇒", "⟶", "->") after a word or
  number and before one is "to" ("EWR→LAX" -> "EWR to LAX").
* "<3" is the heart emoticon, "love", at the start of a sentence or after a
  pronoun ("I <3 you", "<3 <3"), unless a digit or a decimal point follows
  or a word is glued before it; "score <3", "x<3" are comparisons.
* "^" is a power: "^2" "squared", "^3" "cubed", otherwise "to the power of
  N"; superscript digits are folded into "^N" (unicode.py).
* Something that looks like a markup tag ("<b>", "</pitch>", "<pitch=-.3>",
  '<a href="x">', "<br />": a name right after "<", then only attributes
  with "=") but is not SSML is not read aloud; it is reported as unread (and so logged
  by the front end) instead of being read as "less than ... greater than".
  So is an unfilled template field: words (no digits, no "=") between "<"
  and ">" that touch neither a word nor a digit outside ("Hi <first name>,",
  "<Customer Name>", "<account #>"); "x<y and y>z", "<100 ms" are maths.
* A currency sign with no amount is its name ("$" -> "dollar"); "#" touching
  a letter or symbol is "hash" ("#support") but after a lone capital A-G it
  is the music "sharp" ("F#", "C# minor"), a lone "#" stays the phone key
  "pound"; a "/" with nothing to join is "slash".
* Bullets ("•", "▪", ...) are list markers and are silent.
* "°F" / "°C" with no number before them are "degrees Fahrenheit" / "degrees Celsius".
* "N⁄D" (a fraction slash U+2044, which unicode.py also makes of "¹⁄₂")
  is a fraction, after a whole number a mixed one: "3 1⁄2" -> "three and a
  half"; a unit after it is read ("1⁄2 lb" -> "one half pound").
"""

from __future__ import annotations

import re

from .numbers import cardinal, fraction, mixed_fraction, ordinal
from .scanner import NUMERIC_KINDS, ScannerBase
from .units import match_unit, unit_words

COMPARISONS: dict[str, str] = {
    "<=": "less than or equal to", ">=": "greater than or equal to", "!=": "not equal to",
    "<>": "not equal to", "==": "equals", "≤": "less than or equal to", "≥": "greater than or equal to",
    "≠": "not equal to", "<": "less than", ">": "greater than", "±": "plus or minus", "≈": "approximately equal to",
    "≅": "approximately equal to", "∓": "minus or plus", "=>": "then",
}  # fmt: skip
# A sign with no operand before it, before a number: a bound ("<100 ms", "≥ 18 years").
BOUNDS: dict[str, str] = {
    "<": "less than", ">": "more than", "<=": "less than or equal to", "≤": "less than or equal to",
    ">=": "at least", "≥": "at least",
}  # fmt: skip
_COMPARISON_RE = re.compile("|".join(re.escape(k) for k in sorted(COMPARISONS, key=len, reverse=True)))
LONE_SIGNS: dict[str, str] = {
    "$": "dollar", "€": "euro", "£": "pound", "¥": "yen", "₹": "rupee", "₩": "won", "¢": "cent",
    "§": "section", "¶": "paragraph", "©": "copyright", "®": "registered", "™": "trademark", "‰": "per mille",
    "√": "square root of", "∞": "infinity", "π": "pi", "\u03bc": "micro", "\u03a9": "ohms",
}  # fmt: skip
_CURRENCY_SIGNS = "$€£¥₹₩¢"
SILENT = set("\"'`´‘’‚“”„«»‹›•◦▪▫‣⁃∙·●○■□◆◇►▶") | {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
TAG_RE = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s*/|(?:=|\s+[\w:.-]+\s*=)[^<>\n]{0,200})?/?>")
# An unfilled template field: "<first name>", "<Customer Name>", "<account #>" (words, no digits, no "=").
_PLACEHOLDER_RE = re.compile(r"<(?=[^\W\d_])(?:[^\W\d]|[ #'./&-]){0,40}(?<=[^\W\d]|#)>(?![^\W_])")
_LIST_NUMBER_RE = re.compile(r"(\d{1,2})\.[ \t]+(?=[^\W\d_]|[*_\[(\"'`$])")  # "1. Billing" at a line start
_POWER_RE = re.compile(r"\^\s?(?P<n>-?\d{1,3})(?!\d)")
_DEGREE_SCALE_RE = re.compile(r"\u00b0 ?([FC])(?!\w)")
_OPERAND_AFTER_RE = re.compile(r"\s?(?:[-\u2212]?[\d.$€£]|[^\W\d_])")
_NUMBER_AFTER_RE = re.compile(r"\s?[-\u2212]?\.?[\d$€£]")
_HEART_RE = re.compile(r"<3(?![\d.])")
_HEART_SUBJECTS = {"i", "we", "you", "they", "he", "she", "u", "everyone", "all", "kids", "customers", "<3"}
_PATH_SIGNS = ">-\u2192\u21d2\u27f6"
# ">" before a capitalized word of two or more letters: a step in a menu path ("Settings > Wi-Fi").
_MENU_STEP_RE = re.compile(r">[ \t]?(?=[A-Z][\w-]*[A-Za-z])")
_MENU_WORD_RE = re.compile(r"[A-Z][\w-]*[A-Za-z]")
# An arrow before a word or number: "→", "⇒", "⟶", "->" ("EWR→LAX", "Step 1 -> Step 2").
_ARROW_RE = re.compile(r"(?:\u2192|\u21d2|\u27f6|->)[ \t]?(?=[^\W_])")
_EMPHASIS_RE = re.compile(r"(?<![\w*/\\.])(\*\*\*|\*\*|\*|___|__|_)(?=[^\s*_])[^\n]{0,300}?\S\1(?![\w*])")
_KEY_AHEAD = r"(?!(?i:to|for|or|and|of|then|when|if)\b)"  # "# to repeat", "* for the menu": a phone key
_HEADING_RE = re.compile(r"#[ \t]+(?=[^\W\d_]|[*_\[(\"'`])" + _KEY_AHEAD + r"|#{2,6}[ \t]+(?=\S)")  # not "# 5"
_DIGIT_AHEAD_RE = re.compile(r"\s?\d")
_QUOTE_RE = re.compile(r">+[ \t]*(?=[^\W\d]|[*_\[(\"'`])")
_BULLET_RE = re.compile(r"[*+-][ \t]+(?=[^\W_]|[*_\[(\"'`$€£])" + _KEY_AHEAD)
_RULE_RE = re.compile(r"([*_-])(?:[ \t]*\1){2,}[ \t]*(?=\r?\n|\Z)")
_LINK_RE = re.compile(r"!?\[(?P<text>[^\[\]\n]{1,300})\]\([^()\s]{1,500}\)")
_CITATION_RE = re.compile(r"\[\d{1,3}(?:[,\u2013-] ?\d{1,3}){0,5}\]")
_KEY_VERBS = {"press", "dial", "enter", "select", "choose", "option", "key", "push", "hit", "type"}
_FRACTION_SLASH_RE = re.compile(r"(?:(?P<w>\d{1,6}) )?(?P<n>\d{1,3})\u2044(?P<d>\d{1,3})(?!\d)")


def _touches_text(c: str) -> bool:
    """True for a letter or a symbol (not a space, digit or sentence punctuation) next to a "#"."""
    return bool(c) and not c.isspace() and not c.isdigit() and c not in ".,;:!?)(\"'"


def blank_markup(text: str) -> str:
    """``text`` with Markdown emphasis marks ("**bold**", "_it_") and link syntax ("[text](url)") replaced by
    spaces: the same length, so every position still maps to the source, and the readers see "_Jan 5_" as
    " Jan 5 " (a date).  A single "*" before a digit is a star code ("*67"), not emphasis, unless
    :func:`_star_pair` finds it closed as emphasis is ("*5-7 days*").  Marks around no letter or digit are no
    emphasis: "***-***-4471" is a mask (identifiers.py)."""
    if "*" not in text and "_" not in text and "](" not in text:
        return text
    chars = list(text)
    for link in _LINK_RE.finditer(text):
        chars[link.start() : link.start("text")] = " " * (link.start("text") - link.start())
        chars[link.end("text") : link.end()] = " " * (link.end() - link.end("text"))
    pos = 0
    while (m := _EMPHASIS_RE.search(text, pos)) is not None:
        width = len(m.group(1))
        if not any(ch.isalnum() for ch in text[m.start() + width : m.end() - width]):
            pos = m.end() - width  # "***-***-4471": star groups of a mask, nothing emphasized between them
            continue
        if not (width == 1 and text[m.start() + 1].isdigit() and not _star_pair(text, m)):
            chars[m.start() : m.start() + width] = " " * width
            chars[m.end() - width : m.end()] = " " * width
        pos = m.start() + width  # pairs nest: "**bold _it_**"
    return "".join(chars)


def _star_pair(text: str, m: re.Match[str]) -> bool:
    """True when a single-star match that opens before a digit is emphasis, not a star code: its closing "*"
    is glued after a letter, digit or "%" and stands before a space, punctuation or the line end ("*5-7
    days*.", "*24/7*", "*20%* off"), and it is not a key sequence after a key verb ("dial *67*")."""
    before, after = text[m.end() - 2], text[m.end() : m.end() + 1]
    if not (before.isalnum() or before == "%") or not (not after or after.isspace() or after in ".,;:!?)\"'"):
        return False
    return not text[m.start() + 1 : m.end() - 1].isdigit()  # "*611*": only digits between, the keys


def _line_start(text: str, i: int) -> bool:
    """True when only spaces or tabs stand between the start of the line and ``i``."""
    j = i
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    return j == 0 or text[j - 1] == "\n"


class SymbolReaders(ScannerBase):
    """The reader for math signs, powers, lone currency signs, hashes and tags (tried before plain symbols)."""

    marked = ""  # the text before blank_markup: what stood at a blanked position

    def blank_markup(self) -> None:
        """Blank Markdown emphasis and link marks in the scanned text (:func:`blank_markup`), keeping the
        marked text for the rules that look at what stood before a position ("[site](url)*": a footnote)."""
        self.marked = self.t
        self.t = blank_markup(self.t)

    def _markup(self, i: int) -> int | None:
        """Consume Markdown that is not read aloud (see the module docstring); None for anything else."""
        t = self.t
        c = t[i]
        if c.isdigit() and _line_start(t, i) and (m := _LIST_NUMBER_RE.match(t, i)) is not None:
            self.emit(cardinal(int(m.group(1))), i, m.end(1), "num")  # "1. Billing": an item number
            self.emit_punct(",")
            return m.end()
        if c not in "*_#[+->":
            return None
        prev = t[i - 1] if i else ""
        if c in "*_-" and _line_start(t, i) and (m := _RULE_RE.match(t, i)) is not None:
            return m.end()
        if c in "*+-" and _line_start(t, i) and (m := _BULLET_RE.match(t, i)) is not None:
            return m.end()
        if c == "#" and _line_start(t, i) and (m := _HEADING_RE.match(t, i)) is not None:
            return m.end()
        if c == ">" and _line_start(t, i) and (m := _QUOTE_RE.match(t, i)) is not None:
            return m.end()  # a Markdown or e-mail quote marker: "> Hello"
        if c in "*_":
            j = i
            while j < self.n and t[j] == c:
                j += 1
            after = t[j : j + 1]
            if j - i >= 2 and (after.isalpha() or prev.isalpha() or (i == 0 and not _DIGIT_AHEAD_RE.match(t, j))):
                return j  # an emphasis mark left open or cut off: "**bold", "bold__", "** more" (but "Press **")
            if c == "_":
                return None
            prev = self.marked[i - 1] if i and self.marked else prev
            if (prev.isalpha() or (prev and prev in ".!?)\"'")) and (
                not after or after.isspace() or after in ".,;:!?)"
            ):
                return j  # a footnote star: "Call now!*", "$9.99/mo.*"
            return None
        if c == "[" and (m := _CITATION_RE.match(t, i)) is not None:
            after = t[m.end() : m.end() + 1]
            glued = prev.isalpha() or bool(prev) and prev in ".,;:!?)\"'"
            verb = (self.prev_word or "").lower() in _KEY_VERBS
            if not verb and (glued or not after or after in ".,;:!?)" or after == "\n"):
                return m.end()
        return None

    def _fraction_slash(self, i: int) -> int | None:
        """ "1⁄2 cup" -> "one half cup", "3 1⁄2" -> "three and a half" (U+2044; see unicode.py)."""
        t = self.t
        if not t[i].isdigit() or not self.boundary(i):
            return None
        m = _FRACTION_SLASH_RE.match(t, i)
        if m is None:
            return None
        num, den = int(m.group("n")), int(m.group("d"))
        if den == 0:
            return None
        whole = m.group("w")
        if whole:
            self.emit(cardinal(int(whole)) + " and " + mixed_fraction(num, den), i, m.end(), "num")
        else:
            self.emit(fraction(num, den), i, m.end(), "num")
        return self.fraction_unit(m.end(), num, bool(whole))

    def fraction_unit(self, end: int, numerator: int, whole: bool) -> int:
        """Read a unit right after a fraction ending at ``end``: "1 ½ cups", "¼ lb" ("a quarter pound"),
        "¾ lb" ("three quarters of a pound"); return where reading goes on."""
        um = match_unit(self.t, end)
        if um is None:
            return end
        unit = unit_words(um.group("unit"), whole)
        if numerator != 1 and not whole:
            unit = ("of an " if unit[:1] in "aeiou" else "of a ") + unit
        self.emit(unit, um.start("unit"), um.end(), "word")
        return um.end()

    def _math(self, i: int) -> int | None:
        t = self.t
        c = t[i]
        if c == "<" and (m := TAG_RE.match(t, i)) is not None:
            self.unread.append((i, m.end()))
            return m.end()
        if c == "<" and not t[i - 1 : i].isalnum() and (m := _PLACEHOLDER_RE.match(t, i)) is not None:
            self.unread.append((i, m.end()))  # "Hi <first name>,": a template field left unfilled
            return m.end()
        if c == "<" and self._heart_ahead(i):
            self.emit("love", i, i + 2, "word", "<3")  # "I <3 you"
            return i + 2
        if c in _PATH_SIGNS and (step := self._path_step(i)) is not None:
            return step
        m = _COMPARISON_RE.match(t, i)
        if m is not None:
            return self._comparison(m)
        if c == "^":
            pm = _POWER_RE.match(t, i)
            if pm is None or self.prev_kind is None or (self.prev_kind == "punct" and t[i - 1] != ")"):
                return None
            n = int(pm.group("n"))
            words = {2: "squared", 3: "cubed"}.get(n) or f"to the {ordinal(n)}" if 0 < n <= 10 else None
            self.emit(words or f"to the power of {cardinal(n)}", i, pm.end(), "num")
            return pm.end()
        if c in "*~" and self.prev_kind in NUMERIC_KINDS and re.compile(r"\s?\d").match(t, i + 1):
            self.emit("times" if c == "*" else "to", i, i + 1, "word", c)
            return i + 1
        if c == "\u00b0" and (dm := _DEGREE_SCALE_RE.match(t, i)) is not None:  # "°F" with no number before it
            self.emit("degrees " + ("Fahrenheit" if dm.group(1) == "F" else "Celsius"), i, dm.end(), "word", "°")
            return dm.end()
        if c in LONE_SIGNS:
            amount = re.compile(r"\s?[-\u2212]?\.?\d").match(t, i + 1) or (i and t[i - 1].isdigit())
            if c in _CURRENCY_SIGNS and amount:
                return None  # "$.01", "5€": an amount, for the money reader
            self.emit(LONE_SIGNS[c], i, i + 1, "word", c)
            return i + 1
        if (
            c == "#"
            and i
            and t[i - 1] in "ABCDEFG"
            and not t[i - 2 : i - 1].isalnum()
            and not t[i + 1 : i + 2].isalnum()
        ):
            self.emit("sharp", i, i + 1, "word", "#")  # "F#", "C# minor": a music key
            return i + 1
        if c == "#" and (_touches_text(t[i + 1 : i + 2]) or (i and _touches_text(t[i - 1]))):
            self.emit("hash", i, i + 1, "word", "#")
            return i + 1
        if c in SILENT:
            return i + 1
        return None

    def _path_step(self, i: int) -> int | None:
        """An arrow between words is "to" ("EWR→LAX", "draft -> sent"); ">" between two capitalized words is a
        menu path, "then" after a pause ("Settings > Wi-Fi" -> "Settings, then Wi-Fi"); None otherwise."""
        t = self.t
        prev = self.prev_word or ""
        if t[i] == ">":
            m = _MENU_STEP_RE.match(t, i)
            if m is None or self.prev_kind not in ("word", "abbr") or not _MENU_WORD_RE.fullmatch(prev):
                return None  # "3 > 2", "x > y": maths (_comparison)
            self.emit_punct(",")
            self.emit("then", i, i + 1, "word", ">")
            return m.end()
        m = _ARROW_RE.match(t, i)
        if (
            m is None
            or self.prev_kind not in ("word", "abbr", "num", "code")
            or not (i and (t[i - 1] in " \t" or t[i - 1].isalnum()))
        ):
            return None
        self.emit("to", i, m.end(), "word", "to")
        return m.end()

    def _heart_ahead(self, i: int) -> bool:
        """True when the "<" at ``i`` starts a "<3" heart: not glued to a word, after a pronoun or a pause."""
        subject = self.prev_kind in (None, "punct") or (self.prev_word or "").lower() in _HEART_SUBJECTS
        return subject and not self.t[i - 1 : i].isalnum() and _HEART_RE.match(self.t, i) is not None

    def _comparison(self, m: re.Match[str]) -> int | None:
        """Read a comparison sign between two operands; a one-sided "<" or ">" is not read."""
        sign = m.group()
        operand_before = self.prev_kind is not None and self.prev_kind != "punct"
        operand_after = _OPERAND_AFTER_RE.match(self.t, m.end()) is not None
        if not operand_before and sign in BOUNDS and _NUMBER_AFTER_RE.match(self.t, m.end()):
            self.emit(BOUNDS[sign], m.start(), m.end(), "word", sign)  # "<100 ms", "≥ 18 years"
            return m.end()
        if not (operand_before and operand_after):
            if sign == "=>":
                self.emit_punct(",")
                return m.end()
            if sign in ("±", "≈") and operand_after:  # "±5", "≈ 3 km"
                self.emit("plus or minus" if sign == "±" else "about", m.start(), m.end(), "word", sign)
                return m.end()
            if sign in ("<", ">"):
                self.unread.append((m.start(), m.end()))
                return m.end()
            return None
        approximate = sign == "≈" and _NUMBER_AFTER_RE.match(self.t, m.end())  # "hold time ≈ 3 min"
        self.emit("approximately" if approximate else COMPARISONS[sign], m.start(), m.end(), "word", sign)
        return m.end()
