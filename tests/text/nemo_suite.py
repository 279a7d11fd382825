"""Runs NVIDIA NeMo's English text-normalization cases through our normalizer and counts the matches.

The cases (``test_cases_<class>.txt``, one ``input~expected[~expected...]`` per line) live in the
NVIDIA/NeMo-text-processing repository under ``tests/nemo_text_processing/en/data_text_normalization``.
They are not part of this repository: point ``NEMO_TN_DIR`` at that folder, or place it at
``../shared/nemo-text-processing/en/data_text_normalization`` next to the checkout.

A reading matches when its spoken words equal NeMo's: case, hyphens inside number words ("twenty-eight"
vs "twenty eight") and punctuation are not compared, since they do not change what is said (punctuation
only shapes pauses).  ``tests/data/nemo_exceptions.tsv`` names where our reading differs on purpose:

* conventions (lines ``@name<TAB>-<TAB>reason``), applied to both readings before they are compared
  again (text conventions such as "markup-tags" to NeMo's text before it is split into words): a case
  that then matches counts as "convention", not as an outright match;
* single cases (``input<TAB>our reading<TAB>reason``); a named case counts only while our reading is
  still the one named.
``test_cases_normalize_with_audio.txt`` lists, for some inputs, every reading NeMo accepts (its audio-based
normalization picks among them); it is not a class of its own, but where one of its inputs is also a case,
those readings are accepted as matches too: NeMo itself says "11/17/05" may be "november seventeenth oh
five" and "2-5" "two to five".

Usage: ``python -m tests.text.nemo_suite [DIR]`` prints matches per class, then every miss.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from voice.text.normalize import normalize

ROOT = Path(__file__).resolve().parents[2]
ENV_VAR = "NEMO_TN_DIR"
SHARED_DIR = ROOT.parent / "shared" / "nemo-text-processing" / "en" / "data_text_normalization"
EXCEPTIONS_FILE = ROOT / "tests" / "data" / "nemo_exceptions.tsv"
AUDIO_FILE = "test_cases_normalize_with_audio.txt"
SKIPPED_FILES = {AUDIO_FILE}
_WORD = re.compile(r"[\w']+")


@dataclass(frozen=True)
class Case:
    """One NeMo case: its class (file name stem), input and the accepted readings."""

    cls: str
    source: str
    expected: tuple[str, ...]


@dataclass(frozen=True)
class Exception_:
    """A case where our reading differs from NeMo's on purpose."""

    source: str
    ours: str
    reason: str


NUMBER_WORDS = frozenset(
    re.findall(
        r"[a-z]+",
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
        "million billion trillion quadrillion quintillion",
    )
)
_SCALES = frozenset(["hundred", "thousand", "million", "billion", "trillion", "quadrillion", "quintillion"])
_MAJOR_UNITS = frozenset(["dollar", "dollars", "pound", "pounds", "euro", "euros"])


def _no_and_in_numbers(words: list[str]) -> list[str]:
    """NeMo says "one hundred and five"; a US agent says "one hundred five"."""
    return [
        w
        for k, w in enumerate(words)
        if not (w == "and" and 0 < k < len(words) - 1 and words[k - 1] in _SCALES and words[k + 1] in NUMBER_WORDS)
    ]


def _no_and_before_cents(words: list[str]) -> list[str]:
    """We say "twenty dollars and fifty cents"; NeMo "twenty dollars fifty cents"."""
    return [
        w
        for k, w in enumerate(words)
        if not (w == "and" and 0 < k < len(words) - 1 and words[k - 1] in _MAJOR_UNITS and words[k + 1] in NUMBER_WORDS)
    ]


def _no_url_scheme(words: list[str]) -> list[str]:
    """NeMo reads "https colon slash slash"; we leave the web scheme out, as people do when they say an address."""
    out: list[str] = []
    k = 0
    while k < len(words):
        if words[k] in ("http", "https", "ftp") and words[k + 1 : k + 4] == ["colon", "slash", "slash"]:
            k += 4
            continue
        out.append(words[k])
        k += 1
    return out


def _slash_between_words_is_or(words: list[str]) -> list[str]:
    """NeMo reads "upgrade/update" as "upgrade slash update"; we say "upgrade or update"."""
    return [
        "or" if w == "slash" and 0 < k < len(words) - 1 and not {words[k - 1], words[k + 1]} & NUMBER_WORDS else w
        for k, w in enumerate(words)
    ]


_ORDINAL_WORDS = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth", "nine": "ninth",
    "twelve": "twelfth",
}  # fmt: skip


