"""Run: folders, events, accuracies, γ, steps, scalars, resuming, measuring."""
import os

import pytest
import torch
import torch.nn as nn

import slim_recorder
from slim_recorder import Run, float32_text, l1_on_bn

from helpers import read, slim_report
from models import vgg

CFG = [4, "M", 8, "M", 8, "M", 8, "M", 8]
CONFIG = {"model": "vgg-test", "dataset": "cifar10", "lambda": 1e-4, "cfg": CFG, "note": "kept as extra"}
X = torch.zeros(2, 3, 32, 32)


def test_each_run_gets_a_fresh_folder_with_date_time_host_and_name(tmp_path):
    model = vgg(CFG)
    first = Run(model, log_dir=tmp_path, name="λ=1e-4 run", config=CONFIG, example_input=X)
    second = Run(model, log_dir=tmp_path, name="λ=1e-4 run", config=CONFIG, example_input=X)
    first.close(), second.close()
    folders = sorted(os.listdir(tmp_path))
    assert len(folders) == 2 and first.path != second.path
    host = os.uname().nodename.split(".")[0]
    assert all("-%s-" % host in f and "run" in f for f in folders)
    assert folders[0][:8].isdigit() and folders[0][8] == "-"
    events = read(first.path)
    assert [e["type"] for e in events] == ["run", "architecture", "gamma", "end"]
    assert events[0]["run_id"] == os.path.basename(os.path.dirname(first.path)) and events[0]["name"] == "λ=1e-4 run"
    assert events[0]["input"] == {"channels": 3, "height": 32, "width": 32} and events[0]["classes"] == 10
    assert list(events[0]["config"])[:4] == ["model", "cfg", "dataset", "lambda"]
    assert events[0]["config"]["note"] == "kept as extra"


def test_an_existing_path_is_refused_with_how_to_resume_or_choose_another(tmp_path):
    path = tmp_path / "exists.log"
    path.write_text("keep me\n")
    with pytest.raises(FileExistsError) as error:
        Run(vgg(CFG), path=str(path), config=CONFIG, example_input=X)
    assert str(error.value) == ("%s exists and a run log is never overwritten; pass resume=True to continue that run, "
                                "or another path= (or no path= for a fresh folder under log_dir)" % path)
    assert path.read_text() == "keep me\n"


def test_epoch_by_keyword_records_gamma_and_counts_steps(tmp_path):
    model = vgg(CFG)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    with Run(model, path=str(tmp_path / "r.log"), config=CONFIG, example_input=X) as run:
        run.watch(optimizer, every=2)
        for epoch in range(2):
            for _ in range(3):
                optimizer.zero_grad()
                model(torch.randn(2, 3, 32, 32)).sum().backward()
                l1_on_bn(model, 1e-4)
                optimizer.step()
            run.epoch(train_loss=torch.tensor(0.5), train_acc=0.8, test_loss=float("nan"), test_acc=0.75)
    events = read(tmp_path / "r.log")
    kinds = [(e["type"], e.get("step")) for e in events[2:]]
    assert kinds == [("gamma", 0), ("gamma", 2), ("epoch", 3), ("gamma", 3), ("gamma", 4), ("gamma", 6), ("epoch", 6), ("end", None)]
    epoch = events[4]
    assert epoch["phase"] == "sparsity" and epoch["epoch"] == 1 and epoch["lr"] == 0.05 and epoch["test_loss"] == "NaN"
    assert epoch["train_loss"] == 0.5 and epoch["seconds"] > 0
    assert events[3]["epoch"] == 1 and events[-3]["epoch"] == 2 and events[2]["epoch"] == 0
    last = events[-3]["layers"]
    assert list(last) == ["feature.1", "feature.5", "feature.9", "feature.13", "feature.17"]
    assert last["feature.1"] == [float(float32_text(v)) for v in model.feature[1].weight.tolist()]


@pytest.mark.parametrize("field", ["train_acc", "test_acc"])
def test_accuracies_in_percent_are_refused_naming_the_field(tmp_path, field):
    with Run(vgg(CFG), path=str(tmp_path / "p.log"), config=CONFIG, example_input=X) as run:
        values = {"train_loss": 0.5, "train_acc": 0.8, "test_acc": 0.9, "lr": 0.1, "step": 3}
        values[field] = 97.2
        with pytest.raises(ValueError) as error:
            run.epoch(**values)
    assert str(error.value) == "%s=97.2: accuracies are fractions in [0, 1]; divide a percentage by 100" % field
    assert [e["type"] for e in read(tmp_path / "p.log")] == ["run", "architecture", "gamma", "end"]


def test_positional_values_and_a_missing_step_are_refused(tmp_path):
    with Run(vgg(CFG), path=str(tmp_path / "k.log"), config=CONFIG, example_input=X) as run:
        with pytest.raises(TypeError):
            run.epoch(0.5, 0.8)
        with pytest.raises(ValueError) as error:
            run.epoch(train_loss=0.5, train_acc=0.8, lr=0.1)
    assert str(error.value) == "run.epoch needs the optimizer step count: call run.watch(optimizer) once, or pass step="


