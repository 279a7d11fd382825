"""What people paste, through a real server with the real voice: readings, list lines and paragraph pauses."""

from __future__ import annotations

import pytest

from tests.conftest import silent_run_seconds, synthesize
from voice.text.blocks import PARAGRAPH_PAUSE_S
from voice.v1 import synthesizer_pb2_grpc as pb_grpc

pytestmark = pytest.mark.slow

PASTED = [
    ("Act Ⅳ, Scene Ⅸ", "Act four, Scene nine"),
    ("Q&A: is 3 < 5?", "Q and A: is three less than five?"),
    ("Your account no. is 00417.", "Your account number is zero zero four one seven."),
    ("The ratio is 3:1.", "The ratio is three to one."),
    (
        "Ship to 1428 Elm St, Austin, TX 78701.",
        "Ship to fourteen twenty-eight Elm Street, Austin, Texas seven eight seven zero one.",
    ),
    (
        "Due july 25 2026, SSN 078-05-1120.",
        "Due July twenty-fifth, twenty twenty-six, SSN zero seven eight, zero five, one one two zero.",
    ),
    ("Open 4:00 am - 8:12 pm e.s.t", "Open four AM to eight twelve PM E S T"),
    (
        "It is 12KG and 41,459.00 km³.",
        "It is twelve kilograms and forty-one thousand four hundred fifty-nine point zero zero cubic kilometers.",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PASTED, ids=[t[:20] for t, _ in PASTED])
def test_pasted_text_is_read_as_a_person_reads_it(stub: pb_grpc.SynthesizerStub, text: str, expected: str) -> None:
    stream = synthesize(stub, text=text, enable_word_timings=True)
    assert stream.final.summary.spoken_text == expected
    assert stream.seconds > 1
    words = [w for r in stream.responses for w in r.words]
    assert words, "word timings come back"


def test_a_pasted_list_is_spoken_item_by_item(det_stub: pb_grpc.SynthesizerStub) -> None:
    listed = synthesize(det_stub, text="There are four options:\nBilling\nRepairs\nSales\nOther")
    run_on = synthesize(det_stub, text="There are four options: Billing Repairs Sales Other")
    assert listed.final.summary.spoken_text == "There are four options: Billing. Repairs. Sales. Other"
    assert listed.seconds > run_on.seconds + 0.3  # a pause after every item


def test_a_blank_line_is_a_paragraph_pause_in_the_audio(det_stub: pb_grpc.SynthesizerStub) -> None:
    one = synthesize(det_stub, text="Thank you for calling. Goodbye now.")
    two = synthesize(det_stub, text="Thank you for calling.\n\nGoodbye now.")
    assert two.seconds - one.seconds == pytest.approx(PARAGRAPH_PAUSE_S, abs=0.05)
    assert silent_run_seconds(two.samples(), two.sample_rate) >= PARAGRAPH_PAUSE_S
