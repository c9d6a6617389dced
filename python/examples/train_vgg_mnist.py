#!/usr/bin/env python3
"""Network slimming of a small VGG on the embedded mnist-5k (or Fashion-MNIST), recorded for slim-report.

The training loop is the reference code's (main.py -sr, vggprune.py, fine-tune) on Slim's VGG
(scripts/pytorch/slim_vgg.py); the lines marked `# slim` are all the recorder needs. Run from
the repository root:

    pip install ./python
    python3 python/examples/train_vgg_mnist.py          # writes runs/<date>-<time>-<host>-<name>/run.log
    python3 python/examples/train_vgg_mnist.py --dataset fashion-mnist   # apt-get install dataset-fashion-mnist
    slim-report runs/*/run.log -o report.pdf
"""
import argparse
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

import slim_recorder  # slim

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
# Slim's VGG in PyTorch (reference layout and initialisation, vggprune.py's prune) and the
# datasets slim-train reads, shared with the dev scripts.
sys.path.insert(0, os.path.join(ROOT, "scripts", "pytorch"))
from slim_data import DataError, load  # noqa: E402
from slim_vgg import VGG, prune  # noqa: E402


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--log-dir", default="runs", help="a fresh folder per run is made in it")
    parser.add_argument("--dataset", default="mnist-5k", choices=["mnist-5k", "fashion-mnist"],
                        help="mnist-5k (embedded) or fashion-mnist (Debian's dataset-fashion-mnist)")
    parser.add_argument("--data-dir", default=None, help="folder with the four IDX files (default: where they are installed)")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--finetune-epochs", type=int, default=2)
    parser.add_argument("--s", type=float, default=1e-3, help="sparsity λ")
    parser.add_argument("--percent", type=float, default=0.5, help="prune ratio")
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    try:
        train_x, train_y, test_x, test_y = load(args.dataset, args.data_dir)
    except DataError as error:
        sys.exit("train_vgg_mnist.py: error: %s" % error)
    cfg = [32, 32, "M", 64, 64, "M", 128, 128, "M"]
    model = VGG(cfg, 1, 28, 10)
    config = {"model": "mnist-vgg", "cfg": cfg, "dataset": args.dataset, "lambda": args.s,  # slim
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
                pruned, _, threshold = prune(model, cfg, args.percent)
                after_loss, after_acc = run_epoch(pruned, test_x, test_y)
                run.prune(model, pruned, ratio=args.percent, threshold=threshold, accuracy_before=test_acc,  # slim
                          accuracy_after=after_acc, loss_before=test_loss, loss_after=after_loss)
                run.measure(pruned)  # slim
                model = pruned
        print("wrote", run.path)


if __name__ == "__main__":
    main()
