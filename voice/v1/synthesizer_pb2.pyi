from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AudioEncoding(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AUDIO_ENCODING_UNSPECIFIED: _ClassVar[AudioEncoding]
    AUDIO_ENCODING_LINEAR16: _ClassVar[AudioEncoding]
    AUDIO_ENCODING_MULAW: _ClassVar[AudioEncoding]
    AUDIO_ENCODING_ALAW: _ClassVar[AudioEncoding]
    AUDIO_ENCODING_OGG_OPUS: _ClassVar[AudioEncoding]
AUDIO_ENCODING_UNSPECIFIED: AudioEncoding
AUDIO_ENCODING_LINEAR16: AudioEncoding
AUDIO_ENCODING_MULAW: AudioEncoding
AUDIO_ENCODING_ALAW: AudioEncoding
AUDIO_ENCODING_OGG_OPUS: AudioEncoding

class SynthesizeRequest(_message.Message):
    __slots__ = ("text", "voice", "encoding", "sample_rate_hz", "speaking_rate", "request_id", "enable_word_timings", "lexicon")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    VOICE_FIELD_NUMBER: _ClassVar[int]
    ENCODING_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_RATE_HZ_FIELD_NUMBER: _ClassVar[int]
    SPEAKING_RATE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ENABLE_WORD_TIMINGS_FIELD_NUMBER: _ClassVar[int]
    LEXICON_FIELD_NUMBER: _ClassVar[int]
    text: str
    voice: str
    encoding: AudioEncoding
    sample_rate_hz: int
    speaking_rate: float
    request_id: str
    enable_word_timings: bool
    lexicon: _containers.RepeatedCompositeFieldContainer[LexiconEntry]
    def __init__(self, text: _Optional[str] = ..., voice: _Optional[str] = ..., encoding: _Optional[_Union[AudioEncoding, str]] = ..., sample_rate_hz: _Optional[int] = ..., speaking_rate: _Optional[float] = ..., request_id: _Optional[str] = ..., enable_word_timings: _Optional[bool] = ..., lexicon: _Optional[_Iterable[_Union[LexiconEntry, _Mapping]]] = ...) -> None: ...

class LexiconEntry(_message.Message):
    __slots__ = ("word", "phonemes", "replacement")
    WORD_FIELD_NUMBER: _ClassVar[int]
    PHONEMES_FIELD_NUMBER: _ClassVar[int]
    REPLACEMENT_FIELD_NUMBER: _ClassVar[int]
    word: str
    phonemes: str
    replacement: str
    def __init__(self, word: _Optional[str] = ..., phonemes: _Optional[str] = ..., replacement: _Optional[str] = ...) -> None: ...

class WordTiming(_message.Message):
    __slots__ = ("word", "start_ms", "end_ms", "source_start", "source_end")
    WORD_FIELD_NUMBER: _ClassVar[int]
    START_MS_FIELD_NUMBER: _ClassVar[int]
    END_MS_FIELD_NUMBER: _ClassVar[int]
    SOURCE_START_FIELD_NUMBER: _ClassVar[int]
    SOURCE_END_FIELD_NUMBER: _ClassVar[int]
    word: str
    start_ms: int
    end_ms: int
    source_start: int
    source_end: int
    def __init__(self, word: _Optional[str] = ..., start_ms: _Optional[int] = ..., end_ms: _Optional[int] = ..., source_start: _Optional[int] = ..., source_end: _Optional[int] = ...) -> None: ...

class AudioFormat(_message.Message):
    __slots__ = ("encoding", "sample_rate_hz", "channels")
    ENCODING_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_RATE_HZ_FIELD_NUMBER: _ClassVar[int]
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    encoding: AudioEncoding
    sample_rate_hz: int
    channels: int
    def __init__(self, encoding: _Optional[_Union[AudioEncoding, str]] = ..., sample_rate_hz: _Optional[int] = ..., channels: _Optional[int] = ...) -> None: ...

class SynthesisSummary(_message.Message):
    __slots__ = ("spoken_text", "audio_seconds", "time_to_first_audio_seconds", "total_seconds", "real_time_factor", "sentences")
    SPOKEN_TEXT_FIELD_NUMBER: _ClassVar[int]
    AUDIO_SECONDS_FIELD_NUMBER: _ClassVar[int]
    TIME_TO_FIRST_AUDIO_SECONDS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SECONDS_FIELD_NUMBER: _ClassVar[int]
    REAL_TIME_FACTOR_FIELD_NUMBER: _ClassVar[int]
    SENTENCES_FIELD_NUMBER: _ClassVar[int]
    spoken_text: str
    audio_seconds: float
    time_to_first_audio_seconds: float
    total_seconds: float
    real_time_factor: float
    sentences: int
    def __init__(self, spoken_text: _Optional[str] = ..., audio_seconds: _Optional[float] = ..., time_to_first_audio_seconds: _Optional[float] = ..., total_seconds: _Optional[float] = ..., real_time_factor: _Optional[float] = ..., sentences: _Optional[int] = ...) -> None: ...

class SynthesizeResponse(_message.Message):
    __slots__ = ("audio", "format", "sequence_number", "request_id", "offset_seconds", "is_final", "summary", "words", "marks")
    AUDIO_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    OFFSET_SECONDS_FIELD_NUMBER: _ClassVar[int]
    IS_FINAL_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    WORDS_FIELD_NUMBER: _ClassVar[int]
    MARKS_FIELD_NUMBER: _ClassVar[int]
    audio: bytes
    format: AudioFormat
    sequence_number: int
    request_id: str
    offset_seconds: float
    is_final: bool
    summary: SynthesisSummary
    words: _containers.RepeatedCompositeFieldContainer[WordTiming]
    marks: _containers.RepeatedCompositeFieldContainer[MarkEvent]
    def __init__(self, audio: _Optional[bytes] = ..., format: _Optional[_Union[AudioFormat, _Mapping]] = ..., sequence_number: _Optional[int] = ..., request_id: _Optional[str] = ..., offset_seconds: _Optional[float] = ..., is_final: _Optional[bool] = ..., summary: _Optional[_Union[SynthesisSummary, _Mapping]] = ..., words: _Optional[_Iterable[_Union[WordTiming, _Mapping]]] = ..., marks: _Optional[_Iterable[_Union[MarkEvent, _Mapping]]] = ...) -> None: ...

class MarkEvent(_message.Message):
    __slots__ = ("name", "offset_seconds")
    NAME_FIELD_NUMBER: _ClassVar[int]
    OFFSET_SECONDS_FIELD_NUMBER: _ClassVar[int]
    name: str
    offset_seconds: float
    def __init__(self, name: _Optional[str] = ..., offset_seconds: _Optional[float] = ...) -> None: ...

class StreamConfig(_message.Message):
    __slots__ = ("voice", "encoding", "sample_rate_hz", "speaking_rate", "enable_word_timings", "lexicon", "request_id")
    VOICE_FIELD_NUMBER: _ClassVar[int]
    ENCODING_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_RATE_HZ_FIELD_NUMBER: _ClassVar[int]
    SPEAKING_RATE_FIELD_NUMBER: _ClassVar[int]
    ENABLE_WORD_TIMINGS_FIELD_NUMBER: _ClassVar[int]
    LEXICON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    voice: str
    encoding: AudioEncoding
    sample_rate_hz: int
    speaking_rate: float
    enable_word_timings: bool
    lexicon: _containers.RepeatedCompositeFieldContainer[LexiconEntry]
    request_id: str
    def __init__(self, voice: _Optional[str] = ..., encoding: _Optional[_Union[AudioEncoding, str]] = ..., sample_rate_hz: _Optional[int] = ..., speaking_rate: _Optional[float] = ..., enable_word_timings: _Optional[bool] = ..., lexicon: _Optional[_Iterable[_Union[LexiconEntry, _Mapping]]] = ..., request_id: _Optional[str] = ...) -> None: ...

class TextInput(_message.Message):
    __slots__ = ("context_id", "text", "flush")
    CONTEXT_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    FLUSH_FIELD_NUMBER: _ClassVar[int]
    context_id: str
    text: str
    flush: bool
    def __init__(self, context_id: _Optional[str] = ..., text: _Optional[str] = ..., flush: _Optional[bool] = ...) -> None: ...

class CloseContext(_message.Message):
    __slots__ = ("context_id",)
    CONTEXT_ID_FIELD_NUMBER: _ClassVar[int]
    context_id: str
    def __init__(self, context_id: _Optional[str] = ...) -> None: ...

class CancelContext(_message.Message):
    __slots__ = ("context_id",)
    CONTEXT_ID_FIELD_NUMBER: _ClassVar[int]
    context_id: str
    def __init__(self, context_id: _Optional[str] = ...) -> None: ...

class SynthesizeStreamRequest(_message.Message):
    __slots__ = ("config", "text", "close", "cancel")
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    CLOSE_FIELD_NUMBER: _ClassVar[int]
    CANCEL_FIELD_NUMBER: _ClassVar[int]
    config: StreamConfig
    text: TextInput
    close: CloseContext
    cancel: CancelContext
    def __init__(self, config: _Optional[_Union[StreamConfig, _Mapping]] = ..., text: _Optional[_Union[TextInput, _Mapping]] = ..., close: _Optional[_Union[CloseContext, _Mapping]] = ..., cancel: _Optional[_Union[CancelContext, _Mapping]] = ...) -> None: ...

class SynthesizeStreamResponse(_message.Message):
    __slots__ = ("context_id", "request_id", "audio", "format", "sequence_number", "offset_seconds", "words", "marks", "is_final", "cancelled", "summary")
    CONTEXT_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    AUDIO_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    OFFSET_SECONDS_FIELD_NUMBER: _ClassVar[int]
    WORDS_FIELD_NUMBER: _ClassVar[int]
    MARKS_FIELD_NUMBER: _ClassVar[int]
    IS_FINAL_FIELD_NUMBER: _ClassVar[int]
    CANCELLED_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    context_id: str
    request_id: str
    audio: bytes
    format: AudioFormat
    sequence_number: int
    offset_seconds: float
    words: _containers.RepeatedCompositeFieldContainer[WordTiming]
    marks: _containers.RepeatedCompositeFieldContainer[MarkEvent]
    is_final: bool
    cancelled: bool
    summary: SynthesisSummary
    def __init__(self, context_id: _Optional[str] = ..., request_id: _Optional[str] = ..., audio: _Optional[bytes] = ..., format: _Optional[_Union[AudioFormat, _Mapping]] = ..., sequence_number: _Optional[int] = ..., offset_seconds: _Optional[float] = ..., words: _Optional[_Iterable[_Union[WordTiming, _Mapping]]] = ..., marks: _Optional[_Iterable[_Union[MarkEvent, _Mapping]]] = ..., is_final: _Optional[bool] = ..., cancelled: _Optional[bool] = ..., summary: _Optional[_Union[SynthesisSummary, _Mapping]] = ...) -> None: ...

class ListVoicesRequest(_message.Message):
    __slots__ = ("language_code",)
    LANGUAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    language_code: str
    def __init__(self, language_code: _Optional[str] = ...) -> None: ...

class Voice(_message.Message):
    __slots__ = ("name", "language_code", "native_sample_rate_hz", "is_default", "quality", "num_speakers")
    NAME_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    NATIVE_SAMPLE_RATE_HZ_FIELD_NUMBER: _ClassVar[int]
    IS_DEFAULT_FIELD_NUMBER: _ClassVar[int]
    QUALITY_FIELD_NUMBER: _ClassVar[int]
    NUM_SPEAKERS_FIELD_NUMBER: _ClassVar[int]
    name: str
    language_code: str
    native_sample_rate_hz: int
    is_default: bool
    quality: str
    num_speakers: int
    def __init__(self, name: _Optional[str] = ..., language_code: _Optional[str] = ..., native_sample_rate_hz: _Optional[int] = ..., is_default: _Optional[bool] = ..., quality: _Optional[str] = ..., num_speakers: _Optional[int] = ...) -> None: ...

class ListVoicesResponse(_message.Message):
    __slots__ = ("voices",)
    VOICES_FIELD_NUMBER: _ClassVar[int]
    voices: _containers.RepeatedCompositeFieldContainer[Voice]
    def __init__(self, voices: _Optional[_Iterable[_Union[Voice, _Mapping]]] = ...) -> None: ...
