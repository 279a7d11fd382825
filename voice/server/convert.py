"""The one place that converts between protobuf messages and domain objects."""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence

from voice.audio import AudioEncoding
from voice.engine import AudioChunk, InvalidRequest, SynthesisRequest, SynthesisSummary, VoiceFiles
from voice.text.lexicon import Lexicon, LexiconEntry
from voice.v1 import synthesizer_pb2 as pb

MAX_LEXICON_ENTRIES = 10_000
_ENCODING_FROM_PB = {
    pb.AUDIO_ENCODING_UNSPECIFIED: AudioEncoding.LINEAR16,
    pb.AUDIO_ENCODING_LINEAR16: AudioEncoding.LINEAR16,
    pb.AUDIO_ENCODING_MULAW: AudioEncoding.MULAW,
    pb.AUDIO_ENCODING_ALAW: AudioEncoding.ALAW,
    pb.AUDIO_ENCODING_OGG_OPUS: AudioEncoding.OGG_OPUS,
}
_ENCODING_TO_PB = {
    AudioEncoding.LINEAR16: pb.AUDIO_ENCODING_LINEAR16,
    AudioEncoding.MULAW: pb.AUDIO_ENCODING_MULAW,
    AudioEncoding.ALAW: pb.AUDIO_ENCODING_ALAW,
    AudioEncoding.OGG_OPUS: pb.AUDIO_ENCODING_OGG_OPUS,
}


def synthesis_request(message: pb.SynthesizeRequest | pb.StreamConfig, received_at: float) -> SynthesisRequest:
    """Domain request from the wire message; raises InvalidRequest for values the proto can't rule out.

    From a StreamConfig the text is empty: a SynthesizeStream context's text streams in as pieces.
    """
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
        text=message.text if isinstance(message, pb.SynthesizeRequest) else "",
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
        format=audio_format(chunk),
        sequence_number=sequence_number,
        request_id=request_id,
        offset_seconds=chunk.offset_seconds,
        is_final=chunk.is_final,
        words=_words(chunk),
        marks=_marks(chunk),
    )
    if chunk.summary is not None:
        response.summary.CopyFrom(_summary(chunk.summary))
    return response


def stream_response(
    chunk: AudioChunk, context_id: str, sequence_number: int, request_id: str
) -> pb.SynthesizeStreamResponse:
    """Wire message for one chunk of a SynthesizeStream context."""
    response = pb.SynthesizeStreamResponse(
        context_id=context_id,
        request_id=request_id,
        audio=chunk.audio,
        format=audio_format(chunk),
        sequence_number=sequence_number,
        offset_seconds=chunk.offset_seconds,
        words=_words(chunk),
        marks=_marks(chunk),
        is_final=chunk.is_final,
    )
    if chunk.summary is not None:
        response.summary.CopyFrom(_summary(chunk.summary))
    return response


def audio_format(chunk: AudioChunk) -> pb.AudioFormat:
    """The wire format of a chunk's audio."""
    return pb.AudioFormat(encoding=_ENCODING_TO_PB[chunk.encoding], sample_rate_hz=chunk.sample_rate_hz, channels=1)


def _words(chunk: AudioChunk) -> list[pb.WordTiming]:
    return [
        pb.WordTiming(
            word=w.word,
            start_ms=round(w.start_seconds * 1000),
            end_ms=round(w.end_seconds * 1000),
            source_start=w.source_start,
            source_end=w.source_end,
        )
        for w in chunk.words
    ]


def _marks(chunk: AudioChunk) -> list[pb.MarkEvent]:
    return [pb.MarkEvent(name=m.name, offset_seconds=m.offset_seconds) for m in chunk.marks]


def _summary(summary: SynthesisSummary) -> pb.SynthesisSummary:
    return pb.SynthesisSummary(
        spoken_text=summary.spoken_text,
        audio_seconds=summary.audio_seconds,
        time_to_first_audio_seconds=summary.time_to_first_audio_seconds,
        total_seconds=summary.total_seconds,
        real_time_factor=summary.real_time_factor,
        sentences=summary.sentences,
    )


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
