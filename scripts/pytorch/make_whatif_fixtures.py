#!/usr/bin/env python3
"""Makes the what-if fixtures of Tests/SlimImportTests/Fixtures with PyTorch.

Dev script, not needed to build or test Slim: what it writes is committed. Run it from the
repository root:

    python3 scripts/pytorch/make_whatif_fixtures.py [--shared ../shared/data/ns-checkpoints]

1. `resnet164_sr.pth.tar.gz`: the reference network-slimming `resnet` (models/preresnet.py:
   pre-activation bottlenecks with `channel_selection`) at depth 164, saved as `main.py -sr`
   saves it ({epoch, best_prec1, state_dict}, zip serialisation), gzip-compressed. Only the
   shapes, the BN γ and the selections matter to the importer, so the convolution weights are
   zero and the BN statistics at their initial values; γ is drawn like a sparsity-trained
   network's (most channels near zero, the rest spread over (0.05, 1]). That makes the 6.8 MB
   checkpoint gzip to a small file; the Swift test inflates it with SlimGzip.
2. `resnet_folded.pth.tar`: a pruned ResNet-20 derivative whose bn2/bn3 were folded into conv
   biases before saving, which the importer must refuse with a message saying so.
3. `whatif-expected.json`: for the ResNet-164 and, when the shared checkpoints are present,
   the ResNet-20 `kamy_preresnet20_sr_model_best.pth.tar` and the pruned, fine-tuned DenseNet-40
   `cs760_densenet40_refined_legacy.pth.tar`: the parameter count torch gives for
   the network as saved, and for each ratio the cfg `resprune.py` computes (one global
   threshold over every BN's |γ|, `gt(thre)` per layer) and the parameters of the network
   `resnet(depth, cfg=cfg)` it builds, counted by torch (conv and linear weights and biases,
   BN γ and β; the channel-selection masks are not counted, as in docs/conventions.md).
"""
import argparse
import gzip
import io
import json
import os
import sys

import torch
import torch.nn as nn

# The reference code's channel selection, shared with the recorder's tests.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python", "tests"))
from models import channel_selection  # noqa: E402

OUT = os.path.join("Tests", "SlimImportTests", "Fixtures")
RATIOS = [0.0, 0.3, 0.5, 0.7]


