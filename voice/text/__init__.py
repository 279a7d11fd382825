"""Text to phoneme ids: normalization, sentence splitting, espeak phonemization. Pure; no torch."""

from voice.text.phonemes import PhonemizedSentence, Phonemizer

__all__ = ["PhonemizedSentence", "Phonemizer"]