def test_scalars_are_free_form_series(tmp_path):
    model = vgg(CFG)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    with Run(model, path=str(tmp_path / "s.log"), config=CONFIG, example_input=X) as run:
        run.scalar("penalty", 0.25)
        run.watch(optimizer)
        optimizer.step()
        run.scalar("lr", 0.1)
    scalars = [e for e in read(tmp_path / "s.log") if e["type"] == "scalar"]
    assert scalars == [{"type": "scalar", "pass": 0, "phase": "sparsity", "epoch": 1, "name": "penalty", "value": 0.25},
                       {"type": "scalar", "pass": 0, "phase": "sparsity", "epoch": 1, "step": 1, "name": "lr", "value": 0.1}]


def test_l1_on_bn_adds_the_subgradient_to_gamma_only():
    model = vgg(CFG)
    model(torch.randn(2, 3, 32, 32)).sum().backward()
    before = {n: p.grad.clone() for n, p in model.named_parameters()}
    with torch.no_grad():
        model.feature[1].weight[0] = -0.3
    l1_on_bn(model, 0.01)
    for name, parameter in model.named_parameters():
        module = model.get_submodule(name.rsplit(".", 1)[0])
        if isinstance(module, nn.BatchNorm2d) and name.endswith("weight"):
            assert torch.equal(parameter.grad, before[name] + 0.01 * torch.sign(parameter.detach()))
        else:
            assert torch.equal(parameter.grad, before[name])
    assert model.feature[1].weight.grad[0] == before["feature.1.weight"][0] - 0.01


def test_a_crash_ends_in_failed_and_resume_continues_the_log(tmp_path):
    path = str(tmp_path / "crash.log")
    model = vgg(CFG)
    with pytest.raises(RuntimeError):
        with Run(model, path=path, config=CONFIG, example_input=X) as run:
            run.epoch(train_loss=float("inf"), train_acc=0.1, lr=0.1, step=4)
            raise RuntimeError("diverged")
    assert read(path)[-1]["status"] == "failed" and read(path)[-1]["error"] == "RuntimeError: diverged"
    with Run(model, path=path, resume=True, config=CONFIG, example_input=X) as run:
        run.epoch(train_loss=0.4, train_acc=0.2, lr=0.1, step=8)
    events = read(path)
    resume = events[6]
    assert resume["type"] == "resume" and resume["epoch"] == 2 and resume["pass"] == 0 and resume["phase"] == "sparsity"
    assert resume["step"] == 4
    assert events[7]["type"] == "epoch" and events[7]["epoch"] == 2
    assert slim_report("check", path).returncode == 0


def test_measure_times_the_model_and_every_layer(tmp_path):
    model = vgg(CFG)
    with Run(model, path=str(tmp_path / "m.log"), config=CONFIG, example_input=X) as run:
        run.measure(batches=(1, 4), repeats=3)
    events = read(tmp_path / "m.log")
    measure = events[3]
    names = [l["name"] for l in events[1]["layers"]]
    assert measure["phase"] == "sparsity" and measure["params"] == sum(p.numel() for p in model.parameters())
    assert measure["threads"] == torch.get_num_threads() and measure["cpu"]
    assert [(e["batch"], e["repeats"]) for e in measure["latency"]] == [(1, 3), (4, 3)]
    for entry in measure["latency"]:
        assert 0 < entry["min_ms"] <= entry["median_ms"] <= entry["max_ms"]
        layers = [l["name"] for l in entry["layers"]]
        # every module layer, in architecture order; the functional avgpool/flatten have no hook
        assert layers == [n for n in names if n not in ("avgpool", "flatten")]
        assert all(0 < l["min_ms"] <= l["median_ms"] <= l["max_ms"] for l in entry["layers"])
    assert slim_report("check", tmp_path / "m.log").returncode == 0


def test_the_package_imports_without_torch(tmp_path):
    import subprocess
    import sys
    script = "import sys; sys.modules['torch'] = None\nimport slim_recorder\nprint(slim_recorder.encode_event({'type': 'x'}))"
    package_root = os.path.dirname(os.path.dirname(slim_recorder.__file__))
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True,
                         env=dict(os.environ, PYTHONPATH=package_root))
    assert out.stdout == '{"type":"x"}\n'


def test_on_a_rank_other_than_0_every_call_is_a_no_op(tmp_path, monkeypatch):
    monkeypatch.setenv("RANK", "1")
    model = vgg(CFG)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    with Run(model, log_dir=tmp_path, config=CONFIG, example_input=X) as run:
        run.watch(optimizer, every=1)
        optimizer.step()
        run.epoch(train_loss=0.5, train_acc=0.5)
        run.scalar("x", 1.0)
        run.prune(model, model)
        run.measure()
    assert run.path is None and os.listdir(tmp_path) == []
