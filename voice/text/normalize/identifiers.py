"""Identifiers read digit by digit: two-group IDs, star codes, masked card digits, spaced groups, MAC addresses.

Decisions:

* Two digit groups joined by a hyphen ("8472-1193") are a range unless they
  read as an identifier: a group with a leading zero ("0042-17", "123456-01"),
  a group of five or more digits unless both groups have the same length and
  ascend ("12-3456789", "12345-678"; "10000-20000 steps" stays a range), or both
  groups, one of three or more digits, after an identifier cue, however
  uneven ("confirmation number is 8472-1193", "... is 1234-56", "Group No.:
  88-221", "Tax ID: 4829-1193"; "number", "is", "#", "no" or a colon may
  stand between the cue and the digits) unless they are a year pair or a
  counted noun follows ("order 100-200 units" is a range; "ID 12-34" and
  "Group 1-2" are too short to be told from a range).  An
  identifier is read digit by digit, group by group: "eight four seven two,
  one one nine three".
* "*" glued before digits is a phone star code: "star" and the digits one by
  one ("*67" -> "star six seven", "*611" -> "star six one one").
* After "ending in/with", "ends in/with", "last four (digits)" or "card #" a
  number of three to six digits is read digit by digit ("ends in 4321" ->
  "four three two one"), unless a counted noun follows or, after "ends in", it
  is a year with no card word near ("the offer ends in 2030").
* Masked card or account digits: a run of two or more mask characters ("*",
  "•") before digits is "ending in" and the digits ("****4321", "**** ****
  **** 4321", "***-**-6789" -> "ending in six seven eight nine"); after a card
  word ("Visa", "card", "acct", ...) one "*", "x" or "..." before four digits
  is a mask too ("Visa ...4321" -> "Visa ending in four three two one").
  After "ending", a hyphen before the digits is silent ("acct ending -4321").
* "ext" (or "Ext:") before digits is "extension" with or without a period.
* "#" right after a noun that is numbered ("Account #:", "Acct# 123", "RX#",
  "order #A12345", "Policy # HO3-1234567") is "number", as is "#" glued before
  a code of capitals and digits after any word ("Reservation #K8821A", "RMA
  #RT-44102") or right after an opening bracket ("Your order (#A1B2C3)");
  after "press", "dial", "enter" ... "#" before digits is the
  pound key and the keys ("Press #0" -> "pound zero", "Dial #611" -> "pound
  six one one"); elsewhere symbols.py and core.py decide ("Press # to
  continue" -> "pound", "#billing" -> "hash").
* Three or more space-separated groups of digits (or capitals with digits)
  with ten or more digits in all, or after an identifier cue two or more
  groups of two or more characters with six or more digits ("code 123 456",
  "SSN 123 45 6789"), are a card, tracking or dialled number, read group by
  group: "4111 1111 1111 1111" -> "four one one one, one one one one, ...",
  "1Z 999 AA1 01 2345 6784" -> "one Z, nine nine nine, A A one, ...".  Without
  a cue, thousands written with spaces ("1 000 000 000") and year lists are
  left to the number reader.  After a cue a group of one to three capitals
  may lead two or more digit groups: "Member ID: XJH 448 291 002" -> "X J H,
  four four eight, two nine one, zero zero two".
* Six hex pairs joined by ":" or "-" are a MAC address, read pair by pair:
  "00:1A:2B:3C:4D:5E" -> "zero zero, one A, two B, three C, four D, five E".
"""

from __future__ import annotations

import re

from .abbreviations import NUMBERED_NOUNS
from .codes import DICTATION_CUES, HEX_RE, hex_words, spell
from .numbers import DIGIT_WORDS, digits
from .scanner import NUMERIC_KINDS, ScannerBase
from .spans import Piece, punct, word

