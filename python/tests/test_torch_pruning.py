"""Torch-Pruning's Network Slimming pruner (BNScalePruner, global) on a residual network with 1×1
shortcut convolutions, which Slim's engine does not have, recorded step by step."""
import copy
import json

import torch
import torch.nn as nn
import torch.nn.functional as F
import torch_pruning as tp

from slim_recorder import Run, float32_text

from helpers import mnist, read, slim_report, train_epoch


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(out)) + self.shortcut(x))


class ResidualNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 16, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(16)
        self.relu = nn.ReLU()
        self.block1 = Block(16, 24, 2)
        self.block2 = Block(24, 32, 2)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(32, 10)

    def forward(self, x):
        x = self.block2(self.block1(self.relu(self.bn(self.conv(x)))))
        return self.fc(torch.flatten(self.pool(x), 1))


def independent_count(model, x):
    """Parameters, and MACs of conv and linear layers from the shapes torch itself produces."""
    macs = []

    def hook(module, inputs, output):
        if isinstance(module, nn.Conv2d):
            kh, kw = module.kernel_size
            macs.append(output[0].numel() * module.in_channels // module.groups * kh * kw)
        else:
            macs.append(module.in_features * module.out_features)
    handles = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        model(x)
    for handle in handles:
        handle.remove()
    return sum(p.numel() for p in model.parameters()), sum(macs)


def train(model, images, labels, run, pruner=None):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    run.watch(optimizer)
    # Torch-Pruning's own λ·sign(γ) during sparsity training
    totals = train_epoch(model, images, labels, optimizer, pruner and (lambda: pruner.regularize(model)))
    return float(totals[0] / totals[2]), float(totals[1] / totals[2])


def test_bnscale_pruner_steps_are_recorded_and_costed_exactly(tmp_path):
    torch.manual_seed(1)
    images, labels = mnist("train", limit=300)
    model, x = ResidualNet(), images[:1]
    pruner = tp.pruner.BNScalePruner(model, x, importance=tp.importance.BNScaleImportance(), global_pruning=True,
                                     pruning_ratio=0.5, iterative_steps=3, reg=1e-4, ignored_layers=[model.fc])
    path = tmp_path / "tp.log"
    config = {"model": "residual-net", "dataset": "mnist-5k", "lambda": 1e-4, "prune_ratio": 0.5, "passes": 3}
    removed_per_step = []
    with Run(model, path=str(path), config=config, example_input=x) as run:
        loss, acc = train(model, images, labels, run, pruner)
        run.epoch(train_loss=loss, train_acc=acc)
        names = {m: n for n, m in model.named_modules()}
        for _ in range(3):
            before = copy.deepcopy(model)
            removed = {}
            for group in pruner.step(interactive=True):
                for dep, idxs in group:
                    if isinstance(dep.target.module, nn.BatchNorm2d):
                        removed[names[dep.target.module]] = sorted(int(getattr(i, "idx", i)) for i in idxs)
                group.prune()
            removed_per_step.append(removed)
            run.prune(before, model)
            loss, acc = train(model, images, labels, run)
            run.epoch(train_loss=loss, train_acc=acc)
    events = read(path)
    prunes = [e for e in events if e["type"] == "prune"]
    architectures = [e for e in events if e["type"] == "architecture"]
    assert len(prunes) == 3 and [a["pass"] for a in architectures] == [0, 1, 2, 3]
    assert [e["step"] for e in events if e["type"] == "epoch"] == [6, 12, 18, 24]
    widths = {}
    for step, (prune, removed) in enumerate(zip(prunes, removed_per_step)):
        assert removed, "torch-pruning removed nothing in step %d" % step
        for layer in prune["layers"]:
            before = widths.get(layer["layer"], layer["before"])
            assert layer["before"] == before
            assert layer["kept"] == [i for i in range(before) if i not in removed.get(layer["layer"], [])]
            widths[layer["layer"]] = layer["after"]
    # the coupled BNs of a residual sum keep the same channels
    last = {l["layer"]: l["kept"] for l in prunes[-1]["layers"]}
    assert last["block2.bn2"] == last["block2.shortcut.1"]
    assert {n: m.num_features for n, m in model.named_modules() if isinstance(m, nn.BatchNorm2d)} == widths
    final_gamma = [e for e in events if e["type"] == "gamma"][-1]
    assert final_gamma["layers"]["block1.bn1"] == [float(float32_text(v)) for v in model.block1.bn1.weight.tolist()]
    layers = {l["name"]: l for l in architectures[-1]["layers"]}
    assert layers["block1.add"]["inputs"] == ["block1.bn2", "block1.shortcut.1"]
    assert layers["block1.shortcut.0"]["inputs"] == ["relu"] and "block1.relu2" in layers

    check = slim_report("check", path)
    assert check.returncode == 0, check.stdout + check.stderr
    report = slim_report("report", path, "-o", tmp_path / "report.pdf")
    assert report.returncode == 0, report.stderr
    assert (tmp_path / "report.pdf").read_bytes()[:5] == b"%PDF-"
    summary = slim_report("summary", path, "--format", "json")
    assert summary.returncode == 0, summary.stderr
    passes = json.loads(summary.stdout)["runs"][0]["passes"]
    assert [p["pass"] for p in passes] == [0, 1, 2, 3]
    assert (passes[-1]["params"], passes[-1]["macs"]) == independent_count(model, x)
    assert (passes[0]["params"], passes[0]["macs"]) == independent_count(ResidualNet(), x)
    # grouped importance is not one |γ| threshold: said once, no layer marked as guarded
    assert all(not any("guard" in l for l in p["layers"]) for p in prunes)
    assert all(len(p["warnings"]) == 1 and "not chosen by one global |γ| threshold" in p["warnings"][0] for p in prunes)
