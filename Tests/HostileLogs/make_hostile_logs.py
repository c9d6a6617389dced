#!/usr/bin/env python3
"""Writes the hostile run logs in this folder: valid JSON Lines that carry the numbers and names
that used to trap or inject (issue 14). Each is the small two-conv log of
Tests/SlimReportTests/Support/SampleLog.swift with one thing changed. Run from anywhere:
python3 Tests/HostileLogs/make_hostile_logs.py"""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))


def arch(p, a, b, names=None):
    n = names or ["feature.0", "feature.1", "feature.2", "feature.3", "feature.4", "feature.5", "feature.6", "pool", "classifier"]
    return {"type": "architecture", "pass": p, "layers": [
        {"name": n[0], "op": "conv2d", "in_shape": [1, 8, 8], "out_shape": [a, 8, 8], "kernel": [3, 3], "stride": [1, 1], "padding": [1, 1], "groups": 1, "bias": False},
        {"name": n[1], "op": "batchnorm2d", "in_shape": [a, 8, 8], "out_shape": [a, 8, 8], "prunable": True},
        {"name": n[2], "op": "relu", "in_shape": [a, 8, 8], "out_shape": [a, 8, 8]},
        {"name": n[3], "op": "maxpool2d", "in_shape": [a, 8, 8], "out_shape": [a, 4, 4], "kernel": [2, 2], "stride": [2, 2], "padding": [0, 0]},
        {"name": n[4], "op": "conv2d", "in_shape": [a, 4, 4], "out_shape": [b, 4, 4], "kernel": [3, 3], "stride": [1, 1], "padding": [1, 1], "groups": 1, "bias": False},
        {"name": n[5], "op": "batchnorm2d", "in_shape": [b, 4, 4], "out_shape": [b, 4, 4], "prunable": True},
        {"name": n[6], "op": "relu", "in_shape": [b, 4, 4], "out_shape": [b, 4, 4]},
        {"name": n[7], "op": "global_avgpool", "in_shape": [b, 4, 4], "out_shape": [b]},
        {"name": n[8], "op": "linear", "in_shape": [b], "out_shape": [10], "bias": True}]}


def base(name="tiny", bn=("feature.1", "feature.5"), names=None, gammas=None, prune=None, arch0=None, arch1=None,
         epoch_fields=None, measure_ms=None, config=None):
    run = {"type": "run", "schema": "slim-run/1", "run_id": "r1", "name": name, "created": "2026-11-25T07:00:00Z",
           "engine": {"name": "slim-train", "version": "0.1.0"},
           "config": {"model": "mnist-vgg", "cfg": [4, "M", 8], "dataset": "tiny", "lambda": 0.001, "prune_ratio": 0.5,
                      "passes": 1, "epochs": 3, "finetune_epochs": 2, "seed": 1},
           "input": {"channels": 1, "height": 8, "width": 8}, "classes": 10}
    run["config"].update(config or {})

    def epoch(p, phase, e, acc):
        ev = {"type": "epoch", "pass": p, "phase": phase, "epoch": e, "step": p * 30 + e * 10, "lr": 0.1,
              "train_loss": 1.5 - acc, "train_accuracy": acc, "test_loss": 1.6 - acc, "test_accuracy": acc - 0.02, "seconds": 1.0}
        ev.update(epoch_fields or {})
        return ev

    def gamma(e):
        s = 1.0 / e
        g = gammas(e) if gammas else [[0.9, 0.01 * s, 0.7, 0.02 * s], [0.5, 0.6, 0.003 * s, 0.8, 0.004 * s, 0.9, 0.05 * s, 0.4]]
        return {"type": "gamma", "pass": 0, "phase": "sparsity", "epoch": e, "step": e * 10, "layers": dict(zip(bn, g))}

    def measure(p, phase, ms):
        ms = measure_ms if measure_ms is not None else ms
        return {"type": "measure", "pass": p, "phase": phase, "latency": [{"batch": 1, "median_ms": ms}, {"batch": 64, "median_ms": ms if isinstance(ms, str) or ms > 1e300 else ms * 40}], "model_bytes": 4000}

    pr = {"type": "prune", "pass": 1, "ratio": 0.5, "threshold": 0.05, "threshold_index": 6, "total_channels": 12,
          "layers": [{"layer": bn[0], "before": 4, "after": 2, "kept": [0, 2]}, {"layer": bn[1], "before": 8, "after": 4, "kept": [0, 1, 3, 5]}],
          "accuracy_before": 0.93, "accuracy_after": 0.7}
    pr.update(prune or {})
    a0 = arch0 if arch0 is not None else arch(0, 4, 8, names)
    a1 = arch1 if arch1 is not None else arch(1, 2, 4, names)
    finetune_gamma = {"type": "gamma", "pass": 1, "phase": "finetune", "epoch": 1, "step": 35,
                      "layers": dict(zip(bn, [[0.8, 0.6], [0.5, 0.6, 0.7, 0.9]]))}
    if gammas:
        finetune_gamma = None
    events = [run, a0, measure(0, "sparsity", 2.0),
              epoch(0, "sparsity", 1, 0.80), gamma(1), epoch(0, "sparsity", 2, 0.90), gamma(2), epoch(0, "sparsity", 3, 0.95), gamma(3),
              pr, a1, measure(1, "pruned", 1.5)]
    if finetune_gamma:
        events.append(finetune_gamma)
    events += [epoch(1, "finetune", 1, 0.90), epoch(1, "finetune", 2, 0.94), measure(1, "finetune", 1.2),
               {"type": "end", "status": "completed", "seconds": 10.0}]
    return events


