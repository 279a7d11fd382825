"""Text normalization on adversarial pasted text, against plain prose of the same length in the same run.

Each input repeats one fragment to ~6,000 characters: long runs that a reader could rescan or backtrack over
(digit groups, masks, hex pairs, hyphen chains, Markdown marks, schedule forms). Two ratios per input:

* cost: its time over the time of plain call-center prose of the same length (how much dearer than words);
* growth: its time at twice the length over its time at this length (2.0 is linear; a reader that rescans
  what it already read shows about 4).

The assertions are on the ratios: growth under 3 (linear, with room for noise on a shared machine) and cost
under 12 (the dearest fragment, "*1" repeated, measured 6.2 on the 2-core CI machine). Absolute times are
printed, never asserted.
"""

from __future__ import annotations

import time

import pytest

from voice.text.normalize import normalize

LENGTH = 6_000
PROSE = "Thank you for calling. Your account is up to date, and we appreciate your business today. "
FRAGMENTS = {
    "digit pairs": "12 ",
    "spaced codes": "AB1 ",
    "stars": "* ",
    "spaced thousands": "1 000 ",
    "hex pairs": "0a:",
    "star digits": "*1",
    "hyphen chain": "8a-",
    "mask runs": "****4321 ",
    "bold marks": "**a ",
    "open brackets": "[",
    "list bullets": "- ",
    "tag openers": "<a ",
    "placeholders": "<first name ",  # never closed: each "<" looks ahead a bounded 40 characters
    "star emphasis": "*5 days ",  # a star before a digit whose pair never closes
    "address titles": "12 St. Marks Dr. W. ",
    "schedule forms": "Wed 3/5-3/7, hold time 05:32, APR 24.99%, Jan 5 - 7, 8a-5p PST/EST, BP 120/80. ",
    "bare dates and hours": "Due: 3/15 at 2pm, Sat & Sun 10-2, 9:00-3:30 PM PT / ET, 80/20, Tue 3/4 - 10:00 AM. ",
    "identifiers": "Confirmation 8472-1193, PIN: 4521, dial *67, card ****4321, 1-800-flowers x12. ",
    "code chains": "1-A",
    "hash codes": "Ref #A1-",
    "rates and modifiers": "a $25 fee, 8 tabs/24 hrs, 5'x8' rug, CVS #4412, $45/mo. plus ",
    "star groups": "***-",  # mask star groups: the emphasis search skips each pair without rescanning
    "review round 3": "Dr. Lee, MD, PhD, Settings > Wi-Fi, EWR→LAX, 0x1F, promo code SAVE20, 30K miles, 3 x Widget ",
}
GROWTH_LIMIT = 3.0
COST_LIMIT = 12.0


def _seconds(text: str, rounds: int = 3) -> float:
    """The fastest of `rounds` normalizations of `text`, in seconds (the least disturbed by other load)."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        normalize(text)
        best = min(best, time.perf_counter() - started)
    return best


def _repeat(fragment: str, length: int) -> str:
    return (fragment * (length // len(fragment) + 1))[:length]


@pytest.mark.parametrize("name", FRAGMENTS)
def test_normalize_cost_and_growth(benchmark, name: str) -> None:  # type: ignore[no-untyped-def]
    text = _repeat(FRAGMENTS[name], LENGTH)
    benchmark.pedantic(normalize, args=(text,), rounds=3, iterations=1, warmup_rounds=1)
    ours = _seconds(text)
    prose = _seconds(_repeat(PROSE, LENGTH))
    doubled = _seconds(_repeat(FRAGMENTS[name], 2 * LENGTH))
    cost, growth = ours / prose, doubled / ours
    benchmark.extra_info.update({"ms": 1000 * ours, "prose_ms": 1000 * prose, "cost": cost, "growth": growth})
    print(f"\n{name:18} {1000 * ours:7.1f} ms  (prose {1000 * prose:5.1f} ms)  cost {cost:5.2f}  growth {growth:4.2f}")
    assert growth < GROWTH_LIMIT, f"{name}: twice the text took {growth:.1f} times as long (not linear)"
    assert cost < COST_LIMIT, f"{name}: {cost:.1f} times the cost of prose"


def test_front_end_growth_on_an_unpunctuated_run(benchmark) -> None:  # type: ignore[no-untyped-def]
    """The whole front end (espeak clauses and word alignment) on one unpunctuated clause, at two lengths.

    espeak fuses short words ("I am", "of the"), so the words are aligned with its phoneme words by sound
    (voice.text.align); a search over the whole clause once took 2.2 s for 2,000 characters. Growth < 3: linear.
    """
    from voice.engine.voices import packaged_default_voice  # noqa: PLC0415
    from voice.text import Phonemizer  # noqa: PLC0415
    from voice.text.frontend import TextFrontend  # noqa: PLC0415

    voice = packaged_default_voice()
    assert voice is not None
    frontend = TextFrontend(Phonemizer(voice.config.espeak_voice, voice.config.phoneme_id_map))
    fragment = "I am going to check on that for you and it is a test of the system we have got a lot of them "
    text = _repeat(fragment, 2_000)

    def seconds(source: str) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            frontend.script(source)
            best = min(best, time.perf_counter() - started)
        return best

    benchmark.pedantic(frontend.script, args=(text,), rounds=3, iterations=1, warmup_rounds=1)
    ours, doubled = seconds(text), seconds(_repeat(fragment, 4_000))
    benchmark.extra_info.update({"ms": 1000 * ours, "growth": doubled / ours})
    print(f"\nfront end, 2,000 characters unpunctuated: {1000 * ours:.1f} ms, growth {doubled / ours:.2f}")
    assert doubled / ours < GROWTH_LIMIT