# Words after which two digit groups are an identifier (the code cues, tax and medical numbers).
ID_CUES = (DICTATION_CUES - {"number", "no", "model", "part", "plate"}) | {
    "ein", "tin", "itin", "ssn", "tax", "rx", "loan", "reservation", "registration", "transaction", "receipt",
    "customer", "patient", "subscriber", "group", "badge", "employee", "routing", "npi", "mrn", "s/n",
}  # fmt: skip
# Words that may stand between a cue and its digits ("confirmation number is", "order # ").
_ID_LINKS = {"is", "was", "number", "no", "num", "nr", "#"}
# Nouns after which "#" is "number" ("Acct#", "Loan #:").
HASH_NOUNS = NUMBERED_NOUNS | {"loan", "rx", "po", "store", "lot", "ein", "ssn", "pin", "group", "bin", "dept"}
# Words after which a single "*", "x" or "..." before four digits masks a card or account number.
CARD_WORDS = {
    "visa", "mastercard", "amex", "discover", "card", "debit", "credit", "account", "acct", "checking",
    "savings", "ending", "ends",
}  # fmt: skip
# Verbs after which "#" is the phone key: "Press #0", "Dial #611", "enter # then".
KEY_VERBS = {"press", "dial", "enter", "key", "hit", "push", "tap", "type", "select"}
_KEYED_RE = re.compile(r"\d{1,6}(?![\w.,]\d|\w)")
# A code glued after "#": capitals and digits with at least one digit ("#K8821A", "#A-20931", "#RT-44102").
_HASH_CODE_RE = re.compile(r"(?=[A-Z0-9-]{0,40}\d)[A-Z0-9]{1,20}(?:-[A-Z0-9]{1,20}){0,6}(?![\w-])")
_TWO_GROUPS_RE = re.compile(r"(?P<a>\d+)-(?P<b>\d+)(?![\w-]|[.,/:]\d)")
_COUNTED_NOUN_RE = re.compile(r"\s+([a-z]+s)\b")  # "order 100-200 units": a counted plural noun follows
# Words ending in "s" that are no counted plural noun.
NOT_COUNTED = {"is", "was", "has", "as", "this", "its", "his", "hers", "yours", "ours", "always", "besides", "towards"}
# Words before the last digits of a card or account: "ending with", "ends in", "last four:", "card #".
_LAST_DIGITS_CUE_RE = re.compile(
    r"(?:\bending\s+(?:in|with)|(?P<ends>\bend(?:s|ed)\s+(?:in|with))|\blast\s+(?:four|4|five|5|six|6)"
    r"(?:\s+digits?)?(?:\s+(?:of|on)\s+\w+(?:\s+\w+)?)?(?:\s+(?:is|are))?|\bcard\s*(?:number|no\.?|#))\s*[:#-]?\s*\Z",
    re.IGNORECASE,
)
_CARDISH_RE = re.compile(r"card|account|acct|visa|mastercard|amex|discover|debit|credit|number|phone", re.IGNORECASE)
_MASK = "*\u2022\u25cf"  # masking marks: "*", bullet, black circle
_MASK_RE = re.compile(
    r"[" + _MASK + r"]{1,16}(?:[ -]{1,2}[" + _MASK + r"]{1,16}){0,5}[ -]?(?P<digits>\d{2,6})(?![\w*#]|[-.,]\d)"
)
_CARD_MASK_RE = re.compile(r"(?:\*|[xX]|\.{2,3}|\u2026|-)(?P<digits>\d{4})(?![\w]|[-.,]\d)")
_EXT_RE = re.compile(r"(?:ext|Ext|EXT)(?::\s*|\s+)(?=\d)")
_STAR_CODE_RE = re.compile(r"(?P<stars>\*{1,2})(?P<digits>\d{1,4})(?P<key>[*#]?)(?![\w*]|[.,]\d)")
_SPACED_GROUP = r"(?=[0-9A-Z]{0,5}\d)[0-9A-Z]{1,6}"
_SPACED_RE = re.compile(_SPACED_GROUP + r"(?: " + _SPACED_GROUP + r"){1,11}(?![\w]|[-.,]\d)")
# After an identifier cue: a group of one to three capitals, then two or more groups of digits.
_LETTER_LED_RE = re.compile(r"[A-Z]{1,3}(?: \d{2,6}){2,8}(?![\w]|[-.,]\d)")
_THOUSANDS_RE = re.compile(r"\d{1,3}(?: \d{3})+")
_YEAR_RE = re.compile(r"19\d\d|20\d\d")
_MAC_RE = re.compile(r"[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}(?![\w:-])")


def _counted_noun_after(text: str, end: int) -> bool:
    """True when a counted plural noun follows position ``end`` ("100-200 units", "420 points")."""
    m = _COUNTED_NOUN_RE.match(text, end)
    return m is not None and m.group(1) not in NOT_COUNTED


