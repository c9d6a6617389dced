"""The JSON form of slim-run/1: one compact object per line, non-finite numbers as strings,
γ values in the shortest text that reads back as the same float32."""
import json
import math
import struct

SCHEMA = "slim-run/1"


def _float32_bits(value):
    return struct.pack("<f", value)


def float32_text(value):
    """Shortest decimal text that reads back as the same float32 (NaN/±Infinity as strings)."""
    value = float(value)
    if not math.isfinite(value):
        return _non_finite(value)
    target = _float32_bits(value)
    for digits in range(1, 10):
        text = "%.*g" % (digits, value)
        try:
            if _float32_bits(float(text)) == target:
                return text
        except OverflowError:  # rounded past the largest float32
            continue
    return repr(value)


def _non_finite(value):
    if math.isnan(value):
        return "NaN"
    return "Infinity" if value > 0 else "-Infinity"


class Float32List(list):
    """A list of γ values to be written as float32."""


class _Raw(str):
    """Already-encoded JSON text."""


def _prepare(value):
    if isinstance(value, Float32List):
        return [_Raw(float32_text(v)) if math.isfinite(float(v)) else _non_finite(float(v)) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else _non_finite(value)
    if isinstance(value, dict):
        return {str(k): _prepare(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_prepare(v) for v in value]
    if hasattr(value, "item"):  # a torch or numpy scalar
        return _prepare(value.item())
    raise TypeError("cannot write %r (%s) to a slim-run/1 log" % (value, type(value).__name__))


def _dump(value):
    if isinstance(value, _Raw):
        return str(value)
    if isinstance(value, dict):
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + _dump(v) for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_dump(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def encode_event(event):
    """One log line (without the newline) for an event dict; keys whose value is None are omitted."""
    return _dump(_prepare(event))
