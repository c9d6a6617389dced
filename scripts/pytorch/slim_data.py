"""The datasets Slim's engine reads, as PyTorch tensors normalised the same way.

Dev and example code: `load("mnist-5k")` reads the digits embedded in SlimEngine's resources,
`load("fashion-mnist")` the IDX files Debian's package dataset-fashion-mnist installs (or those in
`directory`). Returns (train_x, train_y, test_x, test_y): N×1×28×28 floats, N int64 labels.
"""
import gzip
import os
import struct

import torch

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
PACKAGE = "dataset-fashion-mnist"
# name: (default folder, per-pixel mean, std) — the values of Sources/SlimEngine/Data.
DATASETS = {
    "mnist-5k": (os.path.join(ROOT, "Sources", "SlimEngine", "Resources", "mnist-5k"), 0.1307, 0.3081),
    "mnist": (None, 0.1307, 0.3081),
    "fashion-mnist": ("/usr/share/datasets/fashion-mnist", 0.2860, 0.3530),
}


class DataError(Exception):
    """A missing or malformed dataset file: one line naming the file."""


def _read(path, hint):
    for candidate in (path, path + ".gz"):
        if os.path.exists(candidate):
            try:
                with open(candidate, "rb") as f:
                    raw = f.read()
                return candidate, gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
            except (OSError, EOFError, gzip.BadGzipFile) as error:
                raise DataError("%s: not a readable gzip or IDX file (%s)" % (candidate, error)) from None
    raise DataError("%s[.gz]: file not found%s" % (path, hint))


def _idx(path, rank, hint):
    """The dimensions and bytes of an IDX file of unsigned bytes with `rank` dimensions."""
    path, data = _read(path, hint)
    if len(data) < 4 + 4 * rank or data[:3] != b"\x00\x00\x08" or data[3] != rank:
        raise DataError("%s: not an IDX file of unsigned bytes with %d dimensions" % (path, rank))
    dims = struct.unpack(">%dI" % rank, data[4:4 + 4 * rank])
    need = 1
    for d in dims:
        need *= d
    body = data[4 + 4 * rank:]
    if len(body) != need:
        raise DataError("%s: IDX dimensions %s need %d bytes of data, found %d" % (path, list(dims), need, len(body)))
    return path, dims, torch.frombuffer(bytearray(body), dtype=torch.uint8)


def load(name, directory=None):
    """(train_x, train_y, test_x, test_y) of dataset `name` from `directory` or its default folder."""
    if name not in DATASETS:
        raise DataError("unknown dataset %r: use %s" % (name, ", ".join(DATASETS)))
    default, mean, std = DATASETS[name]
    directory = directory or default
    if directory is None:
        raise DataError("dataset %r needs --data-dir" % name)
    hint = ""
    if name == "fashion-mnist":
        hint = "; install Debian's package %s (apt-get install %s) or give --data-dir" % (PACKAGE, PACKAGE)
    split = []
    for prefix in ("train", "t10k"):
        _, (count, rows, cols), pixels = _idx(os.path.join(directory, prefix + "-images-idx3-ubyte"), 3, hint)
        label_path, (labels_count,), labels = _idx(os.path.join(directory, prefix + "-labels-idx1-ubyte"), 1, hint)
        if labels_count != count:
            raise DataError("%s: %d labels for %d images" % (label_path, labels_count, count))
        if int(labels.max()) > 9:
            raise DataError("%s: label %d is outside 0…9" % (label_path, int(labels.max())))
        split += [((pixels.float() / 255 - mean) / std).view(count, 1, rows, cols), labels.long()]
    return tuple(split)
