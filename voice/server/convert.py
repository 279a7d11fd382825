"""The one place that converts between protobuf messages and domain objects."""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence

from voice.audio import AudioEncoding
from voice.engine import AudioChunk, InvalidRequest, SynthesisRequest, VoiceFiles
from voice.text.lexicon import Lexicon, LexiconEntry
from voice.v1 import synthesizer_pb2 as pb

MAX_LEXICON_ENTRIES = 10_000
_ENCODING_FROM_PB = {
    pb.AUDIO_ENCODING_UNSPECIFIED: AudioEncoding.LINEAR16,
    pb.AUDIO_ENCODING_LINEAR16: AudioEncoding.LINEAR16,
    pb.AUDIO_ENCODING_MULAW: AudioEncoding.MULAW,
    pb.AUDIO_ENCODING_ALAW: AudioEncoding.ALAW,
}
_ENCODING_TO_PB = {
    AudioEncoding.LINEAR16: pb.AUDIO_ENCODING_LINEAR16,
    AudioEncoding.MULAW: pb.AUDIO_ENCODING_MULAW,
    AudioEncoding.ALAW: pb.AUDIO_ENCODING_ALAW,
}


def synthesis_request(message: pb.SynthesizeRequest, received_at: float) -> SynthesisRequest:
    """Domain request from the wire message; raises InvalidRequest for values the proto can't rule out."""
    encoding = _ENCODING_FROM_PB.get(message.encoding)
    if encoding is None:
        known = ", ".join(f"{pb.AudioEncoding.Name(v)} ({v})" for v in pb.AudioEncoding.values())
        raise InvalidRequest(f"encoding {message.encoding} is not one of {known}")
    if message.sample_rate_hz < 0:
        raise InvalidRequest(f"sample_rate_hz {message.sample_rate_hz} is negative (0 = the voice's rate)")
    speaking_rate = message.speaking_rate
    if math.isnan(speaking_rate) or speaking_rate < 0:
        raise InvalidRequest(f"speaking_rate {speaking_rate} is not a positive number (0 = 1.0)")
    return SynthesisRequest(
        word_timings=message.enable_word_timings,
        lexicon=_lexicon(message.lexicon),
        text=message.text,
        voice=message.voice or None,
        encoding=encoding,
        sample_rate_hz=message.sample_rate_hz or None,
        speaking_rate=speaking_rate or None,
        request_id=message.request_id or uuid.uuid4().hex,
        received_at=received_at,
    )


def _lexicon(entries: Sequence[pb.LexiconEntry]) -> Lexicon | None:
    if not entries:
        return None
    if len(entries) > MAX_LEXICON_ENTRIES:
        raise InvalidRequest(f"lexicon has {len(entries)} entries; the limit is {MAX_LEXICON_ENTRIES}")
    try:
        return Lexicon(
            LexiconEntry(word=e.word, phonemes=e.phonemes or None, replacement=e.replacement or None) for e in entries
        )
    except ValueError as error:
        raise InvalidRequest(f"lexicon: {error}") from error


def synthesize_response(chunk: AudioChunk, sequence_number: int, request_id: str) -> pb.SynthesizeResponse:
    """Wire message for one chunk of a stream."""
    response = pb.SynthesizeResponse(
        audio=chunk.audio,
        format=pb.AudioFormat(
            encoding=_ENCODING_TO_PB[chunk.encoding], sample_rate_hz=chunk.sample_rate_hz, channels=1
        ),
        sequence_number=sequence_number,
        request_id=request_id,
        offset_seconds=chunk.offset_seconds,
        is_final=chunk.is_final,
        words=[
            pb.WordTiming(
                word=w.word,
                start_ms=round(w.start_seconds * 1000),
                end_ms=round(w.end_seconds * 1000),
                source_start=w.source_start,
                source_end=w.source_end,
            )
            for w in chunk.words
        ],
    )
    if chunk.summary is not None:
        summary = chunk.summary
        response.summary.CopyFrom(
            pb.SynthesisSummary(
                spoken_text=summary.spoken_text,
                audio_seconds=summary.audio_seconds,
                time_to_first_audio_seconds=summary.time_to_first_audio_seconds,
                total_seconds=summary.total_seconds,
                real_time_factor=summary.real_time_factor,
                sentences=summary.sentences,
            )
        )
    return response


def voice_message(voice: VoiceFiles) -> pb.Voice:
    """Wire description of a voice."""
    return pb.Voice(
        name=voice.name,
        language_code=voice.config.language_code,
        native_sample_rate_hz=voice.config.sample_rate_hz,
        is_default=voice.is_default,
        quality=voice.config.quality,
        num_speakers=voice.config.num_speakers,
    )
