"""PyTorch side of scripts/bench-train.sh: one model, one process, prints one line.

Usage: python3 scripts/pytorch/bench.py --model vgg19 --channels 3 --size 32 --threads 2
       python3 scripts/pytorch/bench.py --cfg 17,22,M,38,41,M,55,50,M --channels 1 --size 28 --latency
Models: the VGG presets, resnetN (pre-activation bottleneck, depth 9n + 2) and densenetN
(depth 3n + 4, growth 12) as in the reference network-slimming code (models/preresnet.py,
models/densenet.py). Their channel selections keep every channel here, so they are the
identity (as in Slim) rather than the reference code's index copy, and hold no parameters:
the parameter count printed is the trainable scalars, comparable with Slim's.
"""
import argparse
import resource
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from slim_vgg import PRESETS, VGG, parse_cfg


def pre_activation(channels):
    """BN → (channel selection of every channel = identity) → ReLU."""
    return nn.Sequential(nn.BatchNorm2d(channels), nn.ReLU(inplace=True))


class Bottleneck(nn.Module):
    """bn1 → relu → conv1 1×1 → bn2 → relu → conv2 3×3 (stride) → bn3 → relu → conv3 1×1 (4× planes),
    plus the input or a strided 1×1 conv of it."""

    def __init__(self, inplanes, planes, stride):
        super().__init__()
        self.branch = nn.Sequential(
            pre_activation(inplanes), nn.Conv2d(inplanes, planes, 1, bias=False),
            pre_activation(planes), nn.Conv2d(planes, planes, 3, stride=stride, padding=1, bias=False),
            pre_activation(planes), nn.Conv2d(planes, planes * 4, 1, bias=False))
        self.downsample = None
        if stride != 1 or inplanes != planes * 4:
            self.downsample = nn.Conv2d(inplanes, planes * 4, 1, stride=stride, bias=False)

    def forward(self, x):
        return self.branch(x) + (x if self.downsample is None else self.downsample(x))


class PreResNet(nn.Module):
    def __init__(self, depth, in_channels, classes):
        super().__init__()
        n = (depth - 2) // 9
        layers, inplanes = [nn.Conv2d(in_channels, 16, 3, padding=1, bias=False)], 16
        for stage, planes in enumerate([16, 32, 64]):
            for b in range(n):
                layers.append(Bottleneck(inplanes, planes, 2 if stage > 0 and b == 0 else 1))
                inplanes = planes * 4
        layers += [pre_activation(inplanes), nn.AdaptiveAvgPool2d(1), nn.Flatten()]
        self.features = nn.Sequential(*layers)
        self.fc = nn.Linear(inplanes, classes)

    def forward(self, x):
        return self.fc(self.features(x))


class DenseLayer(nn.Module):
    """bn → relu → conv 3×3 (growth channels), concatenated after the input."""

    def __init__(self, inplanes, growth):
        super().__init__()
        self.branch = nn.Sequential(pre_activation(inplanes), nn.Conv2d(inplanes, growth, 3, padding=1, bias=False))

    def forward(self, x):
        return torch.cat((x, self.branch(x)), 1)


class DenseNet(nn.Module):
    """conv1 (2·growth) → 3 dense blocks with transitions (bn → relu → conv 1×1 → avg-pool 2) between."""

    def __init__(self, depth, in_channels, classes, growth=12):
        super().__init__()
        n = (depth - 4) // 3
        channels = 2 * growth
        layers = [nn.Conv2d(in_channels, channels, 3, padding=1, bias=False)]
        for block in range(3):
            for _ in range(n):
                layers.append(DenseLayer(channels, growth))
                channels += growth
            if block < 2:
                layers += [pre_activation(channels), nn.Conv2d(channels, channels, 1, bias=False), nn.AvgPool2d(2)]
        layers += [pre_activation(channels), nn.AdaptiveAvgPool2d(1), nn.Flatten()]
        self.features = nn.Sequential(*layers)
        self.fc = nn.Linear(channels, classes)

    def forward(self, x):
        return self.fc(self.features(x))


def make_model(name, channels, size, classes):
    if name.startswith("resnet"):
        return PreResNet(int(name[len("resnet"):]), channels, classes)
    if name.startswith("densenet"):
        return DenseNet(int(name[len("densenet"):]), channels, classes)
    return VGG(PRESETS[name], channels, size, classes)


def timed(fn, repeats, clock):
    times = []
    for _ in range(repeats):
        start = clock()
        fn()
        times.append(clock() - start)
    return statistics.median(times)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="mnist-vgg")
    p.add_argument("--channels", type=int, required=True)
    p.add_argument("--size", type=int, required=True)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                   help="time steps by wall time or by the process's CPU time (all threads)")
    p.add_argument("--cfg", help="VGG widths instead of --model, e.g. 17,22,M,38,41,M,55,50,M")
    p.add_argument("--latency", action="store_true",
                   help="print the median milliseconds of one evaluation forward at batch 1 instead")
    a = p.parse_args()
    clock = time.perf_counter if a.clock == "wall" else time.process_time
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    if a.latency:
        model = VGG(parse_cfg(a.cfg), a.channels, a.size, 10) if a.cfg else make_model(a.model, a.channels, a.size, 10)
        model.eval()
        x = torch.randn(1, a.channels, a.size, a.size)

        def one():
            with torch.inference_mode():
                model(x)

        for _ in range(20):
            one()
        print(f"latency 1 {timed(one, max(200, a.steps), clock) * 1e3:.6f}")
        return
    model = make_model(a.model, a.channels, a.size, 10)
    params = sum(p.numel() for p in model.parameters() if p.requires_grad)
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
    train = timed(train_step, a.steps, clock)
    model.eval()
    for _ in range(3):
        infer()
    inference = timed(infer, a.steps * 2, clock)
    # One line: model, training images/s, inference images/s, peak RSS bytes, trainable parameters.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"{a.model} {a.batch / train:.2f} {a.batch / inference:.2f} {peak} {params}")


if __name__ == "__main__":
    main()
