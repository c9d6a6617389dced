#!/usr/bin/env python3
"""Makes the small checkpoint fixtures of Tests/SlimImportTests/Fixtures with PyTorch.

Dev script, not needed to build or test Slim: the fixtures it writes are committed. Run it from
the repository root after changing what the importer must handle:

    python3 scripts/pytorch/make_import_fixtures.py

It builds tiny versions of the network-slimming reference models (same module names and
layout, fewer channels), saves them in both serialisations PyTorch has used, prunes the VGG
the way vggprune.py does, and records what torch itself reads back (γ, cfg, the threshold,
kept channels, a non-contiguous tensor) in expected.json for the Swift tests to compare with.
It also writes malformed files the importer must refuse with a clear error.
"""
import io
import json
import os
import pickle
import sys
import zipfile

import torch
import torch.nn as nn

# The reference models (same module names and forward passes) shared with the recorder's tests,
# and the recorder itself for a sample log.
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
sys.path[:0] = [os.path.join(ROOT, "python", "tests"), os.path.join(ROOT, "python")]
from models import Bottleneck, channel_selection, vgg  # noqa: E402
from slim_recorder import Run  # noqa: E402

OUT = os.path.join("Tests", "SlimImportTests", "Fixtures")


class resnet(nn.Module):
    """Reference pre-activation ResNet-11 layout (one block per stage), widths / 4."""

    def __init__(self, cfg):
        super().__init__()
        self.inplanes = 4
        self.conv1 = nn.Conv2d(3, 4, 3, padding=1, bias=False)
        self.layer1 = self._make_layer(4, cfg[0:3], 1)
        self.layer2 = self._make_layer(8, cfg[3:6], 2)
        self.layer3 = self._make_layer(16, cfg[6:9], 2)
        self.bn = nn.BatchNorm2d(64)
        self.select = channel_selection(64)
        self.relu = nn.ReLU(inplace=True)
        self.fc = nn.Linear(cfg[-1], 10)

    def _make_layer(self, planes, cfg, stride):
        downsample = nn.Sequential(nn.Conv2d(self.inplanes, planes * 4, 1, stride=stride, bias=False))
        block = Bottleneck(self.inplanes, planes, stride, downsample, selected=cfg[0])
        self.inplanes = planes * 4
        return nn.Sequential(block)


def randomize(model, generator):
    """Distinct γ and running statistics, so kept channels can be told apart."""
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            module.weight.data = torch.rand(module.num_features, generator=generator) * 2 - 1
            module.running_mean = torch.randn(module.num_features, generator=generator)
            module.running_var = torch.rand(module.num_features, generator=generator) + 0.5


def vgg_prune(model, cfg, percent):
    """vggprune.py: one global threshold over all BN |γ|, copy the kept channels."""
    gammas = torch.cat([m.weight.data.abs() for m in model.modules() if isinstance(m, nn.BatchNorm2d)])
    ordered, _ = torch.sort(gammas)
    index = int(len(gammas) * percent)
    threshold = ordered[index]
    new_cfg, masks = [], []
    bns = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    position = 0
    for v in cfg:
        if v == "M":
            new_cfg.append("M")
            continue
        mask = bns[position].weight.data.abs().gt(threshold)
        masks.append(mask)
        new_cfg.append(int(mask.sum()))
        position += 1
    pruned = vgg(new_cfg)
    old_layers, new_layers = list(model.modules()), list(pruned.modules())
    start, mask_index = torch.ones(3, dtype=torch.bool), 0
    for old, new in zip(old_layers, new_layers):
        if isinstance(old, nn.BatchNorm2d):
            keep = masks[mask_index].nonzero().flatten()
            for name in ["weight", "bias"]:
                getattr(new, name).data = getattr(old, name).data[keep].clone()
            new.running_mean = old.running_mean[keep].clone()
            new.running_var = old.running_var[keep].clone()
            start = masks[mask_index]
            mask_index += 1
        elif isinstance(old, nn.Conv2d):
            end = masks[mask_index]
            weight = old.weight.data[:, start.nonzero().flatten()]
            new.weight.data = weight[end.nonzero().flatten()].clone()
        elif isinstance(old, nn.Linear):
            new.weight.data = old.weight.data[:, start.nonzero().flatten()].clone()
            new.bias.data = old.bias.data.clone()
    kept = [m.nonzero().flatten().tolist() for m in masks]
    return pruned, new_cfg, float(threshold), index, len(gammas), kept


def gammas(model):
    return {name: [float(x) for x in module.weight.data]
            for name, module in model.named_modules() if isinstance(module, nn.BatchNorm2d)}


def save(obj, name, legacy=False):
    path = os.path.join(OUT, name)
    torch.save(obj, path, _use_new_zipfile_serialization=not legacy)
    return path


