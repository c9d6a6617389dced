"""Two DDP ranks (torchrun, gloo, CPU): one valid log from rank 0, nothing from rank 1."""
import json
import os
import subprocess
import sys

from slim_recorder import float32_text

from helpers import read, slim_report

HERE = os.path.dirname(os.path.abspath(__file__))


def test_torchrun_with_two_ranks_writes_one_log_with_rank_0s_gamma(tmp_path):
    log_dir, gamma_file = tmp_path / "runs", tmp_path / "rank0-gamma.json"
    result = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--nproc_per_node=2", "--standalone",
                             os.path.join(HERE, "ddp_train.py"), str(log_dir), str(gamma_file)],
                            capture_output=True, text=True, timeout=300, env=dict(os.environ, OMP_NUM_THREADS="1"))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    folders = os.listdir(log_dir)
    assert len(folders) == 1 and os.listdir(log_dir / folders[0]) == ["run.log"]
    path = log_dir / folders[0] / "run.log"
    events = read(path)
    assert [e["type"] for e in events if e["type"] != "gamma"] == ["run", "architecture", "epoch", "epoch", "prune",
                                                                   "architecture", "measure", "epoch", "end"]
    assert events[0]["environment"]["world_size"] == 2
    assert all(not name.startswith("module.") for name in events[-2]["layers"])
    with open(gamma_file) as f:
        expected = json.load(f)
    assert events[-2]["type"] == "gamma" and events[-2]["pass"] == 1
    assert events[-2]["layers"] == {name: [float(float32_text(v)) for v in values] for name, values in expected.items()}
    steps = [e["step"] for e in events if e["type"] == "epoch"]
    assert steps == [8, 16, 24]  # 400 images per rank in batches of 50: 8 steps an epoch, counted once
    check = slim_report("check", path)
    assert check.returncode == 0, check.stdout + check.stderr