class Bottleneck(nn.Module):
    """models/preresnet.py of the reference code."""
    expansion = 4

    def __init__(self, inplanes, planes, cfg, stride=1, downsample=None):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(inplanes)
        self.select = channel_selection(inplanes)
        self.conv1 = nn.Conv2d(cfg[0], cfg[1], kernel_size=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cfg[1])
        self.conv2 = nn.Conv2d(cfg[1], cfg[2], kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn3 = nn.BatchNorm2d(cfg[2])
        self.conv3 = nn.Conv2d(cfg[2], planes * 4, kernel_size=1, bias=False)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample
        self.stride = stride

    def forward(self, x):
        residual = x
        out = self.relu(self.select(self.bn1(x)))
        out = self.conv1(out)
        out = self.conv2(self.relu(self.bn2(out)))
        out = self.conv3(self.relu(self.bn3(out)))
        if self.downsample is not None:
            residual = self.downsample(x)
        return out + residual


class resnet(nn.Module):
    """models/preresnet.py of the reference code (CIFAR, depth 9n+2)."""

    def __init__(self, depth=164, dataset="cifar10", cfg=None):
        super().__init__()
        assert (depth - 2) % 9 == 0, "depth should be 9n+2"
        n = (depth - 2) // 9
        if cfg is None:
            cfg = [[16, 16, 16], [64, 16, 16] * (n - 1), [64, 32, 32], [128, 32, 32] * (n - 1),
                   [128, 64, 64], [256, 64, 64] * (n - 1), [256]]
            cfg = [item for sub in cfg for item in sub]
        self.inplanes = 16
        self.conv1 = nn.Conv2d(3, 16, kernel_size=3, padding=1, bias=False)
        self.layer1 = self._make_layer(16, n, cfg[0:3 * n])
        self.layer2 = self._make_layer(32, n, cfg[3 * n:6 * n], stride=2)
        self.layer3 = self._make_layer(64, n, cfg[6 * n:9 * n], stride=2)
        self.bn = nn.BatchNorm2d(64 * 4)
        self.select = channel_selection(64 * 4)
        self.relu = nn.ReLU(inplace=True)
        self.avgpool = nn.AvgPool2d(8)
        self.fc = nn.Linear(cfg[-1], 10 if dataset == "cifar10" else 100)

    def _make_layer(self, planes, blocks, cfg, stride=1):
        downsample = None
        if stride != 1 or self.inplanes != planes * 4:
            downsample = nn.Sequential(nn.Conv2d(self.inplanes, planes * 4, kernel_size=1, stride=stride, bias=False))
        layers = [Bottleneck(self.inplanes, planes, cfg[0:3], stride, downsample)]
        self.inplanes = planes * 4
        for i in range(1, blocks):
            layers.append(Bottleneck(self.inplanes, planes, cfg[3 * i:3 * (i + 1)]))
        return nn.Sequential(*layers)

    def forward(self, x):
        x = self.layer3(self.layer2(self.layer1(self.conv1(x))))
        x = self.relu(self.select(self.bn(x)))
        x = self.avgpool(x).view(x.size(0), -1)
        return self.fc(x)


class BasicBlock(nn.Module):
    """models/densenet.py of the reference code: BN → select → ReLU → conv3×3, concatenated."""

    def __init__(self, inplanes, cfg, growthRate=12):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(inplanes)
        self.select = channel_selection(inplanes)
        self.conv1 = nn.Conv2d(cfg, growthRate, kernel_size=3, padding=1, bias=False)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        return torch.cat((x, self.conv1(self.relu(self.select(self.bn1(x))))), 1)


class Transition(nn.Module):
    def __init__(self, inplanes, outplanes, cfg):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(inplanes)
        self.select = channel_selection(inplanes)
        self.conv1 = nn.Conv2d(cfg, outplanes, kernel_size=1, bias=False)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        return nn.functional.avg_pool2d(self.conv1(self.relu(self.select(self.bn1(x)))), 2)


class densenet(nn.Module):
    """models/densenet.py of the reference code (growth 12, compression 1)."""

    def __init__(self, depth=40, dataset="cifar10", growthRate=12, cfg=None):
        super().__init__()
        n = (depth - 4) // 3
        if cfg is None:
            cfg, start = [], growthRate * 2
            for _ in range(3):
                cfg += [start + growthRate * i for i in range(n + 1)]
                start += growthRate * n
        self.growthRate = growthRate
        self.inplanes = growthRate * 2
        self.conv1 = nn.Conv2d(3, self.inplanes, kernel_size=3, padding=1, bias=False)
        self.dense1 = self._make_denseblock(n, cfg[0:n])
        self.trans1 = self._make_transition(cfg[n])
        self.dense2 = self._make_denseblock(n, cfg[n + 1:2 * n + 1])
        self.trans2 = self._make_transition(cfg[2 * n + 1])
        self.dense3 = self._make_denseblock(n, cfg[2 * n + 2:3 * n + 2])
        self.bn = nn.BatchNorm2d(self.inplanes)
        self.select = channel_selection(self.inplanes)
        self.relu = nn.ReLU(inplace=True)
        self.avgpool = nn.AvgPool2d(8)
        self.fc = nn.Linear(cfg[-1], 10 if dataset == "cifar10" else 100)

    def _make_denseblock(self, blocks, cfg):
        layers = []
        for i in range(blocks):
            layers.append(BasicBlock(self.inplanes, cfg[i], self.growthRate))
            self.inplanes += self.growthRate
        return nn.Sequential(*layers)

    def _make_transition(self, cfg):
        inplanes = self.inplanes
        return Transition(inplanes, inplanes, cfg)


def parameters(model):
    """docs/conventions.md: conv and linear weights and biases, BN γ and β; masks excluded."""
    total = 0
    for module in model.modules():
        if isinstance(module, (nn.Conv2d, nn.Linear, nn.BatchNorm2d)):
            total += sum(p.numel() for p in module.parameters(recurse=False))
    return total


def resprune_cfg(model, percent, within_selection=True):
    """resprune.py's rule: the threshold is sorted pooled |γ| at int(total * percent); every BN
    keeps the channels with |γ| > threshold. With `within_selection`, a BN followed by a
    channel selection keeps only channels the selection still passes on: in an already pruned
    network the others have no weights left to keep (resprune.py itself, run on such a network,
    would count them again whenever their γ is not zero)."""
    bns = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    pooled = torch.cat([m.weight.data.abs().clone() for m in bns])
    ordered, _ = torch.sort(pooled)
    threshold = ordered[int(pooled.numel() * percent)]
    selections = {}
    for module in model.modules():
        children = list(module.children())
        for bn, nxt in zip(children, children[1:]):
            if isinstance(bn, nn.BatchNorm2d) and isinstance(nxt, channel_selection):
                selections[bn] = nxt.indexes.data != 0
    cfg = []
    for m in bns:
        mask = m.weight.data.abs().gt(threshold)
        if within_selection and m in selections:
            mask = mask & selections[m]
        cfg.append(int(mask.sum()))
    return cfg, float(threshold)


def expected_for(model, depth, dataset, family=resnet, name="preresnet"):
    """denseprune.py applies the same rule as resprune.py; both rebuild the net from the cfg."""
    names = [name for name, m in model.named_modules() if isinstance(m, nn.BatchNorm2d)]
    result = {"model": f"{name}{depth}", "params": parameters(model), "bn_layers": names, "ratios": {}}
    for ratio in RATIOS:
        cfg, threshold = resprune_cfg(model, ratio)
        pruned = family(depth=depth, dataset=dataset, cfg=cfg)
        result["ratios"][str(ratio)] = {"cfg": cfg, "threshold": threshold, "params": parameters(pruned)}
        plain, _ = resprune_cfg(model, ratio, within_selection=False)
        if plain != cfg:
            result["ratios"][str(ratio)]["params_resprune_verbatim"] = parameters(family(depth=depth, dataset=dataset, cfg=plain))
    return result


def sparsity_like_gammas(model, generator):
    """γ of a sparsity-trained network: ~70 % of the channels near zero, the rest spread out."""
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            count = module.num_features
            small = torch.rand(count, generator=generator) < 0.7
            near_zero = torch.randn(count, generator=generator) * 0.01
            spread = 0.05 + 0.95 * torch.rand(count, generator=generator)
            module.weight.data = torch.where(small, near_zero, spread)


def write_resnet164(expected):
    generator = torch.Generator().manual_seed(164)
    model = resnet(depth=164)
    for module in model.modules():
        if isinstance(module, nn.Conv2d):
            module.weight.data.zero_()
        elif isinstance(module, nn.Linear):
            module.weight.data.zero_()
            module.bias.data.zero_()
    sparsity_like_gammas(model, generator)
    buffer = io.BytesIO()
    torch.save({"epoch": 160, "best_prec1": 0.9475, "state_dict": model.state_dict()}, buffer)
    raw = buffer.getvalue()
    # mtime=0 keeps the file byte-identical across runs.
    with open(os.path.join(OUT, "resnet164_sr.pth.tar.gz"), "wb") as f:
        f.write(gzip.compress(raw, compresslevel=9, mtime=0))
    expected["resnet164"] = expected_for(model, 164, "cifar10")
    expected["resnet164"]["checkpoint_bytes"] = len(raw)


def write_kamy(expected, shared):
    path = os.path.join(shared, "kamy_preresnet20_sr_model_best.pth.tar")
    if not os.path.exists(path):
        print(f"{path} is absent: the ResNet-20 numbers are not written")
        return
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    model = resnet(depth=20)
    model.load_state_dict(checkpoint["state_dict"])
    expected["kamy_preresnet20"] = expected_for(model, 20, "cifar10")
    # A pruned and fine-tuned DenseNet-40: its selections already drop channels, whose γ are 0.
    checkpoint = torch.load(os.path.join(shared, "cs760_densenet40_refined_legacy.pth.tar"), map_location="cpu",
                            weights_only=True)
    model = densenet(depth=40, cfg=checkpoint["cfg"])
    model.load_state_dict(checkpoint["state_dict"])
    expected["cs760_densenet40"] = expected_for(model, 40, "cifar10", densenet, "densenet")


def write_folded():
    """A pruned ResNet-20 derivative whose bn2/bn3 were folded into conv1/conv2 (weights
    scaled, a bias added) before saving, as deployment forks do: 7 BN layers remain (the 6
    block-input BNs and the final one) for the 19 entries of the saved cfg."""
    torch.manual_seed(20)
    widths = [16, 64, 64, 128, 128, 256]
    cfg = [entry for width in widths for entry in (width // 2, 4, 4)] + [128]
    model = resnet(depth=20, cfg=cfg)
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            module.weight.data = torch.rand(module.num_features) + 0.1
        elif isinstance(module, channel_selection):
            module.indexes.data = torch.tensor([1.0, 0.0] * (module.indexes.numel() // 2))
    state = model.state_dict()
    folded = {}
    for key, value in state.items():
        parts = key.split(".")
        if len(parts) == 4 and parts[2] in ("bn2", "bn3"):
            continue
        folded[key] = value
        if len(parts) == 4 and parts[2] in ("conv1", "conv2") and parts[3] == "weight":
            bn = ".".join(parts[:2] + ["bn2" if parts[2] == "conv1" else "bn3"])
            scale = state[bn + ".weight"] / torch.sqrt(state[bn + ".running_var"] + 1e-5)
            folded[key] = value * scale.view(-1, 1, 1, 1)
            folded[".".join(parts[:3] + ["bias"])] = state[bn + ".bias"] - state[bn + ".running_mean"] * scale
    torch.save({"cfg": cfg, "state_dict": folded}, os.path.join(OUT, "resnet_folded.pth.tar"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=os.path.join("..", "shared", "data", "ns-checkpoints"))
    args = parser.parse_args()
    os.makedirs(OUT, exist_ok=True)
    expected = {}
    write_resnet164(expected)
    write_kamy(expected, args.shared)
    write_folded()
    with open(os.path.join(OUT, "whatif-expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    for key, value in expected.items():
        print(key, value["params"], {r: v["params"] for r, v in value["ratios"].items()})


if __name__ == "__main__":
    main()
