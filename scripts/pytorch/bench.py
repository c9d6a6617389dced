"""PyTorch side of scripts/bench-train.sh: one model, one process, prints one JSON line.

Usage: python3 scripts/pytorch/bench.py --model vgg19 --channels 3 --size 32 --threads 2
"""
import argparse
import json
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
    print(json.dumps({
        "engine": "pytorch " + torch.__version__,
        "model": a.model,
        "train_images_per_second": a.batch / train,
        "inference_images_per_second": a.batch / inference,
        "peak_memory_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "threads": torch.get_num_threads(),
    }))


if __name__ == "__main__":
    main()
