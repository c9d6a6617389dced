"""Write slim-run/1 logs from a PyTorch training loop: ``Run`` records a run, ``l1_on_bn`` is the
Network Slimming sparsity subgradient, ``slim_recorder.lightning.SlimCallback`` does both for
PyTorch Lightning.

Only the standard library is imported here; torch is imported when a model is inspected.
"""
from .run import Run
from .sparsity import l1_on_bn
from .jsonform import encode_event, float32_text

__all__ = ["Run", "l1_on_bn", "encode_event", "float32_text"]
__version__ = "0.2.0"
