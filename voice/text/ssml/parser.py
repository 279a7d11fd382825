"""The SSML tokenizer and parser: markup in, a flat list of segments out (see voice.text.ssml)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from voice.text.ssml.vocabulary import (
    Attributes,
    BreakSegment,
    InvalidAttribute,
    MarkSegment,
    Prosody,
    Segment,
    SentenceBoundary,
    SsmlError,
    TextSegment,
    break_seconds,
    check_emphasis,
    prosody_within,
    say_as,
)

_NUM = r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
_NAME = r"[A-Za-z_:][-A-Za-z0-9_.:]*"
_NAME_RE = re.compile(_NAME)
_ATTR_RE = re.compile(r"[ \t\r\n]+(" + _NAME + r")[ \t\r\n]*=[ \t\r\n]*(?:\"([^\"<]*)\"|'([^'<]*)')")
_TAG_CLOSE_RE = re.compile(r"[ \t\r\n]*(/?)>")
_END_TAG_RE = re.compile(r"</(" + _NAME + r")[ \t\r\n]*>")
_TEXT_RE = re.compile(r"[^<&]+")
_REF_RE = re.compile(r"&(?:#([0-9]{1,8})|#x([0-9A-Fa-f]{1,8})|([A-Za-z_][-A-Za-z0-9_.]*));")
_INVALID_CHAR_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_DECL_RE = re.compile(
    r"<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(\"1\.[0-9]+\"|'1\.[0-9]+')"
    r"(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:\"[A-Za-z][-A-Za-z0-9._]*\"|'[A-Za-z][-A-Za-z0-9._]*'))?"
    r"(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:\"(?:yes|no)\"|'(?:yes|no)'))?"
    r"[ \t\r\n]*\?>"
)
_XML_WS = " \t\r\n"
_PREDEFINED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}

# Allowed attributes per element ("speak" allows any).  xml:lang is allowed everywhere.
_ATTRIBUTES: dict[str, frozenset[str]] = {
    "break": frozenset({"time", "strength"}),
    "say-as": frozenset({"interpret-as", "format", "detail"}),
    "sub": frozenset({"alias"}),
    "phoneme": frozenset({"alphabet", "ph"}),
    "prosody": frozenset({"rate", "volume", "pitch", "range", "contour", "duration"}),
    "p": frozenset(),
    "s": frozenset(),
    "emphasis": frozenset({"level"}),
    "mark": frozenset({"name"}),
}
_TEXT_ONLY = frozenset({"say-as", "sub", "phoneme"})


def is_ssml(text: str) -> bool:
    """True when ``text`` should be parsed as SSML.

    That is when, after leading whitespace (and a byte-order mark), it starts with an XML prologue
    (``<?xml`` or ``<!DOCTYPE``: only meant for a markup parser, which then refuses any DTD) or with a
    ``<speak`` tag (``<speak`` followed by whitespace, ``>``, ``/`` or the end of the text; ``<speaker>``
    is not).
    """
    rest = text.lstrip().lstrip("\ufeff").lstrip()
    if rest.startswith("<?xml") or rest[:9].upper() == "<!DOCTYPE":
        return True
    if not rest.startswith("<speak"):
        return False
    return len(rest) == 6 or rest[6] in " \t\r\n>/"


def parse_ssml(
    text: str, *, max_chars: int = 100_000, max_depth: int = 32, max_elements: int = 10_000
) -> list[Segment]:
    """Parse SSML ``text`` into segments in speaking order.

    ``max_chars`` limits the input length, ``max_depth`` the element nesting (``<speak>`` is
    depth 1), ``max_elements`` the number of elements.  Raises :class:`SsmlError` (with 1-based
    ``line`` and ``column``) for malformed, disallowed or over-limit input, and for nothing else.
    """
    return _Parser(text, max_chars=max_chars, max_depth=max_depth, max_elements=max_elements).parse()


def _line_col(text: str, offset: int) -> tuple[int, int]:
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


class _TextBuffer:
    """Decoded character data with the source span of each chunk, for whitespace-trimmed spans."""

    __slots__ = ("chunks", "marks", "prosody")

    def __init__(self, prosody: Prosody) -> None:
        self.prosody = prosody
        # (decoded text, source start, source end, raw): raw chunks map 1:1 onto the source.
        self.chunks: list[tuple[str, int, int, bool]] = []
        self.marks: list[tuple[str, int]] = []  # (name, characters of decoded text before it)

    def add(self, decoded: str, start: int, end: int, raw: bool) -> None:
        self.chunks.append((decoded, start, end, raw))

    def add_mark(self, name: str) -> None:
        self.marks.append((name, sum(len(chunk[0]) for chunk in self.chunks)))

    def collapsed_marks(self) -> tuple[tuple[str, int], ...]:
        """Each mark's index in the collapsed text: the words before it and the space after them, if any."""
        decoded = "".join(chunk[0] for chunk in self.chunks)
        total = len(" ".join(decoded.split()))
        marks = []
        for name, at in self.marks:
            before = " ".join(decoded[:at].split())
            index = len(before) + 1 if before and decoded[:at][-1:].isspace() else len(before)
            marks.append((name, min(index, total)))
        return tuple(marks)

    def finish(self) -> tuple[str, int, int] | None:
        """Return (collapsed text, source start, source end), or None when only whitespace."""
        start = end = -1
        for decoded, src_start, _, raw in self.chunks:
            stripped = decoded.lstrip()
            if stripped:
                start = src_start + (len(decoded) - len(stripped)) if raw else src_start
                break
        if start < 0:
            return None
        for decoded, src_start, src_end, raw in reversed(self.chunks):
            stripped = decoded.rstrip()
            if stripped:
                end = src_start + len(stripped) if raw else src_end
                break
        collapsed = " ".join("".join(chunk[0] for chunk in self.chunks).split())
        return collapsed, start, end