def _wrong_ordinal_suffix(words: list[str]) -> list[str]:
    """NeMo reads "1th" as "one th"; a person reads the ordinal the writer meant, "first"."""
    out: list[str] = []
    for w in words:
        if w in ("th", "st", "nd", "rd") and out and out[-1] in NUMBER_WORDS - _SCALES:
            last = out.pop()
            out.append(_ORDINAL_WORDS.get(last) or (last[:-1] + "ieth" if last.endswith("y") else last + "th"))
        else:
            out.append(w)
    return out


def _no_markup_tags(text: str) -> str:
    """NeMo passes tags such as "<cough/>" or "<pitch=-.3>" through to its TTS; we do not read them."""
    return re.sub(r"<[^<>]*>", " ", text)


CONVENTIONS: dict[str, Callable[[list[str]], list[str]]] = {
    "and-in-numbers": _no_and_in_numbers,
    "and-before-cents": _no_and_before_cents,
    "url-scheme": _no_url_scheme,
    "slash-or": _slash_between_words_is_or,
    "wrong-ordinal-suffix": _wrong_ordinal_suffix,
}
# Conventions on the text, applied before it is split into words.
TEXT_CONVENTIONS: dict[str, Callable[[str], str]] = {"markup-tags": _no_markup_tags}


@dataclass
class ClassResult:
    """Counts for one class of cases."""

    total: int = 0
    matched: int = 0
    convention: int = 0
    excepted: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (input, ours, NeMo's first reading)


@dataclass
class Report:
    """The whole suite's result; ``stale`` lists exception inputs whose reading no longer is the one named,
    ``unused`` the named single cases that now match (their line can go)."""

    classes: dict[str, ClassResult]
    stale: list[str]
    unused: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(c.total for c in self.classes.values())

    @property
    def matched(self) -> int:
        return sum(c.matched for c in self.classes.values())

    @property
    def convention(self) -> int:
        return sum(c.convention for c in self.classes.values())

    @property
    def excepted(self) -> int:
        return sum(c.excepted for c in self.classes.values())

    @property
    def misses(self) -> list[tuple[str, str, str, str]]:
        return [(name, *m) for name, c in self.classes.items() for m in c.misses]


def suite_dir() -> Path | None:
    """The folder holding NeMo's English cases: ``$NEMO_TN_DIR``, else the shared copy; None when absent."""
    env = os.environ.get(ENV_VAR)
    candidates = [Path(env)] if env else []
    candidates.append(SHARED_DIR)
    for path in candidates:
        if path.is_dir() and any(path.glob("test_cases_*.txt")):
            return path
    return None


def load_cases(directory: Path) -> list[Case]:
    """Every case in the folder's ``test_cases_*.txt`` files (blank lines skipped), in file order, each with
    the further readings NeMo's with-audio cases accept for the same input after its own."""
    accepted = load_accepted_readings(directory / AUDIO_FILE)
    cases: list[Case] = []
    for path in sorted(directory.glob("test_cases_*.txt")):
        if path.name in SKIPPED_FILES:
            continue
        cls = path.stem.removeprefix("test_cases_")
        for line in path.read_text(encoding="utf-8").split("\n"):
            if "~" not in line:
                continue
            source, *expected = line.split("~")
            cases.append(Case(cls, source, (*expected, *accepted.get(source, ()))))
    return cases


def load_accepted_readings(path: Path) -> dict[str, tuple[str, ...]]:
    """NeMo's with-audio cases: ``~input`` lines, each followed by the readings accepted for it; {} if absent."""
    if not path.is_file():
        return {}
    accepted: dict[str, list[str]] = {}
    readings: list[str] | None = None
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("~"):
            readings = accepted.setdefault(line[1:], [])
        elif readings is not None and line.strip():
            readings.append(line)
    return {source: tuple(r) for source, r in accepted.items()}


def load_exceptions(path: Path = EXCEPTIONS_FILE) -> dict[str, Exception_]:
    """The named exceptions, by input (conventions under "@name"); lines are ``input<TAB>our reading<TAB>reason``.

    ``#`` starts a comment line.  Raises ValueError for a malformed line or an unknown convention.
    """
    out: dict[str, Exception_] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or not fields[0].strip() or not fields[2].strip():  # our reading may be empty
            raise ValueError(f"{path.name}:{number}: expected input<TAB>our reading<TAB>reason")
        source, ours, reason = fields
        if source.startswith("@") and source[1:] not in CONVENTIONS and source[1:] not in TEXT_CONVENTIONS:
            raise ValueError(f"{path.name}:{number}: unknown convention {source!r}")
        out[source] = Exception_(source, ours, reason)
    return out


def spoken_words(text: str) -> list[str]:
    """The words said, for comparison: lower case, hyphens and punctuation dropped, spelled letters joined.

    Letters spelled one by one compare equal to the same letters written together ("E S T" and "EST",
    "U S A" and "USA"), within a group (a comma, dash or other pause ends it: "T E, B" is "te b"; spaces, periods and
    quotes do not: "C. S." is "cs"): NeMo writes letters to be spelled together in capitals, we write them apart for
    espeak; both are said letter by letter.
    """
    joined: list[str] = []
    run = False  # whether the last word was a single spelled letter, with only spaces since
    text = text.lower().replace("_", " ")
    pos = 0
    for m in _WORD.finditer(text):
        w = m.group().strip("'")
        gap = text[pos : m.start()]
        pos = m.end()
        if not w:
            run = False
            continue
        letter = len(w) == 1 and w.isalpha()
        if letter and run and not gap.strip(" \t\n.\"'"):
            joined[-1] += w
        else:
            joined.append(w)
        run = letter
    return joined


def run_suite(
    cases: list[Case],
    exceptions: dict[str, Exception_],
    reader: Callable[[str], str] = lambda s: normalize(s).text,
) -> Report:
    """Read every case and sort it into matched, named exception or miss."""
    classes: dict[str, ClassResult] = {}
    stale: list[str] = []
    used: set[str] = set()
    conventions = [CONVENTIONS[name[1:]] for name in exceptions if name[1:] in CONVENTIONS and name[0] == "@"]
    text_conventions = [TEXT_CONVENTIONS[name[1:]] for name in exceptions if name[1:] in TEXT_CONVENTIONS]
    for case in cases:
        result = classes.setdefault(case.cls, ClassResult())
        result.total += 1
        ours = reader(case.source)
        words = spoken_words(ours)
        if any(words == spoken_words(e) for e in case.expected):
            result.matched += 1
            continue
        if (conventions or text_conventions) and any(
            _apply(conventions, words) == _apply(conventions, spoken_words(_apply_text(text_conventions, e)))
            for e in case.expected
        ):
            result.convention += 1
            continue
        named = exceptions.get(case.source)
        if named is not None and words == spoken_words(named.ours):
            result.excepted += 1
            used.add(case.source)
            continue
        if named is not None:
            stale.append(case.source)
        result.misses.append((case.source, ours, case.expected[0] if case.expected else ""))
    sources = {case.source for case in cases}
    unused = [name for name in exceptions if not name.startswith("@") and name in sources and name not in used]
    return Report(classes, stale, unused)


def _apply(conventions: list[Callable[[list[str]], list[str]]], words: list[str]) -> list[str]:
    for convention in conventions:
        words = convention(words)
    return words


def _apply_text(conventions: list[Callable[[str], str]], text: str) -> str:
    for convention in conventions:
        text = convention(text)
    return text


def format_report(report: Report) -> str:
    """Matches per class and overall, then every miss."""
    lines = [f"{'class':<26}{'cases':>6}{'match':>7}{'conv':>6}{'named':>7}{'miss':>6}{'match %':>9}{'+conv %':>9}"]
    rows = [(name, c.total, c.matched, c.convention, c.excepted, len(c.misses)) for name, c in report.classes.items()]
    rows.sort()
    rows.append(("overall", report.total, report.matched, report.convention, report.excepted, len(report.misses)))
    for name, total, matched, convention, excepted, missed in rows:
        share, with_conv = (100 * matched / total, 100 * (matched + convention) / total) if total else (0.0, 0.0)
        lines.append(
            f"{name:<26}{total:>6}{matched:>7}{convention:>6}{excepted:>7}{missed:>6}{share:>8.1f}%{with_conv:>8.1f}%"
        )
    for cls, source, ours, theirs in report.misses:
        lines.append(f"MISS [{cls}] {source!r}\n    ours: {ours!r}\n    nemo: {theirs!r}")
    for source in report.stale:
        lines.append(f"STALE exception (our reading changed): {source!r}")
    for source in report.unused:
        lines.append(f"UNUSED exception (the case now matches): {source!r}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """CLI: print the report for the folder given, or the one found; 2 when there is none."""
    directory = Path(argv[0]) if argv else suite_dir()
    if directory is None:
        sys.stderr.write(f"NeMo cases not found: set {ENV_VAR} or place them at {SHARED_DIR}\n")
        return 2
    report = run_suite(load_cases(directory), load_exceptions())
    sys.stdout.write(format_report(report) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
