"""Write slim-run/1 logs from a PyTorch training loop.

Only the standard library is imported here; torch is imported when a model is inspected.
"""
from .recorder import RunRecorder
from .jsonform import encode_event, float32_text

__all__ = ["RunRecorder", "encode_event", "float32_text"]
__version__ = "0.1.0"
