import json
import math

import pytest

torch = pytest.importorskip("torch", reason="slim-recorder tests need PyTorch; torch is not importable here, skipping them")
import torch.nn as nn  # noqa: E402

from slim_recorder import RunRecorder, float32_text
from slim_recorder.architecture import trace_layers

from models import Bottleneck, DenseLayer, Transition, vgg

CONFIG = {"model": "vgg-test", "dataset": "mnist-5k", "lambda": 1e-4, "prune_ratio": 0.5, "cfg": [4, "M", 8],
          "epochs": 1, "note": "kept as extra"}


def read(path):
    with open(path) as f:
        return [json.loads(line) for line in f]


def test_vgg_architecture_matches_the_reference_forward():
    layers = trace_layers(vgg([4, "M", 8, "M", 8, "M", 8, "M", 8]), torch.zeros(2, 3, 32, 32))
    assert [l["op"] for l in layers[:4]] == ["conv2d", "batchnorm2d", "relu", "maxpool2d"]
    assert [l["name"] for l in layers[:4]] == ["feature.0", "feature.1", "feature.2", "feature.3"]
    pool, flatten, linear = layers[-3:]
    assert pool["op"] == "avgpool2d" and pool["kernel"] == [2, 2] and pool["out_shape"] == [8, 1, 1]
    assert flatten["op"] == "flatten" and flatten["out_shape"] == [8]
    assert linear == {"name": "classifier", "op": "linear", "in_shape": [8], "out_shape": [10], "bias": True}
    assert all("inputs" not in l for l in layers)


def test_residual_block_records_the_add_and_its_inputs():
    block = Bottleneck(8, 2, stride=2, downsample=nn.Sequential(nn.Conv2d(8, 8, 1, stride=2, bias=False)), selected=4)
    block.select.indexes.data[::2] = 0
    layers = trace_layers(block, torch.zeros(1, 8, 8, 8))
    by_name = {l["name"]: l for l in layers}
    assert by_name["select"]["selected"] == [1, 3, 5, 7] and by_name["select"]["out_shape"] == [4, 8, 8]
    assert by_name["downsample.0"]["inputs"] == [""]
    add = layers[-1]
    assert add["op"] == "add" and add["inputs"] == ["conv3", "downsample.0"] and add["out_shape"] == [8, 4, 4]
    assert len({l["name"] for l in layers}) == len(layers)


def test_dense_layer_records_the_concat():
    model = nn.Sequential(DenseLayer(4, 2), Transition(6))
    layers = trace_layers(model, torch.zeros(1, 4, 8, 8))
    concat = next(l for l in layers if l["op"] == "concat")
    assert concat["out_shape"] == [6, 8, 8] and concat["inputs"] == ["", "0.conv1"]
    assert layers[-1]["op"] == "avgpool2d" and layers[-1]["out_shape"] == [6, 4, 4]


def test_a_run_writes_every_event_in_order(tmp_path):
    path = tmp_path / "run.log"
    model = vgg([4, "M", 8])
    with RunRecorder(str(path), "test run", CONFIG, (3, 4, 4), 10, run_id="t1") as recorder:
        recorder.architecture(model, torch.zeros(1, 3, 4, 4))
        for _ in range(3):
            recorder.optimizer_step(model, epoch=1)
        recorder.epoch(1, lr=0.1, train_loss=0.5, train_accuracy=0.8, test_loss=float("nan"), test_accuracy=0.75, seconds=1.5)
        recorder.gamma(model, epoch=1)
    events = read(path)
    assert [e["type"] for e in events] == ["run", "architecture", "epoch", "gamma", "end"]
    run = events[0]
    assert run["schema"] == "slim-run/1" and run["run_id"] == "t1"
    assert list(run["config"])[:4] == ["model", "cfg", "dataset", "lambda"] and run["config"]["note"] == "kept as extra"
    assert run["input"] == {"channels": 3, "height": 4, "width": 4} and run["classes"] == 10
    epoch = events[2]
    assert epoch["phase"] == "sparsity" and epoch["step"] == 3 and epoch["test_loss"] == "NaN"
    gamma = events[3]
    assert list(gamma["layers"]) == ["feature.1", "feature.5"]
    assert gamma["layers"]["feature.1"] == [float(float32_text(v)) for v in model.feature[1].weight.tolist()]
    assert events[-1]["status"] == "completed" and "error" not in events[-1]


