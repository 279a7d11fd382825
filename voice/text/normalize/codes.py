"""Phone numbers, alphanumeric codes, e-mail addresses and URLs.

Decisions:

* Phone numbers are read digit by digit, one group at a time, with a comma
  (a pause) between groups; zero is "zero" (not "oh") for clarity.  Two US
  habits are kept: the toll-free area code 800 is "eight hundred", and a
  leading country code "1" is said together with the area code
  ("1-800-555-0199" -> "one eight hundred, five five five, zero one nine nine").
* "555-1234" (3 digits, hyphen, 4 digits) is a local phone number, not a range;
  so is "555.1234" (exchange 2-9, no unit after it) and, after a phone cue
  ("call", "at", "dial", ...), "555 1234".  "(123)-123-5678" is a phone number
  too, and a fourth hyphenated group after one ("123-123-5678-1111") is an
  extension, read the same way; "x12", "x 204", "ext: 4410", "ext. 12" after
  a number is said "extension" and its digits ("..., extension one two").
* International numbers are read group by group after "plus"; a trunk
  prefix in parentheses is its own group ("+44 (0)20 7946 0958" -> "plus four
  four, zero, two zero, ...").  "011 44 20 ..." is read as spaced digit groups
  (identifiers.py).
* Codes mixing letters and digits are spelled: letters as capitals (which
  espeak reads as letter names), hyphen groups separated by commas.  A run of
  one or two digits is said as a number, the way people say "C24", "B12" or
  apartment "16C" ("C twenty-four"); a run of three or more, or one with a
  leading zero, digit by digit ("A7X-29Q" -> "A seven X, twenty-nine Q";
  "t2000" -> "T two zero zero zero").  After a dictation cue among the last
  three words ("code", "ref", "confirmation", "policy", "PNR", "order", ...)
  every digit is read alone, as an agent dictates a reference: "Your
  confirmation code is A7X-29Q" -> "... A seven X, two nine Q".  A run of three or more
  lowercase or Capitalized letters containing a vowel is kept as a word
  ("user123" -> "user one two three"), as is an all-letter group of four or
  more letters ("INV-2024" -> "INV, two zero two four"); a name of four or
  more letters with a one- or two-digit number is a name and its number
  ("COVID-19" -> "COVID nineteen", "Windows-11").
* E-mails and URLs: "." -> "dot", "/" -> "slash", "@" -> "at", "-" -> "dash",
  "_" -> "underscore", "&" -> "ampersand"; the scheme ("https://") and a trailing slash are dropped;
  "www" is spelled "w w w"; digits are read one by one; "jpg" is said "jpeg".  A "file:" address
  names its scheme ("file colon slash slash slash photos ..."): there it is
  part of what the listener must type.
* A toll-free vanity number (letters in any case after "1-8XX-", in capitals
  after a bare "8XX-": "800-mile" is no number) is read as a phone number whose letter groups
  are said as words where they are pronounceable (four or more letters, or
  consonant-vowel(-consonant or "Y") such as "GO", "FIX", "PAY", or "IT", "UP"), else spelled:
  "1-800-GO-U-HAUL" -> "one eight hundred, go, U, HAUL"; "CALL-ATT" ->
  "CALL, A T T".
* After "promo", "coupon", "discount", "offer" or "voucher" among the last
  three words, a pronounceable word of three or more capitals glued to a one-
  to three-digit number is said as the word and the number: "Use promo code
  SAVE20" -> "... save twenty", "WELCOME10" -> "welcome ten"; "XJH20" and
  "SAVE0020" stay spelled.
* A hexadecimal literal "0x..." with two or more hex digits is read "zero x"
  and its digits and letters one by one: "0x80070005" -> "zero x eight zero
  zero seven zero zero zero five" (an error code), "0xFF" -> "zero x F F".
"""

from __future__ import annotations

import re

from .numbers import DIGIT_WORDS, cardinal, digits
from .spans import Piece, punct, word

