"""The reference network-slimming VGG built from a cfg, shared by the dev scripts.

Dev-only: torch is a yardstick for Slim's engine, never a runtime or test dependency.
"""
import math

import torch
import torch.nn as nn

PRESETS = {
    "vgg11": [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512],
    "vgg13": [64, 64, "M", 128, 128, "M", 256, 256, "M", 512, 512, "M", 512, 512],
    "vgg16": [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512],
    "vgg19": [64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M", 512, 512, 512, 512, "M", 512, 512, 512, 512],
    "mnist-small": [16, "M", 32, "M", 64, 64, "M"],
    "mnist-vgg": [32, 32, "M", 64, 64, "M", 128, 128, "M"],
}


def parse_cfg(text):
    return [x if x == "M" else int(x) for x in text.split(",")]


class VGG(nn.Module):
    """`feature` (conv no bias, BN, ReLU, max-pool) then `classifier`, as Slim's VGG."""

    def __init__(self, cfg, in_channels, height, classes):
        super().__init__()
        layers, c = [], in_channels
        for v in cfg:
            if v == "M":
                layers.append(nn.MaxPool2d(2, 2))
                height //= 2
            else:
                layers += [nn.Conv2d(c, v, 3, padding=1, bias=False), nn.BatchNorm2d(v), nn.ReLU(inplace=True)]
                c = v
        self.feature = nn.Sequential(*layers)
        self.ends_with_pool = cfg[-1] == "M"
        features = c * height * height if self.ends_with_pool else c
        self.classifier = nn.Linear(features, classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                n = m.kernel_size[0] * m.kernel_size[1] * m.out_channels
                m.weight.data.normal_(0, math.sqrt(2.0 / n))
            elif isinstance(m, nn.BatchNorm2d):
                m.weight.data.fill_(0.5)
                m.bias.data.zero_()
            elif isinstance(m, nn.Linear):
                m.weight.data.normal_(0, 0.01)
                m.bias.data.zero_()

    def forward(self, x):
        x = self.feature(x)
        if not self.ends_with_pool:
            x = x.mean(dim=(2, 3))
        return self.classifier(torch.flatten(x, 1))


def prune(model, cfg, ratio, in_channels=1, height=28, classes=10):
    """vggprune.py's rule: pool |γ| of every BN, take the value at index ⌊N·ratio⌋ of the sorted
    pool as the threshold, keep the channels strictly above it (a layer left empty keeps its
    largest |γ|, Slim's collapse guard), then copy the surviving weights into a narrower VGG.
    Returns (pruned model, its cfg, threshold)."""
    bns = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    pooled = torch.sort(torch.cat([bn.weight.data.abs() for bn in bns]))[0]
    threshold = pooled[int(len(pooled) * ratio)]
    masks = [bn.weight.data.abs().gt(threshold) for bn in bns]
    masks = [m if m.any() else bn.weight.data.abs() == bn.weight.data.abs().max() for m, bn in zip(masks, bns)]
    widths = iter(int(m.sum()) for m in masks)
    new_cfg = [v if v == "M" else next(widths) for v in cfg]
    new = VGG(new_cfg, in_channels, height, classes)
    start, layer = torch.ones(in_channels, dtype=torch.bool), 0
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
    return new, new_cfg, float(threshold)