def is_last_digits(text: str, start: int, number: str) -> bool:
    """True when the 3-6 digit ``number`` at ``start`` follows a last-digits cue ("ends in", "last four:").

    "ends in 2030" stays a year unless a card or account word comes shortly before; a counted noun after
    the number makes it an amount ("ends with 420 points").
    """
    cue = _LAST_DIGITS_CUE_RE.search(text, max(0, start - 40), start)
    if cue is None or not 3 <= len(number) <= 6 or _counted_noun_after(text, start + len(number)):
        return False
    year_like = len(number) == 4 and 1900 <= int(number) <= 2099
    return not (year_like and cue.group("ends") and not _CARDISH_RE.search(text, max(0, start - 60), start))


def _is_identifier(a: str, b: str, cued: bool) -> bool:
    """True when the hyphenated digit groups ``a``-``b`` are an identifier rather than a range."""
    school_year = len(a) == 4 and len(b) == 2 and 1100 <= int(a) <= 2099 and int(b) == (int(a) + 1) % 100
    if school_year and not cued:  # "2000-01", "2009-10": a year and the next one, not an identifier
        return False
    if (len(a) > 1 and a[0] == "0") or (len(b) > 1 and b[0] == "0"):
        return True
    if max(len(a), len(b)) >= 5 and not (len(a) == len(b) and int(b) > int(a)):
        return True
    years = len(a) == len(b) == 4 and 1900 <= int(a) < int(b) <= 2099
    return cued and max(len(a), len(b)) >= 3 and not years


def _spoken_groups(text: str, start: int, read: str = "digits") -> list[Piece]:
    """Read space-, hyphen- or colon-separated groups one by one, with a pause between groups."""
    pieces: list[Piece] = []
    for m in re.finditer(r"[0-9A-Za-z]+", text):
        if pieces:
            pieces.append(punct(","))
        g = m.group()
        if read == "hex":
            spoken = " ".join(DIGIT_WORDS[int(c)] if c.isdigit() else c.upper() for c in g)
        else:
            spoken = digits(g) if g.isdigit() else spell(g, dictate=True)
        pieces.append(word(spoken, start + m.start(), start + m.end()))
    return pieces