VANITY_RE = re.compile(
    r"(?:(?P<cc>1)-)?(?P<area>8[0-9]{2})-"
    r"(?P<rest>(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9]{1,10}(?:-[A-Za-z0-9]{1,10})*)(?![\w-])"
)
# An extension after a phone number: "x12", " x 204", " ext: 4410", ", ext. 12", " extension 5".
_EXTENSION = r"(?:,?\s?(?P<xkw>[xX]|[Ee]xt(?:ension)?|EXT)\.?:?\s?(?P<xt>\d{1,6}))?"
US_PHONE_RE = re.compile(
    r"(?:(?P<cc>\+?1)[-. ])?(?:\((?P<area1>\d{3})\)[-. ]?|(?P<area2>\d{3})(?P<sep>[-. ]))"
    r"(?P<ex>\d{3})[-. ](?P<line>\d{4})(?:-(?P<extn>\d{1,5}))?" + _EXTENSION + r"(?![\w]|[-.]\d)"
)
LOCAL_PHONE_RE = re.compile(r"(?P<ex>\d{3})-(?P<line>\d{4})" + _EXTENSION + r"(?![\w]|[-.]\d)")
# "555 1234", "555.1234": a local number only after a phone cue (spaced) or with an exchange of 2-9 (dotted)
LOCAL_LOOSE_PHONE_RE = re.compile(r"(?P<ex>[2-9]\d{2})(?P<sep>[ .])(?P<line>\d{4})" + _EXTENSION + r"(?![\w%]|[-.,]\d)")
PHONE_CUES = {
    "call", "dial", "at", "phone", "tel", "telephone", "fax", "text", "reach", "number", "cell", "mobile", "tty",
}  # fmt: skip
# Words after which a three-digit service number ("311", "711", "988") is dialled, read digit by digit.
SERVICE_CUES = {"call", "dial", "text", "phone", "tty", "tdd", "relay", "calling", "dialing", "dialling"}
INTL_PHONE_RE = re.compile(r"\+\d{1,3}(?:[-. ]?\(\d{1,5}\)\d{0,5}|[-. ]\d{1,5}){1,6}(?![\w]|[-.]\d)|\+\d{7,15}(?!\w)")
# A hexadecimal literal: "0x80070005", "0xFF" (two or more hex digits; "0x5" may be a product).
HEX_RE = re.compile(r"0[xX](?P<hex>[0-9A-Fa-f]{2,16})(?![\w.-])")
CODE_RE = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\w])")
_CODE_CHAIN_RE = re.compile(r"\d{1,12}(?:-[A-Za-z0-9]{1,12}){1,8}(?![\w-])")  # bounded: no rescans of long runs
TLDS = "com|org|net|edu|gov|mil|io|co|us|uk|ca|de|fr|info|biz|ai|app|dev|me|tv|ly|au|in"
_URL_CHARS = r"[^\s<>\"'`()\[\]{}]"
URL_RE = re.compile(
    r"(?:(?:https?|ftp)://" + _URL_CHARS + r"+"
    r"|file:///?" + _URL_CHARS + r"+"
    r"|www\." + _URL_CHARS + r"+"
    r"|[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.(?:"
    + TLDS
    + r")(?![\w-])(?:/"
    + _URL_CHARS
    + r"*)?)",
    re.IGNORECASE,
)
EMAIL_RE = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9._%+&-]{0,63}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![\w-])"
    r"(?:/[\w.-]*[\w])?"  # a path pasted after it: "sdf@gmail.com/123-sm"
)
_SYMBOL_NAMES = {
    ".": "dot",
    "/": "slash",
    "@": "at",
    "-": "dash",
    "_": "underscore",
    ":": "colon",
    "?": "question mark",
    "=": "equals",
    "&": "ampersand",
    "#": "hash",
    "%": "percent",
    "+": "plus",
    "~": "tilde",
}
_VOWELS = set("aeiouyAEIOUY")
# Address parts said as a word other than their spelling: ".jpg" is "jay-peg" (espeak spells "jpg" J P G).
_SAID_AS = {"jpg": "jpeg"}
# Words after which a code is dictated character by character ("confirmation code is A7X-29Q").
DICTATION_CUES = {
    "code", "codes", "ref", "reference", "confirmation", "pnr", "booking", "policy", "order", "tracking",
    "account", "acct", "serial", "ticket", "id", "number", "no", "password", "pin", "voucher", "coupon", "promo",
    "invoice", "claim", "case", "member", "locator", "license", "plate", "vin", "sku", "model", "part", "s/n",
}  # fmt: skip
# Words after which a capitalized word glued to a number is a promo code said as a word ("promo code SAVE20").
PROMO_CUES = {"promo", "coupon", "discount", "offer", "voucher"}
_PROMO_RE = re.compile(r"(?P<word>[A-Z]{3,12}|[A-Z][a-z]{2,11})(?P<num>[1-9]\d{0,2})")
# A two- or three-letter vanity group said as a word: consonant, vowel, optional consonant ("GO", "MY", "FIX"),
# or vowel and consonant ("IT", "UP").
_VANITY_WORD_RE = re.compile(r"[B-DF-HJ-NP-TV-XZ][AEIOUY][B-DF-HJ-NP-TV-XZY]?|[AEIOU][B-DF-HJ-NP-TV-XZ]")


