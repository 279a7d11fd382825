"""espeak-ng phonemization through ctypes, behind one process-wide lock."""

from __future__ import annotations

import ctypes
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_AUDIO_OUTPUT_SYNCHRONOUS = 0x02
_ESPEAK_INITIALIZE_DONT_EXIT = 0x8000
_CHARS_UTF8 = 1
_PHONEMES_IPA = 0x02

# Clause punctuation as espeak classifies it; full-width forms map to their ASCII clause type.
_TERMINATORS = {
    ".": ".", "?": "?", "!": "!", ",": ",", ":": ":", ";": ";",
    "。": ".", "？": "?", "！": "!", "，": ",", "：": ":", "；": ";",
}  # fmt: skip
_SENTENCE_TERMINATORS = frozenset(".?!")
# Characters espeak reads past after a clause's punctuation before it decides the clause has ended.
_CLOSERS = "\"')]}»”’"
_OPENERS = "\"'([{«“‘"


@dataclass(frozen=True)
class Clause:
    """One clause as espeak splits text: its IPA phonemes and the punctuation that ended it."""

    phonemes: str
    terminator: str  # one of . ? ! , : ; or "" (no punctuation: ellipsis, end of text, line break)
    ends_sentence: bool
    source_start: int  # character span of the clause in the input text
    source_end: int


class EspeakError(RuntimeError):
    """espeak-ng could not be loaded or refused a voice."""


# espeak reports the clause type as a bit field: intonation in bits 12-14, sentence flag in bit 19.
_CLAUSE_TYPE_SENTENCE = 0x00080000
_CLAUSE_KINDS = {
    40 | 0x0000 | _CLAUSE_TYPE_SENTENCE: ".",
    20 | 0x1000 | 0x00040000: ",",
    40 | 0x2000 | _CLAUSE_TYPE_SENTENCE: "?",
    45 | 0x3000 | _CLAUSE_TYPE_SENTENCE: "!",
    30 | 0x0000 | 0x00040000: ":",
    30 | 0x1000 | 0x00040000: ";",
}


def _find_library() -> tuple[str, str]:
    """The espeak-ng build to use: (shared library path, data directory).

    Piper voices are trained and run with the espeak-ng build inside `piper-tts`
    (1.52.0.1 with its own data); its shared object exports the C API, so we call it
    directly and get identical phonemes. The release build from `espeakng-loader`
    (1.52.0) is the fallback; it differs in a few glides (e.g. "ðɪʲ" vs "ðɪ").
    """
    try:
        import piper  # noqa: PLC0415  (only to locate its files; nothing of piper runs)

        root = Path(piper.__file__).parent
        library = next(iter(sorted(root.glob("espeakbridge*.so"))), None)
        if library is not None and (root / "espeak-ng-data").is_dir():
            return str(library), str(root / "espeak-ng-data")
    except ImportError:
        pass
    try:
        import espeakng_loader  # noqa: PLC0415

        return espeakng_loader.get_library_path(), espeakng_loader.get_data_path()
    except ImportError as error:
        raise EspeakError("no espeak-ng found: install piper-tts or espeakng-loader") from error


