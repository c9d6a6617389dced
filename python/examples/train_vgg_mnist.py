#!/usr/bin/env python3
"""Network slimming of a small VGG on the embedded mnist-5k, recorded for slim-report.

The training loop is the reference code's (main.py -sr, vggprune.py, fine-tune) on Slim's VGG
(scripts/pytorch/slim_vgg.py); the lines marked `# slim` are all the recorder needs. Run from
the repository root:

    pip install ./python
    python3 python/examples/train_vgg_mnist.py          # writes runs/<date>-<time>-<host>-<name>/run.log
    slim-report runs/*/run.log -o report.pdf
"""
import argparse
import gzip
import os
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

import slim_recorder  # slim

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
DATA = os.path.join(ROOT, "Sources", "SlimEngine", "Resources", "mnist-5k")
# Slim's VGG in PyTorch (reference layout and initialisation), shared with the dev scripts.
sys.path.insert(0, os.path.join(ROOT, "scripts", "pytorch"))
from slim_vgg import VGG  # noqa: E402


def load_idx(name):
    with gzip.open(os.path.join(DATA, name)) as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    if magic == 2051:
        rows, cols = struct.unpack(">II", data[8:16])
        pixels = torch.frombuffer(bytearray(data[16:]), dtype=torch.uint8).float().div(255)
        return ((pixels - 0.1307) / 0.3081).view(count, 1, rows, cols)
    return torch.frombuffer(bytearray(data[8:]), dtype=torch.uint8).long()


def run_epoch(model, images, labels, optimizer=None, sparsity=0.0, batch=64):
    model.train(optimizer is not None)
    total_loss, correct = 0.0, 0
    order = torch.randperm(len(images)) if optimizer else torch.arange(len(images))
    for start in range(0, len(images), batch):
        index = order[start:start + batch]
        with torch.set_grad_enabled(optimizer is not None):
            output = model(images[index])
            loss = F.cross_entropy(output, labels[index])
        if optimizer:
            optimizer.zero_grad()
            loss.backward()
            slim_recorder.l1_on_bn(model, sparsity)  # slim: main.py's updateBN, λ·sign(γ)
            optimizer.step()
        total_loss += loss.item() * len(index)
        correct += int((output.argmax(1) == labels[index]).sum())
    return total_loss / len(images), correct / len(images)


def prune(model, cfg, ratio):
    """vggprune.py: one global |γ| threshold, then copy the surviving channels."""
    bns = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    pooled = torch.sort(torch.cat([bn.weight.data.abs() for bn in bns]))[0]
    threshold = pooled[int(len(pooled) * ratio)]
    masks = [bn.weight.data.abs().gt(threshold) for bn in bns]
    masks = [m if m.any() else bn.weight.data.abs() == bn.weight.data.abs().max() for m, bn in zip(masks, bns)]
    widths = iter(int(m.sum()) for m in masks)
    new_cfg = [v if v == "M" else next(widths) for v in cfg]
    new = VGG(new_cfg, 1, 28, 10)
    start, layer = torch.ones(1, dtype=torch.bool), 0
    for old_m, new_m in zip(model.modules(), new.modules()):
        if isinstance(old_m, nn.Conv2d):
            new_m.weight.data = old_m.weight.data[masks[layer]][:, start].clone()
        elif isinstance(old_m, nn.BatchNorm2d):
            keep = masks[layer]
            new_m.weight.data, new_m.bias.data = old_m.weight.data[keep].clone(), old_m.bias.data[keep].clone()
            new_m.running_mean, new_m.running_var = old_m.running_mean[keep].clone(), old_m.running_var[keep].clone()
            start, layer = keep, layer + 1
        elif isinstance(old_m, nn.Linear):
            spatial = old_m.weight.shape[1] // len(start)
            new_m.weight.data = old_m.weight.data[:, start.repeat_interleave(spatial)].clone()
            new_m.bias.data = old_m.bias.data.clone()
    return new, float(threshold)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--log-dir", default="runs", help="a fresh folder per run is made in it")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--finetune-epochs", type=int, default=2)
    parser.add_argument("--s", type=float, default=1e-3, help="sparsity λ")
    parser.add_argument("--percent", type=float, default=0.5, help="prune ratio")
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    train_x, train_y = load_idx("train-images-idx3-ubyte.gz"), load_idx("train-labels-idx1-ubyte.gz")
    test_x, test_y = load_idx("t10k-images-idx3-ubyte.gz"), load_idx("t10k-labels-idx1-ubyte.gz")
    cfg = [32, 32, "M", 64, 64, "M", 128, 128, "M"]
    model = VGG(cfg, 1, 28, 10)
    config = {"model": "mnist-vgg", "cfg": cfg, "dataset": "mnist-5k", "lambda": args.s,  # slim
              "prune_ratio": args.percent, "epochs": args.epochs, "finetune_epochs": args.finetune_epochs}
    with slim_recorder.Run(model, log_dir=args.log_dir, name="mnist-vgg (PyTorch) λ=%g" % args.s,  # slim
                           config=config, example_input=torch.zeros(1, 1, 28, 28)) as run:
        run.measure()  # slim: latency of the original, batches 1 and 64
        for phase_epochs, sparsity in [(args.epochs, args.s), (args.finetune_epochs, 0.0)]:
            optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4)
            run.watch(optimizer, every=20)  # slim: counts steps, γ every 20
            for _ in range(phase_epochs):
                train_loss, train_acc = run_epoch(model, train_x, train_y, optimizer, sparsity)
                test_loss, test_acc = run_epoch(model, test_x, test_y)
                penalty = sparsity * sum(float(m.weight.detach().abs().sum()) for m in model.modules() if isinstance(m, nn.BatchNorm2d))
                run.scalar("penalty λ·Σ|γ|", penalty)  # slim: any series of your own
                run.epoch(train_loss=train_loss, train_acc=train_acc, test_loss=test_loss, test_acc=test_acc)  # slim
            if sparsity:
                pruned, threshold = prune(model, cfg, args.percent)
                after_loss, after_acc = run_epoch(pruned, test_x, test_y)
                run.prune(model, pruned, ratio=args.percent, threshold=threshold, accuracy_before=test_acc,  # slim
                          accuracy_after=after_acc, loss_before=test_loss, loss_after=after_loss)
                run.measure(pruned)  # slim
                model = pruned
        print("wrote", run.path)


if __name__ == "__main__":
    main()
