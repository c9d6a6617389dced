import pytest

torch = pytest.importorskip("torch", reason="slim-recorder tests need PyTorch; torch is not importable here, skipping them")
