"""The one place that converts between Riva TTS messages and domain objects.

The messages are those `nvidia-riva-client` 2.28.0 ships (`riva.client.proto`), imported here and in
voice/server/riva.py only. Riva's clients name a voice `voice_name + "." + subvoice`, as listed by
GetRivaSynthesisConfig; every voice here has one subvoice, `SUBVOICE`, which is the voice's own speaker.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from riva.client.proto import riva_audio_pb2 as riva_audio
from riva.client.proto import riva_tts_pb2 as rtts

from voice.audio import AudioEncoding
from voice.engine import InvalidRequest, SynthesisRequest, VoiceCatalog, VoiceFiles, VoiceNotFound, WordTiming
from voice.text.lexicon import Lexicon, LexiconEntry

RIVA_SERVICE_NAME = rtts.DESCRIPTOR.services_by_name["RivaSpeechSynthesis"].full_name
# Riva clients (Pipecat's among them) list voices before they authenticate anything: an authentication layer
# must let this method through without credentials.
RIVA_CONFIG_METHOD = f"/{RIVA_SERVICE_NAME}/GetRivaSynthesisConfig"
SUBVOICE = "default"  # the one speaker of each voice, as Riva's `subvoices` parameter lists it
MAX_DICTIONARY_ENTRIES = 10_000
_DICTIONARY_SEPARATOR = "  "  # Riva's custom_dictionary: "grapheme  IPA" (two spaces), entries joined by commas
_ENCODINGS = {
    riva_audio.ENCODING_UNSPECIFIED: AudioEncoding.LINEAR16,
    riva_audio.LINEAR_PCM: AudioEncoding.LINEAR16,
    riva_audio.MULAW: AudioEncoding.MULAW,
    riva_audio.ALAW: AudioEncoding.ALAW,
    riva_audio.OGGOPUS: AudioEncoding.OGG_OPUS,
}


def riva_language(code: str) -> str:
    """A voice's language in Riva's form, BCP 47 with a hyphen: "en_US" -> "en-US"."""
    return code.replace("_", "-")


def _language_key(code: str) -> str:
    return code.replace("_", "-").strip().lower()


def riva_voice_name(voice: VoiceFiles) -> str:
    """The full name a Riva client builds for a voice: `voice_name.subvoice`."""
    return f"{voice.name}.{SUBVOICE}"


def _voice_list(catalog: VoiceCatalog) -> str:
    return ", ".join(f"{riva_voice_name(v)} ({riva_language(v.config.language_code)})" for v in catalog)


def resolve_voice(catalog: VoiceCatalog, voice_name: str, language_code: str) -> str:
    """Our voice name for Riva's `voice_name` and `language_code`; raises VoiceNotFound listing the voices.

    `voice_name` may be ours ("en_US-joe-medium") or Riva's dotted form ("en_US-joe-medium.default"). An empty
    `voice_name` picks the first voice (default first) of `language_code`, matched exactly ("en-US" = "en_US")
    or else by language alone ("en-GB" finds an "en_US" voice); with no language either, the default voice.
    """
    names = {voice.name for voice in catalog}
    if voice_name:
        if voice_name in names:
            return voice_name
        base, _, subvoice = voice_name.rpartition(".")
        if base in names and subvoice.lower() == SUBVOICE:
            return base
        raise VoiceNotFound(f"unknown voice {voice_name!r}; available voices: {_voice_list(catalog)}")
    if not language_code.strip():
        return catalog.default_name
    wanted = _language_key(language_code)
    voices = list(catalog)
    for same in (
        lambda v: _language_key(v.config.language_code) == wanted,
        lambda v: _language_key(v.config.language_code).split("-")[0] == wanted.split("-")[0],
    ):
        match = next((v for v in voices if same(v)), None)
        if match is not None:
            return match.name
    raise VoiceNotFound(f"no voice speaks {language_code!r}; available voices: {_voice_list(catalog)}")


def parse_custom_dictionary(text: str) -> Lexicon | None:
    """Riva's `custom_dictionary` ("grapheme  IPA" entries joined by commas) as a Lexicon; None when empty.

    Raises InvalidRequest naming the entry that has no two-space separator or that the lexicon refuses.
    """
    entries = []
    for raw in text.split(","):
        entry = raw.strip()
        if not entry:
            continue
        word, separator, ipa = entry.partition(_DICTIONARY_SEPARATOR)
        if not separator or not word.strip() or not ipa.strip():
            raise InvalidRequest(f"custom_dictionary entry {entry!r} is not 'grapheme  phonemes' (two spaces)")
        entries.append(LexiconEntry(word=word.strip(), phonemes=ipa.strip()))
    if not entries:
        return None
    if len(entries) > MAX_DICTIONARY_ENTRIES:
        raise InvalidRequest(f"custom_dictionary has {len(entries)} entries; the limit is {MAX_DICTIONARY_ENTRIES}")
    try:
        return Lexicon(entries)
    except ValueError as error:
        raise InvalidRequest(f"custom_dictionary: {error}") from error


def synthesis_request(
    message: rtts.SynthesizeSpeechRequest, catalog: VoiceCatalog, received_at: float
) -> SynthesisRequest:
    """Domain request from a Riva request; raises InvalidRequest or VoiceNotFound.

    `zero_shot_data` (voice cloning from a prompt) is refused; `custom_configuration` is the caller's to check.
    `sample_rate_hz` 0 means the voice's rate; the engine checks the 8,000..48,000 Hz range.
    """
    if message.HasField("zero_shot_data"):
        raise InvalidRequest("zero_shot_data is not supported: these voices cannot be cloned from an audio prompt")
    encoding = _ENCODINGS.get(message.encoding)
    if encoding is None:
        known = ", ".join(riva_audio.AudioEncoding.Name(value) for value in _ENCODINGS if value)
        names = dict(riva_audio.AudioEncoding.items())
        name = next((key for key, value in names.items() if value == message.encoding), str(message.encoding))
        raise InvalidRequest(f"encoding {name} is not supported; use one of {known}")
    if message.sample_rate_hz < 0:
        raise InvalidRequest(f"sample_rate_hz {message.sample_rate_hz} is negative (0 = the voice's rate)")
    return SynthesisRequest(
        text=message.text,
        voice=resolve_voice(catalog, message.voice_name, message.language_code),
        encoding=encoding,
        sample_rate_hz=message.sample_rate_hz or None,
        request_id=message.id.value or uuid.uuid4().hex,
        word_timings=message.enable_word_time_offsets,
        lexicon=parse_custom_dictionary(message.custom_dictionary),
        received_at=received_at,
    )


def word_timings(words: Iterable[WordTiming], offset_seconds: float = 0.0) -> list[rtts.WordTiming]:
    """Riva word timings (milliseconds, from the start of the call's audio), shifted by `offset_seconds`."""
    return [
        rtts.WordTiming(
            word=w.word,
            start_time=round((w.start_seconds + offset_seconds) * 1000),
            end_time=round((w.end_seconds + offset_seconds) * 1000),
        )
        for w in words
    ]


def config_response(catalog: VoiceCatalog, model_name: str) -> rtts.RivaSynthesisConfigResponse:
    """One model_config per voice (only `model_name`'s when set), with Riva's parameters.

    Riva clients read `language_code`, `voice_name` and `subvoices` ("name:speaker id", comma-separated) and
    fail on a missing key; the rest describe the voice.
    """
    response = rtts.RivaSynthesisConfigResponse()
    for voice in catalog:
        if model_name and model_name not in (voice.name, riva_voice_name(voice)):
            continue
        config = response.model_config.add()
        config.model_name = voice.name
        config.parameters.update(
            {
                "language_code": riva_language(voice.config.language_code),
                "voice_name": voice.name,
                "subvoices": f"{SUBVOICE}:0",
                "sample_rate_hz": str(voice.config.sample_rate_hz),
                "quality": voice.config.quality,
                "is_default": str(voice.is_default).lower(),
            }
        )
    return response
