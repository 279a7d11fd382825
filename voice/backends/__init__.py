"""Model backends: run a voice's acoustic model and vocoder behind one narrow contract."""

from voice.backends.base import Scales, SpeechBackend

__all__ = ["Scales", "SpeechBackend"]