def main():
    os.makedirs(OUT, exist_ok=True)
    generator = torch.Generator().manual_seed(1)
    torch.manual_seed(1)
    expected = {}

    cfg = [6, "M", 8, "M", 8, "M", 8, "M", 8]
    original = vgg(cfg)
    randomize(original, generator)
    save({"epoch": 7, "best_prec1": torch.tensor(0.625), "state_dict": original.state_dict()}, "vgg_sr_zip.pth.tar")
    save({"epoch": 7, "best_prec1": 62.5, "state_dict": original.state_dict()}, "vgg_sr_legacy.pth.tar", legacy=True)
    pruned, pruned_cfg, threshold, index, total, kept = vgg_prune(original, cfg, 0.5)
    save({"cfg": pruned_cfg, "state_dict": pruned.state_dict()}, "vgg_pruned_legacy.pth.tar", legacy=True)
    # A bare state dict as nn.DataParallel saves it: no wrapper dict, keys under "module.".
    save({"module." + key: value for key, value in pruned.state_dict().items()}, "vgg_bare_dataparallel.pth")
    expected["vgg"] = {"gammas": gammas(original), "pruned_cfg": pruned_cfg, "pruned_gammas": gammas(pruned),
                       "threshold": threshold, "threshold_index": index, "total_channels": total, "kept": kept}

    resnet_cfg = [4, 4, 4, 16, 8, 8, 32, 16, 16, 64]
    full = resnet(resnet_cfg)
    randomize(full, generator)
    # A channel-selection mask as resprune.py leaves it, and a pruned block width.
    full.layer2[0].select.indexes.data = torch.tensor([1.0, 0.0] * 8)
    selected = resnet_cfg[:]
    selected[3] = 8
    model = resnet(selected)
    state = full.state_dict()
    for key, value in model.state_dict().items():
        if value.shape != state[key].shape:
            state[key] = state[key][:, ::2].clone() if value.dim() == 4 else state[key][:8].clone()
    # fc.weight saved as a transposed view: strides (1, 10), not row-major.
    state["fc.weight"] = state["fc.weight"].t().contiguous().t()
    model.load_state_dict(state)
    assert not state["fc.weight"].is_contiguous()
    save({"cfg": selected, "state_dict": state}, "resnet_selection_zip.pth.tar")
    expected["resnet"] = {"cfg": selected, "gammas": gammas(model),
                          "selected": {"layer2.0.bn1": list(range(0, 16, 2))},
                          "fc_weight": [float(x) for x in state["fc.weight"].flatten()]}

    # A log written by the Python recorder for the VGG above, for the Swift reader's tests.
    sample = os.path.join(OUT, "recorder-sample.log")
    if os.path.exists(sample):
        os.remove(sample)
    config = {"model": "vgg8", "cfg": cfg, "dataset": "cifar10", "lambda": 1e-4, "prune_ratio": 0.5, "epochs": 1}
    with Run(original, path=sample, name="recorder sample", config=config, example_input=torch.zeros(1, 3, 32, 32)) as run:
        run.epoch(train_loss=2.1, train_acc=0.25, test_loss=float("nan"), test_acc=0.3, lr=0.1, seconds=1.5, step=10)
        run.prune(original, pruned, ratio=0.5, threshold=threshold, accuracy_before=0.3)

    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)

    zipped = open(os.path.join(OUT, "vgg_sr_zip.pth.tar"), "rb").read()
    open(os.path.join(OUT, "truncated.pth.tar"), "wb").write(zipped[: len(zipped) // 2])
    legacy = bytearray(open(os.path.join(OUT, "vgg_sr_legacy.pth.tar"), "rb").read())
    legacy[4] ^= 0xFF  # inside the LONG1 magic number
    open(os.path.join(OUT, "wrong_magic.pth.tar"), "wb").write(bytes(legacy))
    # A pickle that would run a shell command if unpickled by Python: must be refused unread.
    buffer = io.BytesIO()
    buffer.write(b"\x80\x02cposix\nsystem\nX\x17\x00\x00\x00touch /tmp/slim-pwned-x\x85R.")
    open(os.path.join(OUT, "unsafe_global.pth"), "wb").write(buffer.getvalue())
    # A checkpoint zip whose data.pkl is deflated, which PyTorch never writes.
    with zipfile.ZipFile(os.path.join(OUT, "compressed.pth.tar"), "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("archive/data.pkl", pickle.dumps({"epoch": 1}, protocol=2))
    # Not a checkpoint at all.
    open(os.path.join(OUT, "not_a_checkpoint.txt"), "w").write("epoch,accuracy\n1,0.5\n")


if __name__ == "__main__":
    main()