def write(file, events):
    with open(os.path.join(HERE, file), "w", encoding="utf-8") as f:
        for e in events:
            f.write(json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n")


HOSTILE = "<img src=x onerror=alert(1)>|a|\n# b\u001b[2J\u001b]0;pwned\u0007=1+2"

write("threshold-nan.log", base(prune={"threshold": "NaN"}))
write("threshold-infinity.log", base(prune={"threshold": "Infinity"}))
write("ratio-1e308.log", base(prune={"ratio": 1e308}, config={"prune_ratio": 1e308}))
write("gamma-all-nan.log", base(gammas=lambda e: [["NaN"] * 4, ["NaN"] * 8]))
write("gamma-infinite.log", base(gammas=lambda e: [["Infinity", "-Infinity", 1e308, 0.5], [-1e308] * 8]))
write("gamma-empty.log", base(gammas=lambda e: [[], []]))
write("keeps-nothing.log", base(prune={"threshold": 1e9, "layers": [{"layer": "feature.1", "before": 4, "after": 0, "kept": []},
                                                                     {"layer": "feature.5", "before": 8, "after": 0, "kept": []}]},
                                arch1=arch(1, 0, 0)))
write("unknown-layers.log", base(bn=("ghost.1", "ghost.5")))
write("duplicate-layers.log", base(names=["dup"] * 9, bn=("dup", "dup")))
write("no-layers.log", base(arch0={"type": "architecture", "pass": 0, "layers": []},
                            arch1={"type": "architecture", "pass": 1, "layers": []}))
write("huge-values.log", base(epoch_fields={"train_loss": 1e308, "test_loss": "-Infinity", "train_accuracy": 1e308,
                                            "test_accuracy": "NaN", "lr": "Infinity", "seconds": 1e308},
                              measure_ms=1e308, prune={"accuracy_before": "NaN", "accuracy_after": 1e308}))
write("latency-nan.log", base(measure_ms="NaN"))
names = ["conv " + HOSTILE, "bn " + HOSTILE, "relu", "pool", "conv2", "bn2 =SUM(A1)", "relu2", "gap", "fc"]
write("hostile-names.log", base(name=HOSTILE, names=names, bn=(names[1], names[5]),
                                config={"model": "@model\u001b[31m", "dataset": "-data|set"}))
formula = ["=cmd|' /C calc'!A0", "+bn1", "relu", "pool", "conv2", "-bn2", "relu2", "gap", "@fc"]
write("csv-injection.log", base(name="=HYPERLINK(\"http://x\",\"y\")", names=formula, bn=(formula[1], formula[5])))