def url_end(text: str, start: int, end: int) -> int:
    """Trim trailing sentence punctuation and slashes off a URL match."""
    while end > start and text[end - 1] in ".,;:!?/":
        end -= 1
    return end


def read_address(text: str) -> str:
    """Read an e-mail address or URL: "john.doe@example.com" -> "john dot doe at example dot com"."""
    body = re.sub(r"^(?:https?|ftp)://", "", text, flags=re.IGNORECASE).rstrip("/")
    out: list[str] = []
    if body[:5].lower() == "file:":
        out.append("file colon")
        body = body[5:]
    for m in re.finditer(r"[^\W\d_]+|\d+|.", body):
        tok = m.group()
        if tok.isdigit():
            out.append(digits(tok))
        elif tok.lower() == "www":
            out.append(" ".join(tok))
        elif tok[0].isalpha():
            out.append(_SAID_AS.get(tok.lower(), tok))
        elif tok in _SYMBOL_NAMES:
            out.append(_SYMBOL_NAMES[tok])
    return " ".join(out)


def _phone_pieces(groups: list[tuple[str, int, int]], plus: tuple[int, int] | None) -> list[Piece]:
    pieces: list[Piece] = []
    if plus is not None:
        pieces.append(word("plus", plus[0], plus[1]))
    for i, (g, s, e) in enumerate(groups):
        if i:
            pieces.append(punct(","))
        pieces.append(word("eight hundred" if g == "800" else digits(g), s, e))
    return pieces


def phone_pieces(m: re.Match[str]) -> list[Piece]:
    """Turn a US, local or international phone-number match into word pieces."""
    names = m.re.groupindex
    if "line" in names:
        groups: list[tuple[str, int, int]] = []
        cc_span: tuple[int, int] | None = None
        plus: tuple[int, int] | None = None
        if "cc" in names and m.group("cc"):
            s, e = m.span("cc")
            if m.group("cc").startswith("+"):
                plus = (s, s + 1)
            cc_span = (e - 1, e)
        area = "area1" if "area1" in names and m.group("area1") else "area2"
        if area in names and m.group(area):
            groups.append((m.group(area), *m.span(area)))
        groups.append((m.group("ex"), *m.span("ex")))
        groups.append((m.group("line"), *m.span("line")))
        if "extn" in names and m.group("extn"):
            groups.append((m.group("extn"), *m.span("extn")))
        pieces = _phone_pieces(groups, plus)
        if "xt" in names and m.group("xt"):
            pieces += [punct(","), word("extension", *m.span("xkw")), word(digits(m.group("xt")), *m.span("xt"))]
        if cc_span is not None:
            first = pieces[1] if plus else pieces[0]
            merged = word("one " + first.text, cc_span[0], first.end)
            pieces[1 if plus else 0] = merged
        return pieces
    # international: "+44 20 7946 0958", "+44 (0)20 7946 0958" or "+15551234567"
    text, base = m.group(), m.start()
    runs = [(r.group(), base + r.start(), base + r.end()) for r in re.finditer(r"\d+", text)]
    if len(runs) == 1 and len(runs[0][0]) == 11 and runs[0][0].startswith("1"):
        d, s, _ = runs[0]
        runs = [(d[0], s, s + 1), (d[1:4], s + 1, s + 4), (d[4:7], s + 4, s + 7), (d[7:], s + 7, s + 11)]
    return _phone_pieces(runs, (base, base + 1) if text.startswith("+") else None)


