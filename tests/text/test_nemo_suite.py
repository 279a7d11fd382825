"""NeMo's English normalization cases as a test: every case matches or is named in tests/data/nemo_exceptions.tsv.

The cases are not in this repository (see tests/text/nemo_suite.py for where they are looked for); without
them the suite test is skipped, and only the runner's own tests below run.

The issue asked for 90% outright matches.  Measured at NVIDIA/NeMo-text-processing 1f12635 (509 cases):
76.8% outright, 86.2% with the three named conventions (no "and" inside numbers, "and" before cents, no web
scheme).  The rest differ on purpose, case by case, as the exceptions file says.  The floors below are those
measurements, so that a change that loses a match fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.text.nemo_suite import (
    CONVENTIONS,
    ENV_VAR,
    EXCEPTIONS_FILE,
    SHARED_DIR,
    Case,
    format_report,
    load_cases,
    load_exceptions,
    run_suite,
    spoken_words,
    suite_dir,
)

OUTRIGHT_FLOOR = 0.765
WITH_CONVENTIONS_FLOOR = 0.86


def test_nemo_cases_match_or_are_named_exceptions() -> None:
    directory = suite_dir()
    if directory is None:
        pytest.skip(f"NeMo's English TN cases are not here: set {ENV_VAR} or place them at {SHARED_DIR}")
    report = run_suite(load_cases(directory), load_exceptions())
    assert report.total >= 400, f"only {report.total} cases found in {directory}"
    assert not report.misses and not report.stale, format_report(report)
    assert report.matched / report.total >= OUTRIGHT_FLOOR, format_report(report)
    assert (report.matched + report.convention) / report.total >= WITH_CONVENTIONS_FLOOR, format_report(report)


def test_exceptions_file_is_well_formed_and_names_only_known_conventions() -> None:
    exceptions = load_exceptions()
    conventions = {name for name in exceptions if name.startswith("@")}
    assert conventions == {"@" + name for name in CONVENTIONS}
    assert all(e.reason.strip() for e in exceptions.values())
    assert len(exceptions) <= 80, "keep the exceptions file short"


def test_a_malformed_exception_line_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("only one field\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.tsv:1"):
        load_exceptions(bad)
    bad.write_text("@no-such-rule\t-\twhy\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown convention"):
        load_exceptions(bad)


def test_spoken_words_ignore_case_hyphens_punctuation_and_join_spelled_letters() -> None:
    assert spoken_words("Twenty-eight, E S T.") == ["twenty", "eight", "est"]
    assert spoken_words("twenty eight EST") == ["twenty", "eight", "est"]
    assert spoken_words("U S A and a cat") == ["usa", "and", "a", "cat"]


def test_runner_sorts_cases_into_match_convention_named_and_miss(tmp_path: Path) -> None:
    (tmp_path / "test_cases_demo.txt").write_text(
        "$105~one hundred and five dollars\n7~seven\n1th~one th\n3 < 5~three five\n2x~two x~two times",
        encoding="utf-8",
    )
    (tmp_path / "test_cases_normalize_with_audio.txt").write_text("~1\none\n", encoding="utf-8")
    cases = load_cases(tmp_path)
    assert [c.source for c in cases] == ["$105", "7", "1th", "3 < 5", "2x"]
    assert cases[-1] == Case("demo", "2x", ("two x", "two times"))
    exceptions = load_exceptions(EXCEPTIONS_FILE)
    report = run_suite(cases, exceptions)
    demo = report.classes["demo"]
    assert (demo.matched, demo.convention, demo.excepted) == (2, 1, 1)
    assert demo.misses == [("3 < 5", "three less than five", "three five")]


def test_a_named_case_whose_reading_changed_is_reported_stale(tmp_path: Path) -> None:
    (tmp_path / "test_cases_demo.txt").write_text("1th~one th\n", encoding="utf-8")
    exceptions = load_exceptions(EXCEPTIONS_FILE)
    report = run_suite(load_cases(tmp_path), exceptions, reader=lambda s: "first one")
    assert report.stale == ["1th"] and report.misses


def test_the_suite_is_found_by_env_var_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tests.text.nemo_suite as suite  # noqa: PLC0415

    monkeypatch.setattr(suite, "SHARED_DIR", tmp_path / "absent")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "also-absent"))
    assert suite.suite_dir() is None
    (tmp_path / "test_cases_x.txt").write_text("1~one\n", encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    assert suite.suite_dir() == tmp_path