@dataclass
class _Frame:
    name: str
    start: int  # offset of the "<" of the start tag
    prosody: Prosody
    buffer: _TextBuffer | None = None  # text-only elements capture their content here
    say_as: str | None = None
    say_as_format: str | None = None
    alias: str | None = None
    phonemes: str | None = None


class _Parser:
    def __init__(self, text: str, *, max_chars: int, max_depth: int, max_elements: int) -> None:
        self.text = text
        self.max_chars = max_chars
        self.max_depth = max_depth
        self.max_elements = max_elements
        self.out: list[Segment] = []
        self.stack: list[_Frame] = []
        self.pending: _TextBuffer | None = None
        self.elements = 0
        self.text_since_boundary = False
        self.root_seen = False
        self.root_closed = False

    # -- errors -------------------------------------------------------------------------------

    def error(self, message: str, offset: int) -> SsmlError:
        line, column = _line_col(self.text, offset)
        return SsmlError(message, line, column)

    # -- tokenizer ----------------------------------------------------------------------------

    def parse(self) -> list[Segment]:
        text = self.text
        n = len(text)
        if n > self.max_chars:
            raise SsmlError(f"input is {n} characters, over the limit of {self.max_chars}", 1, 1)
        bad = _INVALID_CHAR_RE.search(text)
        if bad:
            raise self.error(f"invalid character U+{ord(bad.group()):04X}", bad.start())
        pos = 0
        while pos < n and (text[pos] in _XML_WS or (pos == 0 and text[pos] == "\ufeff")):
            pos += 1
        if text.startswith("<?xml", pos) and (pos + 5 == n or text[pos + 5] in _XML_WS + "?"):
            decl = _XML_DECL_RE.match(text, pos)
            if not decl:
                raise self.error("malformed XML declaration", pos)
            pos = decl.end()
        while pos < n:
            if text[pos] == "<":
                pos = self.markup(pos)
            elif text[pos] == "&":
                if not self.stack:
                    raise self.error(self.outside_message(), pos)
                pos = self.reference(pos)
            else:
                run = _TEXT_RE.match(text, pos)
                assert run is not None
                if not self.stack:
                    if run.group().strip(_XML_WS):
                        first = pos + len(run.group()) - len(run.group().lstrip(_XML_WS))
                        raise self.error(self.outside_message(), first)
                else:
                    self.on_text(run.group(), pos, run.end(), raw=True)
                pos = run.end()
        if self.stack:
            frame = self.stack[-1]
            raise self.error(f"<{frame.name}> is never closed (input ends first)", frame.start)
        if not self.root_seen:
            raise self.error("no <speak> root element", n)
        return self.out

    def outside_message(self) -> str:
        if self.root_closed:
            return "content after </speak>"
        return "text before the <speak> root element"

    def markup(self, pos: int) -> int:
        text = self.text
        if text.startswith("<!--", pos):
            end = text.find("-->", pos + 4)
            if end < 0:
                raise self.error("unterminated comment", pos)
            return end + 3
        if text.startswith("<![CDATA[", pos):
            if not self.stack:
                raise self.error("CDATA section outside the <speak> element", pos)
            end = text.find("]]>", pos + 9)
            if end < 0:
                raise self.error("unterminated CDATA section", pos)
            self.on_text(text[pos + 9 : end], pos + 9, end, raw=True)
            return end + 3
        if text.startswith("<!DOCTYPE", pos):
            raise self.error("DOCTYPE declarations are not allowed (no DTD processing)", pos)
        if text.startswith("<!", pos):
            raise self.error("markup declarations (<!...>) are not allowed", pos)
        if text.startswith("<?", pos):
            raise self.error("processing instructions are not allowed", pos)
        if text.startswith("</", pos):
            match = _END_TAG_RE.match(text, pos)
            if not match:
                raise self.error("malformed end tag", pos)
            self.end_element(match.group(1), pos, match.end())
            return match.end()
        return self.start_tag(pos)

    def start_tag(self, pos: int) -> int:
        text = self.text
        name_match = _NAME_RE.match(text, pos + 1)
        if not name_match:
            raise self.error("malformed tag: '<' must start an element name", pos)
        name = name_match.group()
        if self.root_closed:
            raise self.error("content after </speak>", pos)
        self.elements += 1
        if self.elements > self.max_elements:
            raise self.error(f"more than {self.max_elements} elements", pos)
        if len(self.stack) + 1 > self.max_depth:
            raise self.error(f"elements nested deeper than {self.max_depth}", pos)
        attrs: Attributes = {}
        cursor = name_match.end()
        while True:
            close = _TAG_CLOSE_RE.match(text, cursor)
            if close:
                break
            attr = _ATTR_RE.match(text, cursor)
            if not attr:
                raise self.error(f"malformed start tag <{name}>", cursor)
            attr_name = attr.group(1)
            attr_pos = attr.start(1)
            if attr_name in attrs:
                raise self.error(f"duplicate attribute '{attr_name}' on <{name}>", attr_pos)
            raw = attr.group(2) if attr.group(2) is not None else attr.group(3)
            value_pos = attr.start(2) if attr.group(2) is not None else attr.start(3)
            attrs[attr_name] = (self.decode_attribute(raw, value_pos), attr_pos)
            cursor = attr.end()
        self.start_element(name, attrs, pos)
        if close.group(1):
            self.end_element(name, pos, close.end())
        return close.end()

    def decode_attribute(self, raw: str, offset: int) -> str:
        for ws in "\t\r\n":
            raw = raw.replace(ws, " ")
        if "&" not in raw:
            return raw
        parts: list[str] = []
        i = 0
        while True:
            amp = raw.find("&", i)
            if amp < 0:
                parts.append(raw[i:])
                return "".join(parts)
            parts.append(raw[i:amp])
            decoded, length = self.decode_reference(raw, amp, offset + amp)
            parts.append(decoded)
            i = amp + length

    def decode_reference(self, source: str, pos: int, offset: int) -> tuple[str, int]:
        """Decode the reference at source[pos]; return (text, length in source)."""
        match = _REF_RE.match(source, pos)
        if not match:
            raise self.error("malformed entity reference ('&' must start &name; or &#number;)", offset)
        decimal, hexadecimal, name = match.groups()
        if name is not None:
            if name not in _PREDEFINED:
                raise self.error(f"undefined entity &{name};", offset)
            return _PREDEFINED[name], match.end() - pos
        code = int(decimal) if decimal is not None else int(hexadecimal, 16)
        if not (
            code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF
        ):
            raise self.error(f"character reference to an invalid character ({code:#x})", offset)
        return chr(code), match.end() - pos

    def reference(self, pos: int) -> int:
        decoded, length = self.decode_reference(self.text, pos, pos)
        self.on_text(decoded, pos, pos + length, raw=False)
        return pos + length

    # -- structure ----------------------------------------------------------------------------

    def on_text(self, decoded: str, start: int, end: int, *, raw: bool) -> None:
        frame = self.stack[-1]
        if frame.name == "break":
            if decoded.strip():
                raise self.error("<break> must be empty", start)
            return
        if frame.buffer is not None:
            frame.buffer.add(decoded, start, end, raw)
            return
        if self.pending is None:
            self.pending = _TextBuffer(frame.prosody)
        self.pending.add(decoded, start, end, raw)

    def flush(self) -> None:
        pending, self.pending = self.pending, None
        if pending is None:
            return
        result = pending.finish()
        if result is not None:
            text, start, end = result
            marks = pending.collapsed_marks()
            self.emit_text(TextSegment(text, pending.prosody, source_start=start, source_end=end, marks=marks))
        else:  # only whitespace: its marks stand on their own
            self.out.extend(MarkSegment(name) for name, _ in pending.marks)

    def emit_text(self, segment: TextSegment) -> None:
        self.out.append(segment)
        self.text_since_boundary = True

    def boundary(self, paragraph: bool) -> None:
        if self.text_since_boundary:
            self.out.append(SentenceBoundary(paragraph))
            self.text_since_boundary = False
            return
        if paragraph:
            for i in range(len(self.out) - 1, -1, -1):
                if isinstance(self.out[i], SentenceBoundary):
                    self.out[i] = SentenceBoundary(True)
                    return

    def start_element(self, name: str, attrs: Attributes, pos: int) -> None:
        try:
            self.open_element(name, attrs, pos)
        except InvalidAttribute as invalid:
            raise self.error(invalid.message, invalid.offset) from None

    def open_element(self, name: str, attrs: Attributes, pos: int) -> None:
        parent = self.stack[-1] if self.stack else None
        if parent is None:
            if name != "speak":
                raise self.error(f"the root element must be <speak>, not <{name}>", pos)
            self.root_seen = True
            self.stack.append(_Frame(name, pos, Prosody()))
            return
        if name == "speak":
            raise self.error("<speak> may only be the root element", pos)
        if parent.name in _TEXT_ONLY:
            raise self.error(f"<{parent.name}> may contain only text, not <{name}>", pos)
        if parent.name == "break":
            raise self.error("<break> must be empty", pos)
        allowed = _ATTRIBUTES.get(name)
        if allowed is None:
            raise self.error(f"unsupported element <{name}>", pos)
        for attr_name, (_, attr_pos) in attrs.items():
            if attr_name not in allowed and attr_name != "xml:lang":
                raise self.error(f"unsupported attribute '{attr_name}' on <{name}>", attr_pos)
        frame = _Frame(name, pos, parent.prosody)
        if name == "break":
            self.flush()
            self.out.append(BreakSegment(break_seconds(attrs)))
        elif name == "say-as":
            self.flush()
            frame.say_as, frame.say_as_format = say_as(attrs, pos)
            frame.buffer = _TextBuffer(frame.prosody)
        elif name == "sub":
            self.flush()
            if "alias" not in attrs:
                raise self.error("<sub> requires alias", pos)
            frame.alias = " ".join(attrs["alias"][0].split())
            frame.buffer = _TextBuffer(frame.prosody)
        elif name == "phoneme":
            self.flush()
            if "alphabet" in attrs:
                alphabet, attr_pos = attrs["alphabet"]
                if alphabet.strip().lower() != "ipa":
                    raise self.error(f"unsupported phoneme alphabet '{alphabet}' (only 'ipa')", attr_pos)
            ph = attrs.get("ph", ("", pos))[0].strip()
            if not ph:
                raise self.error("<phoneme> requires a non-empty ph", pos)
            frame.phonemes = ph
            frame.buffer = _TextBuffer(frame.prosody)
        elif name == "prosody":
            self.flush()
            frame.prosody = prosody_within(parent.prosody, attrs)
        elif name in ("p", "s"):
            self.flush()
            if self.text_since_boundary:
                self.boundary(paragraph=name == "p")
        elif name == "emphasis":
            check_emphasis(attrs)
        elif name == "mark":
            mark_name = attrs.get("name", ("", pos))[0].strip()
            if not mark_name:
                raise self.error("<mark> requires a non-empty name", pos)
            if self.pending is not None:
                self.pending.add_mark(mark_name)  # stays in its run of text
            else:
                self.out.append(MarkSegment(mark_name))
        self.stack.append(frame)

    def end_element(self, name: str, pos: int, end: int) -> None:
        if not self.stack:
            raise self.error(f"unexpected end tag </{name}>", pos)
        frame = self.stack[-1]
        if frame.name != name:
            line, column = _line_col(self.text, frame.start)
            raise self.error(
                f"end tag </{name}> does not match <{frame.name}> (opened at line {line}, column {column})",
                pos,
            )
        self.stack.pop()
        content = frame.buffer.finish() if frame.buffer is not None else None
        if name == "say-as":
            if content is not None:
                text, start, stop = content
                self.emit_text(
                    TextSegment(
                        text,
                        frame.prosody,
                        say_as=frame.say_as,
                        say_as_format=frame.say_as_format,
                        source_start=start,
                        source_end=stop,
                    )
                )
        elif name == "sub":
            start, stop = (content[1], content[2]) if content else (frame.start, end)
            if frame.alias:
                self.emit_text(TextSegment(frame.alias, frame.prosody, source_start=start, source_end=stop))
        elif name == "phoneme":
            text, start, stop = content if content else ("", frame.start, end)
            self.emit_text(
                TextSegment(text, frame.prosody, phonemes=frame.phonemes, source_start=start, source_end=stop)
            )
        elif name == "prosody":
            self.flush()
        elif name in ("p", "s"):
            self.flush()
            self.boundary(paragraph=name == "p")
        elif name == "speak":
            self.flush()
            self.root_closed = True