def vanity_pieces(m: re.Match[str]) -> list[Piece]:
    """ "1-800-GO-U-HAUL" -> "one", "eight hundred", "go", "U", "HAUL" with a pause between groups."""
    area = m.group("area")
    spoken = ("one " if m.group("cc") else "") + ("eight hundred" if area == "800" else digits(area))
    pieces: list[Piece] = [word(spoken, m.start(), m.end("area"))]
    base = m.start("rest")
    for g in re.finditer(r"[A-Za-z0-9]+", m.group("rest")):
        group = g.group()
        spoken = group.lower() if _VANITY_WORD_RE.fullmatch(group.upper()) else spell(group)
        pieces += [punct(","), word(spoken, base + g.start(), base + g.end())]
    return pieces


def spell(group: str, dictate: bool = False) -> str:
    """Spell one code group: letters as capitals, pronounceable runs kept; a two-digit run is a number.

    "C24" -> "C twenty-four", "25d08A" -> "twenty-five D zero eight A", "t2000" -> "T two zero zero zero".
    ``dictate`` (a code after a cue such as "code" or "ref") reads every digit alone: "A B one two".
    """
    if group.isalpha() and len(group) >= 4:
        return group
    out: list[str] = []
    for m in re.finditer(r"[A-Za-z]+|\d+|.", group):
        tok = m.group()
        if tok.isdigit():
            out.append(cardinal(int(tok)) if len(tok) == 2 and tok[0] != "0" and not dictate else digits(tok))
        elif tok.isalpha():
            if len(tok) >= 3 and (tok.islower() or tok[1:].islower()) and _VOWELS & set(tok):
                out.append(tok)
            else:
                out.extend(c.upper() for c in tok)
    return " ".join(out)


def hex_words(m: re.Match[str]) -> str:
    """A :data:`HEX_RE` match said as written: "0x80070005" -> "zero x eight zero zero seven zero zero zero five",
    "0xff" -> "zero x F F" (letters as capitals, read as letter names)."""
    chars = m.group("hex")
    return "zero x " + " ".join(DIGIT_WORDS[int(c)] if c.isdigit() else c.upper() for c in chars)


def promo_pieces(text: str, start: int, recent: list[str]) -> list[Piece] | None:
    """A promo code said as a word and its number after a promo cue, else None.

    "SAVE20" after "promo code" -> "save twenty", "WELCOME10" -> "welcome ten": the letters must form a
    pronounceable word (:func:`_sayable`) and the number have one to three digits without a leading zero.
    ``recent`` are the last words read before the code ("Use", "promo", "code").
    """
    if not any(w.lower().rstrip(":#") in PROMO_CUES for w in recent):
        return None
    m = _PROMO_RE.fullmatch(text)
    if m is None or not _sayable(m.group("word")):
        return None
    number = m.group("num")
    return [
        word(m.group("word").lower(), start, start + m.end("word")),
        word(cardinal(int(number)), start + m.start("num"), start + m.end()),
    ]


