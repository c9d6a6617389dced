"""PyTorch side of scripts/bench-train.sh: one model, one process, prints one line.

Usage: python3 scripts/pytorch/bench.py --model vgg19 --channels 3 --size 32 --threads 2
"""
import argparse
import resource
import statistics
import time

import torch
import torch.nn.functional as F

from slim_vgg import PRESETS, VGG


def timed(fn, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--channels", type=int, required=True)
    p.add_argument("--size", type=int, required=True)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--steps", type=int, default=10)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    model = VGG(PRESETS[a.model], a.channels, a.size, 10)
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    x = torch.randn(a.batch, a.channels, a.size, a.size)
    y = torch.randint(0, 10, (a.batch,))

    def train_step():
        opt.zero_grad()
        F.cross_entropy(model(x), y).backward()
        opt.step()

    def infer():
        with torch.no_grad():
            model(x)

    model.train()
    for _ in range(3):
        train_step()
    train = timed(train_step, a.steps)
    model.eval()
    for _ in range(3):
        infer()
    inference = timed(infer, a.steps * 2)
    # One line: model, training images/s, inference images/s, peak RSS bytes (as slim-train bench).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"{a.model} {a.batch / train:.2f} {a.batch / inference:.2f} {peak}")


if __name__ == "__main__":
    main()
