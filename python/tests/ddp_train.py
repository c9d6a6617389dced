"""Network slimming of a small VGG on mnist-5k under DistributedDataParallel (gloo, CPU),
recorded with slim_recorder. Started by test_distributed.py through
``torchrun --nproc_per_node=2 ddp_train.py LOG_DIR GAMMA_JSON``: rank 0 writes the log and, for
the test, its model's final γ; the other ranks write nothing."""
import json
import os
import sys

import torch
import torch.distributed as dist
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP

sys.path[:0] = [os.path.dirname(os.path.abspath(__file__)), os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")]
import slim_recorder  # noqa: E402
from helpers import copy_pruned, global_masks, mnist, train_epoch  # noqa: E402
from models import vgg  # noqa: E402

CFG = [8, "M", 16, "M", 16, "M", 16]


def train(model, images, labels, optimizer, lam):
    totals = train_epoch(model, images, labels, optimizer, lambda: slim_recorder.l1_on_bn(model, lam))
    dist.all_reduce(totals)  # every rank's shard
    return float(totals[0] / totals[2]), float(totals[1] / totals[2])


def main():
    log_dir, gamma_file = sys.argv[1], sys.argv[2]
    dist.init_process_group("gloo")
    rank, world = dist.get_rank(), dist.get_world_size()
    torch.manual_seed(1)
    torch.set_num_threads(1)
    images, labels = mnist("train", limit=800)
    images, labels = images[rank::world], labels[rank::world]
    model = DDP(vgg(CFG, in_channels=1))
    config = {"model": "mnist-vgg-small", "cfg": CFG, "dataset": "mnist-5k", "lambda": 1e-3, "prune_ratio": 0.5}
    with slim_recorder.Run(model, log_dir=log_dir, name="ddp", config=config, example_input=images[:1]) as run:
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
        run.watch(optimizer, every=4)
        for _ in range(2):
            loss, acc = train(model, images, labels, optimizer, 1e-3)
            run.epoch(train_loss=loss, train_acc=acc)
        net = model.module
        masks, threshold = global_masks(net, 0.5)
        widths = iter(int(m.sum()) for m in masks.values())
        pruned = copy_pruned(net, vgg([v if v == "M" else next(widths) for v in CFG], in_channels=1), masks)
        run.prune(model, pruned, ratio=0.5, threshold=threshold)
        run.measure(pruned, batches=(1, 8), repeats=3)
        model = DDP(pruned)
        optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
        run.watch(optimizer)
        loss, acc = train(model, images, labels, optimizer, 0.0)
        run.epoch(train_loss=loss, train_acc=acc)
    gammas = {name: m.weight.tolist() for name, m in model.module.named_modules() if isinstance(m, nn.BatchNorm2d)}
    everyone = [None] * world
    dist.all_gather_object(everyone, gammas)
    assert all(g == gammas for g in everyone), "DDP ranks disagree on γ"
    if rank == 0:
        with open(gamma_file, "w") as f:
            json.dump(gammas, f)
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
