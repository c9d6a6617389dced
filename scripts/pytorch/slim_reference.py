#!/usr/bin/env python3
"""PyTorch reference of slim-train's VGG protocol, recorded with slim_recorder for slim-report.

One sparsity training, then one prune + fine-tune per ratio in --ratios, each written as its own
slim-run/1 log (the sparsity epochs appear in every log, as they do in the study's slim-train
logs whose p = 0.7 branch resumes from the p = 0.5 run's sparsity checkpoint). The protocol is
slim-train's: Slim's VGG and its initialisation (slim_vgg.py), a seeded random order of the
training images every epoch without augmentation, batch 64 (the last one smaller), SGD with
momentum 0.9 and weight decay 1e-4 on every parameter, lr ×0.1 from 0-based epoch ⌈0.5·E⌉ and
⌈0.75·E⌉ of each phase, λ·sign(γ) added to every BN γ's gradient during sparsity training, one
global |γ| threshold at index ⌊N·p⌋ with the channels strictly above it kept (vggprune.py; no β
compensation, so it matches slim-train's "plain rule" accuracy right after the prune), a fresh
optimizer and no penalty for the fine-tune.

    PYTHONPATH=python python3 scripts/pytorch/slim_reference.py --dataset fashion-mnist \\
        --model mnist-small --epochs 3 --finetune-epochs 2 --lambda 1e-3 --ratios 0.5,0.7 --seed 1 --out runs/pt
"""
import argparse
import contextlib
import math
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

import slim_recorder
from slim_data import DataError, load
from slim_vgg import PRESETS, VGG, prune

MILESTONES, LR_GAMMA, MOMENTUM, WEIGHT_DECAY = [0.5, 0.75], 0.1, 0.9, 1e-4


def learning_rate(base, epoch, epochs):
    """Slim's MultiStepSchedule: ×0.1 for every milestone m with epoch ≥ m·epochs (0-based)."""
    return base * LR_GAMMA ** sum(1 for m in MILESTONES if epoch >= m * epochs)


def train_epoch(model, optimizer, images, labels, penalty, batch, generator):
    model.train()
    order = torch.randperm(len(images), generator=generator)
    total_loss, correct = 0.0, 0
    for start in range(0, len(images), batch):
        index = order[start:start + batch]
        output = model(images[index])
        loss = F.cross_entropy(output, labels[index])
        optimizer.zero_grad()
        loss.backward()
        slim_recorder.l1_on_bn(model, penalty)
        optimizer.step()
        total_loss += loss.item() * len(index)
        correct += int((output.argmax(1) == labels[index]).sum())
    return total_loss / len(images), correct / len(images)


@torch.no_grad()
def evaluate(model, images, labels, batch=1000):
    model.eval()
    total_loss, correct = 0.0, 0
    for start in range(0, len(images), batch):
        output = model(images[start:start + batch])
        total_loss += F.cross_entropy(output, labels[start:start + batch], reduction="sum").item()
        correct += int((output.argmax(1) == labels[start:start + batch]).sum())
    return total_loss / len(images), correct / len(images)


def phase(model, runs, data, epochs, lr, penalty, args, generator):
    """`epochs` epochs with a fresh optimizer, each recorded in every run of `runs`."""
    train_x, train_y, test_x, test_y = data
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=MOMENTUM, weight_decay=WEIGHT_DECAY)
    for run in runs:
        run.watch(optimizer, every=args.gamma_every)
    for epoch in range(epochs):
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(lr, epoch, epochs)
        train_loss, train_acc = train_epoch(model, optimizer, train_x, train_y, penalty, args.batch_size, generator)
        test_loss, test_acc = evaluate(model, test_x, test_y)
        for run in runs:
            run.epoch(train_loss=train_loss, train_acc=train_acc, test_loss=test_loss, test_acc=test_acc)
        print("%s epoch %d/%d lr %g: train %.4f %.2f%%, test %.4f %.2f%%" % (
            "sparsity" if penalty else "baseline/fine-tune", epoch + 1, epochs, learning_rate(lr, epoch, epochs),
            train_loss, train_acc * 100, test_loss, test_acc * 100), flush=True)
    return test_loss, test_acc


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default="mnist-small", choices=sorted(PRESETS))
    parser.add_argument("--dataset", default="fashion-mnist")
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--epochs", type=int, default=3, help="sparsity-training epochs")
    parser.add_argument("--finetune-epochs", type=int, default=2)
    parser.add_argument("--lambda", dest="lam", type=float, default=1e-3)
    parser.add_argument("--ratios", default="0.5,0.7", help="prune ratios, each branching from the same sparsity-trained network")
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--gamma-every", type=int, default=50)
    parser.add_argument("--out", default="runs/pytorch", help="folder for the logs: <stem>-p<ratio>.log")
    parser.add_argument("--stem", default=None, help="log name stem (default pytorch-lambda-<λ>-seed<seed>)")
    args = parser.parse_args()
    ratios = [float(r) for r in args.ratios.split(",")]
    torch.set_num_threads(args.threads)
    try:
        data = load(args.dataset, args.data_dir)
    except DataError as error:
        sys.exit("slim_reference.py: error: %s" % error)
    torch.manual_seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)
    cfg = PRESETS[args.model]
    channels, height = data[0].shape[1], data[0].shape[2]
    model = VGG(cfg, channels, height, 10)
    os.makedirs(args.out, exist_ok=True)
    stem = args.stem or "pytorch-lambda-%g-seed%d" % (args.lam, args.seed)
    started = time.monotonic()
    with contextlib.ExitStack() as stack:
        runs = []
        for ratio in ratios:
            config = {"model": args.model, "cfg": cfg, "dataset": args.dataset, "lambda": args.lam, "prune_ratio": ratio,
                      "passes": 1, "epochs": args.epochs, "finetune_epochs": args.finetune_epochs,
                      "batch_size": args.batch_size, "learning_rate": args.lr, "lr_milestones": MILESTONES,
                      "lr_gamma": LR_GAMMA, "momentum": MOMENTUM, "weight_decay": WEIGHT_DECAY, "seed": args.seed,
                      "threads": args.threads, "min_channels": 1, "gamma_every": args.gamma_every}
            name = "%s λ=%g p=%g seed %d (PyTorch)" % (args.model, args.lam, ratio, args.seed)
            run = stack.enter_context(slim_recorder.Run(model, name=name, config=config,
                                                        path=os.path.join(args.out, "%s-p%g.log" % (stem, ratio)),
                                                        example_input=torch.zeros(1, channels, height, height)))
            run.measure()
            runs.append(run)
        test_loss, test_acc = phase(model, runs, data, args.epochs, args.lr, args.lam, args, generator)
        for ratio, run in zip(ratios, runs):
            pruned, _, threshold = prune(model, cfg, ratio, channels, height, 10)
            after_loss, after_acc = evaluate(pruned, data[2], data[3])
            run.prune(model, pruned, ratio=ratio, threshold=threshold, accuracy_before=test_acc, accuracy_after=after_acc,
                      loss_before=test_loss, loss_after=after_loss)
            run.measure(pruned)
            print("prune p=%g threshold %.4g: test %.2f%% → %.2f%%" % (ratio, threshold, test_acc * 100, after_acc * 100), flush=True)
            phase(pruned, [run], data, args.finetune_epochs, args.lr, 0.0, args, generator)
            run.measure(pruned)
            run.close()
            print("wrote", run.path, flush=True)
    print("%.1f s" % (time.monotonic() - started))


if __name__ == "__main__":
    main()
