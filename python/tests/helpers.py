"""Shared by the recorder's tests: reading logs, the slim-report executable, mnist-5k, pruning."""
import gzip
import json
import os
import struct
import subprocess

import torch
import torch.nn as nn

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MNIST = os.path.join(ROOT, "Sources", "SlimEngine", "Resources", "mnist-5k")


def read(path):
    with open(path) as f:
        return [json.loads(line) for line in f]


def slim_report(*args):
    """Runs the debug slim-report (built by `swift build`, as `make test` does first)."""
    binary = os.path.join(ROOT, ".build", "debug", "slim-report")
    assert os.path.exists(binary), "%s is missing: run `swift build` first (make test does)" % binary
    return subprocess.run([binary, *map(str, args)], capture_output=True, text=True)


def load_idx(name, limit=None):
    with gzip.open(os.path.join(MNIST, name)) as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    count = min(count, limit or count)
    if magic == 2051:
        rows, cols = struct.unpack(">II", data[8:16])
        pixels = torch.frombuffer(bytearray(data[16:16 + count * rows * cols]), dtype=torch.uint8).float().div(255)
        return ((pixels - 0.1307) / 0.3081).view(count, 1, rows, cols)
    return torch.frombuffer(bytearray(data[8:8 + count]), dtype=torch.uint8).long()


def mnist(split="train", limit=None):
    prefix = "train" if split == "train" else "t10k"
    return load_idx(prefix + "-images-idx3-ubyte.gz", limit), load_idx(prefix + "-labels-idx1-ubyte.gz", limit)


def train_epoch(model, images, labels, optimizer, after_backward=None, batch=50):
    """One epoch of cross-entropy training in order; returns tensor([summed loss, correct, samples])."""
    import torch.nn.functional as F
    model.train()
    totals = torch.zeros(3)
    for start in range(0, len(images), batch):
        x, y = images[start:start + batch], labels[start:start + batch]
        optimizer.zero_grad()
        output = model(x)
        loss = F.cross_entropy(output, y)
        loss.backward()
        if after_backward is not None:
            after_backward()
        optimizer.step()
        totals += torch.tensor([loss.item() * len(y), float((output.argmax(1) == y).sum()), len(y)])
    return totals


def randomize(model, seed=1):
    """Distinct γ, β and running statistics, so kept channels can be told apart."""
    generator = torch.Generator().manual_seed(seed)
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            n = module.num_features
            module.weight.data = torch.rand(n, generator=generator) * 2 - 1
            module.bias.data = torch.randn(n, generator=generator)
            module.running_mean = torch.randn(n, generator=generator)
            module.running_var = torch.rand(n, generator=generator) + 0.5
    return model


def global_masks(model, ratio):
    """The reference global threshold: {BN name: |γ| > sorted(|γ|)[int(N·ratio)]}, and it."""
    bns = [(n, m) for n, m in model.named_modules() if isinstance(m, nn.BatchNorm2d)]
    pooled = torch.sort(torch.cat([m.weight.data.abs() for _, m in bns]))[0]
    threshold = pooled[int(len(pooled) * ratio)]
    return {n: m.weight.data.abs().gt(threshold) for n, m in bns}, float(threshold)


def copy_pruned(old, new, masks):
    """resprune.py/denseprune.py/vggprune.py's BN copy: a BN read by a channel selection (``bn1``,
    the final ``bn``) is copied whole and its selection set to the mask; every other BN keeps
    the masked channels."""
    modules = dict(new.named_modules())
    for name, bn in old.named_modules():
        if not isinstance(bn, nn.BatchNorm2d):
            continue
        target, keep = modules[name], masks[name]
        select = modules.get(name[: -len(name.split(".")[-1])] + "select")
        whole = select is not None and name.split(".")[-1] in ("bn", "bn1")
        rows = slice(None) if whole else keep.nonzero().flatten()
        target.weight.data = bn.weight.data[rows].clone()
        target.bias.data = bn.bias.data[rows].clone()
        target.running_mean = bn.running_mean[rows].clone()
        target.running_var = bn.running_var[rows].clone()
        if whole:
            select.indexes.data = keep.float()
    return new