def _sayable(letters: str) -> bool:
    """True when capital ``letters`` read as a word: a vowel at least every sixth letter, no four consonants
    or three vowels in a row, three letters only as consonant-vowel-consonant ("SAVE", "WELCOME", "SPRING",
    "FUN"; not "XJH", "WKND", "ABC")."""
    low = letters.lower()
    vowels = sum(c in "aeiou" for c in low)
    if len(low) == 3:
        return re.fullmatch(r"[^aeiou][aeiou][^aeiou]", low) is not None
    return vowels * 6 >= len(low) and vowels > 0 and re.search(r"[^aeiouy]{4}|[aeiou]{3}", low) is None


def is_code_chain(text: str, start: int, cued: bool = False) -> bool:
    """True when a hyphen chain of digits and capital-letter groups starts at ``start``: a code, not a number.

    "4471-BLK-XL", "2025-88172-A", "12-A4": some group after the first holds capitals, no group holds a
    lowercase letter ("5-year", "2-for-1" are words), and either three or more groups, or a group mixing
    capitals and digits, or (after a dictation cue, ``cued``: "SKU 4471-BLK") a group of two or more capitals.
    "10-K", "3-D" and "133-ABC" stay a number and letters.
    """
    m = _CODE_CHAIN_RE.match(text, start)
    if m is None:
        return False
    groups = m.group().split("-")
    if any(c.islower() for c in m.group()) or not any(c.isupper() for g in groups[1:] for c in g):
        return False
    strong = any(
        (cued and sum(c.isupper() for c in g) >= 2) or (not g.isalpha() and not g.isdigit()) for g in groups[1:]
    )
    return len(groups) >= 3 or strong


def code_pieces(text: str, start: int, dictate: bool = False) -> list[Piece]:
    """Spell a hyphenated alphanumeric code, one comma-separated piece per group (see :func:`spell`)."""
    pieces: list[Piece] = []
    for m in re.finditer(r"[^-\s_./]+", text):
        if pieces:
            pieces.append(punct(","))
        pieces.append(word(spell(m.group(), dictate), start + m.start(), start + m.end()))
    return pieces


def is_code(text: str) -> bool:
    """True when ``text`` mixes ASCII letters and digits."""
    return any(c.isdigit() for c in text) and any(c.isascii() and c.isalpha() for c in text)


def _join(pieces: list[Piece]) -> str:
    out = ""
    for p in pieces:
        out += p.text if p.punct else (" " if out else "") + p.text
    return out


def say_characters(text: str) -> str:
    """Spell text character by character: "A7X-29Q" -> "A seven X, two nine Q".

    Letters become capitals (read as letter names); "-", "_", "/", "." and
    spaces separate groups with a comma.  Raises ValueError when there is
    nothing to spell.
    """
    groups = [g for g in re.split(r"[-\s_./]+", text) if g]
    if not groups or any(not g.isalnum() for g in groups):
        raise ValueError(f"cannot spell {text!r}")
    parts: list[str] = []
    for g in groups:
        parts.append(" ".join(DIGIT_WORDS[int(c)] if c.isdigit() and c.isascii() else c.upper() for c in g))
    return ", ".join(parts)


def say_telephone(text: str) -> str:
    """Read a phone number group by group: "(555) 123-4567" -> "five five five, one two three, ..."."""
    s = " ".join(text.split())
    for rx in (US_PHONE_RE, INTL_PHONE_RE, LOCAL_PHONE_RE):
        m = rx.fullmatch(s)
        if m is not None:
            return _join(phone_pieces(m))
    if not re.fullmatch(r"\+?[\d\s().-]+", s) or sum(c.isdigit() for c in s) < 3:
        raise ValueError(f"not a telephone number: {text!r}")
    groups = [g for g in re.split(r"\D+", s) if g]
    return ("plus " if s.startswith("+") else "") + ", ".join(digits(g) for g in groups)
