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