class IdentifierReaders(ScannerBase):
    """Readers for identifiers that other readers would take for ranges, amounts or math."""

    def id_cued(self) -> bool:
        """True when an identifier cue ends the recent words ("confirmation number is", "Tax ID:")."""
        for raw in reversed(self.history):
            if raw == "#":
                continue
            w = raw.lower().rstrip(":.")
            if w in ID_CUES:
                return True
            if w not in _ID_LINKS:
                return False
        return False

    def _marked_identifier(self, i: int) -> int | None:
        """Masked digits, star codes, "#" after a numbered noun and MAC addresses."""
        t = self.t
        c = t[i]
        if c in _MASK + ".\u2026-xX" and (i == 0 or not t[i - 1].isalnum() or c in ".\u2026"):
            m = _MASK_RE.match(t, i) if c in _MASK else None
            if m is not None and (sum(ch in _MASK for ch in m.group()) >= 2 or self._after_card_word()):
                return self._ending_in(m, i)
            m = _CARD_MASK_RE.match(t, i) if self._after_card_word() else None
            if m is not None and (c != "-" or (self.prev_word or "").lower() in ("ending", "ends")):  # "credit -1000"
                return self._ending_in(m, i)
            m = _STAR_CODE_RE.match(t, i) if c == "*" and self.prev_kind not in NUMERIC_KINDS else None
            if m is not None:  # "*67", "**21*": a phone star code, every key said
                stars = m.end("stars")
                self.emit(" ".join(["star"] * (stars - i)), i, stars, "word", "*")
                self.emit(digits(m.group("digits")), stars, m.end("digits"), "num")
                if m.group("key"):
                    self.emit("star" if m.group("key") == "*" else "pound", m.start("key"), m.end(), "word", "*")
                return m.end()
            return None
        if c == "#":
            return self._numbered_hash(i)
        if c in "eE" and self.boundary(i) and (m := _EXT_RE.match(t, i)) is not None:  # "ext 204", "Ext: 4410"
            self.emit("extension", i, m.end(), "abbr", "ext")
            return m.end()
        if c == "0" and self.boundary(i) and (m := HEX_RE.match(t, i)) is not None:  # "0x80070005"
            self.emit(hex_words(m), i, m.end(), "code", m.group())
            return m.end()
        if c in "0123456789abcdefABCDEF" and self.boundary(i):
            m = _MAC_RE.match(t, i)
            if m is not None and any(ch.isdigit() for ch in m.group()):
                self.emit_pieces(_spoken_groups(m.group(), i, "hex"), "code")
                return m.end()
        return None

    def _after_card_word(self) -> bool:
        return self.prev_kind in ("word", "abbr") and (self.prev_word or "").lower() in CARD_WORDS

    def _ending_in(self, m: re.Match[str], i: int) -> int:
        """Emit masked digits: "ending in" (unless "ending" was just said) and the digits one by one."""
        said = [w.lower() for w in self.history[-2:]]
        if not ({"ending", "ends"} & set(said)):  # "ending in ****4321": "in" was said too
            self.emit("ending in", i, m.start("digits"), "word", "in")
        self.emit(digits(m.group("digits")), m.start("digits"), m.end(), "num")
        return m.end()

    def _numbered_hash(self, i: int) -> int | None:
        """ "Acct# 123", "Loan #:", "order #A12345", "Reservation #K8821A": "#" is "number"; "Press #0": "pound"."""
        t = self.t
        if i > 0 and t[i - 1] in "([" and _HASH_CODE_RE.match(t, i + 1):  # "Your order (#A1B2C3)"
            self.emit("number", i, i + 1, "word", "#")
            return i + 1
        glued = i > 0 and t[i - 1].isalpha()
        spaced = i > 1 and t[i - 1] == " " and t[i - 2].isalpha()
        if not (glued or spaced) or self.prev_kind not in ("word", "abbr"):
            return None
        prev = (self.prev_word or "").lower()
        km = _KEYED_RE.match(t, i + 1) if prev in KEY_VERBS else None
        if km is not None:  # "Press #0", "Dial #611": the pound key, then each key
            self.emit("pound", i, i + 1, "word", "#")
            self.emit(digits(km.group()), km.start(), km.end(), "num")
            return km.end()
        if prev not in HASH_NOUNS and (prev in KEY_VERBS or not _HASH_CODE_RE.match(t, i + 1)):
            return None
        self.emit("number", i, i + 1, "word", "#")
        return i + 1

    def _spaced_groups(self, i: int) -> int | None:
        """ "4111 1111 1111 1111", "1Z 999 AA1 01 2345 6784": group by group, digit by digit."""
        t = self.t
        if not (t[i].isdigit() or t[i].isupper()) or not self.boundary(i):
            return None
        m = _SPACED_RE.match(t, i)
        if m is None:
            lm = _LETTER_LED_RE.match(t, i) if t[i].isupper() else None
            if lm is not None and self.id_cued():  # "Member ID: XJH 448 291 002": letters, then digit groups
                self.emit_pieces(_spoken_groups(lm.group(), i), "code")
                return lm.end()
            return None
        groups = m.group().split(" ")
        if any(len(g) < 2 for g in groups[1:-1]) or all(_YEAR_RE.fullmatch(g) for g in groups):
            return None  # "2019 2020 2021": a list of years
        count = sum(ch.isdigit() for ch in m.group())
        if self.id_cued() and min(len(g) for g in groups) >= 2 and not _counted_noun_after(t, m.end()):
            if count < 6:  # "SSN 123 45 6789", "code is 123 456": after a cue
                return None
        elif count < 10 or len(groups) < 3 or _THOUSANDS_RE.fullmatch(m.group()):
            return None
        self.emit_pieces(_spoken_groups(m.group(), i), "code")
        return m.end()

    def _two_groups(self, i: int) -> int | None:
        """ "8472-1193" after "confirmation number is", "12-3456789", "0042-17": an identifier, not a range."""
        t = self.t
        if not t[i].isdigit() or not self.boundary(i) or (i and t[i - 1] in "-./$"):
            return None
        m = _TWO_GROUPS_RE.match(t, i)
        if m is None:
            return None
        a, b = m.group("a"), m.group("b")
        cued = self.id_cued() and not _counted_noun_after(t, m.end())
        if not _is_identifier(a, b, cued):
            return None
        self.emit_pieces(_spoken_groups(m.group(), i), "code")
        return m.end()