class _Espeak:
    """The espeak-ng library: one per process, used under a lock (espeak keeps global state)."""

    def __init__(self, library_path: str, data_path: str) -> None:
        self._lock = threading.Lock()
        self._voice: str | None = None
        lib = ctypes.CDLL(library_path)
        self.library_path = library_path
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetVoiceByName.restype = ctypes.c_int
        lib.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_int, ctypes.c_int]
        lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        # The terminator-reporting variant exists in Piper's build only.
        self._with_terminator = hasattr(lib, "espeak_TextToPhonemesWithTerminator")
        if self._with_terminator:
            lib.espeak_TextToPhonemesWithTerminator.argtypes = [
                ctypes.POINTER(ctypes.c_void_p),
                ctypes.c_int,
                ctypes.c_int,
                ctypes.POINTER(ctypes.c_int),
            ]
            lib.espeak_TextToPhonemesWithTerminator.restype = ctypes.c_char_p
        flags = _ESPEAK_INITIALIZE_DONT_EXIT
        if lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data_path.encode(), flags) < 0:
            raise EspeakError(f"espeak-ng failed to initialize from {data_path}")
        self._lib = lib

    def clauses(self, text: str, voice: str) -> list[Clause]:
        """Split `text` into clauses and phonemize each, the way espeak-ng reads it."""
        encoded = text.encode("utf-8")
        # Byte offset -> character offset, to report clause spans in characters.
        char_at_byte = _char_offsets(text, len(encoded))
        buffer = ctypes.create_string_buffer(encoded + b"\0", len(encoded) + 1)
        base = ctypes.addressof(buffer)
        pointer = ctypes.c_void_p(base)
        raw: list[tuple[str, int, int, int | None]] = []
        kind = ctypes.c_int(0)
        with self._lock:
            if voice != self._voice:
                if self._lib.espeak_SetVoiceByName(voice.encode()) != 0:
                    raise EspeakError(f"espeak-ng has no voice {voice!r}")
                self._voice = voice
            while pointer.value is not None and pointer.value - base < len(encoded):
                start = pointer.value - base
                if self._with_terminator:
                    phonemes = self._lib.espeak_TextToPhonemesWithTerminator(
                        ctypes.byref(pointer), _CHARS_UTF8, _PHONEMES_IPA, ctypes.byref(kind)
                    )
                    clause_kind: int | None = kind.value & 0x000FFFFF
                else:
                    phonemes = self._lib.espeak_TextToPhonemes(ctypes.byref(pointer), _CHARS_UTF8, _PHONEMES_IPA)
                    clause_kind = None
                end = len(encoded) if pointer.value is None else min(pointer.value - base, len(encoded))
                raw.append(((phonemes or b"").decode("utf-8", errors="replace"), start, end, clause_kind))
                if end <= start:  # espeak made no progress; never loop forever
                    break
        clauses = []
        c_start = 0  # a clause starts where the previous one ended, before espeak's read-ahead
        for index, (phonemes, _, end, clause_kind) in enumerate(raw):
            is_last = index == len(raw) - 1
            terminator, ends_sentence, c_end = _classify(text, c_start, char_at_byte[end], is_last)
            if clause_kind is not None:  # espeak said exactly what ended the clause
                terminator = _CLAUSE_KINDS.get(clause_kind, "")
                ends_sentence = bool(clause_kind & _CLAUSE_TYPE_SENTENCE)
            clauses.append(Clause(phonemes, terminator, ends_sentence, c_start, c_end))
            c_start = c_end
        return clauses


def _char_offsets(text: str, n_bytes: int) -> list[int]:
    offsets = [0] * (n_bytes + 1)
    position = 0
    for index, char in enumerate(text):
        width = len(char.encode("utf-8"))
        for k in range(width):
            offsets[position + k] = index
        position += width
    offsets[n_bytes] = len(text)
    return offsets


def _classify(text: str, start: int, end: int, is_last: bool) -> tuple[str, bool, int]:
    """Recover the clause's terminator (and its end) from the text espeak consumed for it.

    espeak advances its text pointer past the clause and, after punctuation, past the
    character that follows the next space (it checks for a lowercase continuation).
    That read-ahead character belongs to the next clause and is ignored here.
    """
    segment = text[start:end]
    read_ahead = not is_last and len(segment) >= 2 and not segment[-1].isspace()
    if read_ahead and (segment[-2].isspace() or segment[-1] in _OPENERS):
        segment = segment[:-1]
    body = segment.rstrip()
    trailing_space = segment[len(body) :]
    body = body.rstrip(_CLOSERS)
    clause_end = start + len(segment)
    if is_last:
        clause_end = end
    if not body:
        return "", is_last, clause_end
    if body.endswith("..") or body.endswith("…"):
        return "", is_last, clause_end
    if body[-1] in "—":  # espeak pauses at an em dash like at a semicolon
        return ";", False, clause_end
    run = len(body) - len(body.rstrip("".join(_TERMINATORS)))
    terminator = _TERMINATORS.get(body[len(body) - run], "") if run else ""  # "?!" is a question
    if terminator:
        return terminator, terminator in _SENTENCE_TERMINATORS, clause_end
    # No punctuation: a paragraph break (blank line) or the end of the text ends the sentence.
    return "", is_last or trailing_space.count("\n") >= 2, clause_end


@lru_cache(maxsize=1)
def espeak() -> _Espeak:
    """The process-wide espeak-ng instance (loaded on first use)."""
    return _Espeak(*_find_library())


def decompose(phonemes: str) -> list[str]:
    """Split an IPA string into code points after NFD, as Piper's phoneme ids expect."""
    return list(unicodedata.normalize("NFD", phonemes))
