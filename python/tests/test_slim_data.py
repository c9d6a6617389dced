"""scripts/pytorch/slim_data.py: the datasets the PyTorch reference and the example read, and their
one-line errors for a missing or damaged file."""
import gzip
import os
import struct
import sys

import pytest
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "scripts", "pytorch"))
from slim_data import DataError, load  # noqa: E402


def idx(dims, data):
    return bytes([0, 0, 8, len(dims)]) + struct.pack(">%dI" % len(dims), *dims) + bytes(data)


def fixture(folder):
    files = {"train-images-idx3-ubyte": idx([3, 2, 2], [i * 20 for i in range(12)]), "train-labels-idx1-ubyte": idx([3], [0, 5, 9]),
             "t10k-images-idx3-ubyte": idx([1, 2, 2], [0, 255, 0, 255]), "t10k-labels-idx1-ubyte": idx([1], [7])}
    for name, data in files.items():
        with open(os.path.join(folder, name + ".gz"), "wb") as f:
            f.write(gzip.compress(data))
    return str(folder)


def test_fashion_mnist_fixture_is_read_with_its_own_normalisation(tmp_path):
    train_x, train_y, test_x, test_y = load("fashion-mnist", fixture(tmp_path))
    assert train_x.shape == (3, 1, 2, 2) and test_x.shape == (1, 1, 2, 2)
    assert train_y.tolist() == [0, 5, 9] and test_y.tolist() == [7]
    assert torch.allclose(test_x.flatten(), torch.tensor([0.0, 1.0, 0.0, 1.0]).sub(0.2860).div(0.3530))


def test_missing_file_names_the_file_and_the_package(tmp_path):
    with pytest.raises(DataError) as error:
        load("fashion-mnist", str(tmp_path))
    assert str(error.value) == ("%s/train-images-idx3-ubyte[.gz]: file not found; install Debian's package dataset-fashion-mnist "
                                "(apt-get install dataset-fashion-mnist) or give --data-dir" % tmp_path)


def test_truncated_gzip_and_idx_files_are_one_line_naming_the_file(tmp_path):
    folder = fixture(tmp_path)
    path = os.path.join(folder, "t10k-labels-idx1-ubyte.gz")
    with open(path, "rb") as f:
        whole = f.read()
    with open(path, "wb") as f:
        f.write(whole[:-6])
    with pytest.raises(DataError, match="^%s: not a readable gzip or IDX file" % path):
        load("fashion-mnist", folder)
    images = os.path.join(folder, "train-images-idx3-ubyte.gz")
    with open(images, "wb") as f:
        f.write(gzip.compress(idx([3, 2, 2], [1, 2, 3])))
    with pytest.raises(DataError) as error:
        load("fashion-mnist", folder)
    assert str(error.value) == "%s: IDX dimensions [3, 2, 2] need 12 bytes of data, found 3" % images
