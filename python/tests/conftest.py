import os
import sys

import pytest

torch = pytest.importorskip("torch", reason="slim-recorder tests need PyTorch; torch is not importable here, skipping them")

# Test this source tree, not an older installed copy.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