def test_prune_from_old_and_new_model_finds_kept_channels_and_threshold(tmp_path):
    old = vgg([4, "M", 4])
    with torch.no_grad():
        old.feature[1].weight.copy_(torch.tensor([0.9, 0.1, 0.5, 0.05]))
        old.feature[5].weight.copy_(torch.tensor([0.2, 0.8, 0.3, 0.7]))
        for bn in (old.feature[1], old.feature[5]):
            bn.running_mean.copy_(torch.randn(4))
    new = vgg([2, "M", 2])
    with torch.no_grad():
        for old_bn, new_bn, keep in [(old.feature[1], new.feature[1], [0, 2]), (old.feature[5], new.feature[5], [1, 3])]:
            new_bn.weight.copy_(old_bn.weight[keep])
            new_bn.running_mean.copy_(old_bn.running_mean[keep])
            new_bn.running_var.copy_(old_bn.running_var[keep])
    path = tmp_path / "prune.log"
    with RunRecorder(str(path), "prune", CONFIG, (3, 32, 32), 10) as recorder:
        recorder.prune(old, new, ratio=0.5, accuracy_before=0.9)
        recorder.epoch(1, lr=0.01, train_loss=0.4, train_accuracy=0.85, seconds=1.0)
    prune = read(path)[1]
    assert prune["pass"] == 1
    assert [l["kept"] for l in prune["layers"]] == [[0, 2], [1, 3]]
    assert prune["threshold"] == pytest.approx(0.3, abs=1e-7) and prune["threshold_index"] == 3 and prune["total_channels"] == 8
    assert prune["warnings"] == [] and prune["accuracy_before"] == 0.9 and "accuracy_after" not in prune
    assert read(path)[2]["phase"] == "finetune" and read(path)[2]["pass"] == 1


def test_a_crash_leaves_a_readable_log_ending_in_failed(tmp_path):
    path = tmp_path / "crash.log"
    with pytest.raises(RuntimeError):
        with RunRecorder(str(path), "crash", CONFIG, (3, 32, 32), 10) as recorder:
            recorder.epoch(1, lr=0.1, train_loss=math.inf, train_accuracy=0.1, seconds=0.1)
            raise RuntimeError("diverged")
    events = read(path)
    assert events[1]["train_loss"] == "Infinity"
    assert events[-1] == {"type": "end", "status": "failed", "seconds": events[-1]["seconds"], "error": "RuntimeError: diverged"}


def test_an_existing_log_is_never_overwritten(tmp_path):
    path = tmp_path / "exists.log"
    path.write_text("keep me\n")
    with pytest.raises(FileExistsError):
        RunRecorder(str(path), "x", CONFIG, (3, 32, 32), 10)
    assert path.read_text() == "keep me\n"


def test_masks_and_measure_and_a_guarded_layer(tmp_path):
    old = vgg([4, "M", 4])
    with torch.no_grad():
        old.feature[1].weight.copy_(torch.tensor([0.9, 0.1, 0.5, 0.05]))
        old.feature[5].weight.copy_(torch.tensor([0.01, 0.02, 0.03, 0.04]))
    masks = {"feature.1": torch.tensor([True, False, True, False]), "feature.5": torch.tensor([False, False, False, True])}
    path = tmp_path / "masks.log"
    with RunRecorder(str(path), "masks", CONFIG, (3, 4, 4), 10) as recorder:
        recorder.prune(old, None, ratio=0.5, threshold=0.1, masks=masks)
        recorder.measure([{"batch": 1, "median_ms": 0.5}], phase="pruned", params=123)
    prune, measure = read(path)[1:3]
    assert [l["kept"] for l in prune["layers"]] == [[0, 2], [3]]
    assert prune["layers"][1]["guard"] == "min_channels" and "guard" not in prune["layers"][0]
    assert prune["warnings"] == ["feature.5: 0 of 4 channels were above the threshold; 1 kept"]
    assert measure == {"type": "measure", "pass": 1, "phase": "pruned", "latency": [{"batch": 1, "median_ms": 0.5}], "params": 123}
