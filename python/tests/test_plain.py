"""Tests that need no torch: the JSON form and the recorder without a model."""
import json
import os
import struct
import subprocess
import sys

import slim_recorder
from slim_recorder import float32_text


def read(path):
    with open(path) as f:
        return [json.loads(line) for line in f]


def test_float32_text_is_shortest_and_exact():
    for value in [0.1, 1.3226823, -0.0012, 3.4028235e38, 1e-45, 0.0, 123456.78]:
        bits = struct.pack("<f", value)
        text = float32_text(struct.unpack("<f", bits)[0])
        assert struct.pack("<f", float(text)) == bits
        assert len(text) <= len(repr(struct.unpack("<f", bits)[0]))
    assert float32_text(float("nan")) == "NaN"
    assert float32_text(float("-inf")) == "-Infinity"
