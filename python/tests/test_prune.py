"""run.prune finds kept channels by itself for the reference VGG, ResNet and DenseNet."""
import pytest
import torch

from slim_recorder import Run

from helpers import copy_pruned, global_masks, randomize, read, slim_report
from models import densenet, resnet, vgg

X = torch.zeros(1, 3, 32, 32)


def prune_and_read(tmp_path, old, new, masks, threshold, **extra):
    path = tmp_path / "prune.log"
    with Run(old, path=str(path), config={"model": "m", "dataset": "cifar10", "lambda": 1e-4}, example_input=X) as run:
        run.prune(old, new, ratio=0.5, threshold=threshold, accuracy_before=0.9, **extra)
        run.epoch(train_loss=0.4, train_acc=0.85, lr=0.01, step=5)
    check = slim_report("check", path)
    assert check.returncode == 0, check.stdout + check.stderr
    return read(path)


def expected_kept(masks):
    return {name: [int(i) for i in mask.nonzero().flatten()] for name, mask in masks.items()}


def test_vgg_kept_channels_come_from_the_copied_values(tmp_path):
    cfg = [6, "M", 8, "M", 8, "M", 8, "M", 8]
    old = randomize(vgg(cfg))
    masks, threshold = global_masks(old, 0.5)
    widths = iter(int(m.sum()) for m in masks.values())
    new = copy_pruned(old, vgg([v if v == "M" else next(widths) for v in cfg]), masks)
    events = prune_and_read(tmp_path, old, new, masks, threshold)
    prune = events[3]
    assert {l["layer"]: l["kept"] for l in prune["layers"]} == expected_kept(masks)
    assert "warnings" not in prune and all("guard" not in l for l in prune["layers"])
    assert prune["pass"] == 1 and events[4]["type"] == "architecture" and events[4]["pass"] == 1
    assert events[6]["phase"] == "finetune"


def test_resnet_bn1_kept_channels_come_from_the_selection_not_the_copied_statistics(tmp_path):
    old = randomize(resnet())
    masks, threshold = global_masks(old, 0.6)
    kept = {name: int(mask.sum()) for name, mask in masks.items()}
    cfg = []
    for stage in (1, 2, 3):
        prefix = "layer%d.0." % stage
        cfg += [kept[prefix + "bn1"], kept[prefix + "bn2"], kept[prefix + "bn3"]]
    new = copy_pruned(old, resnet(cfg + [kept["bn"]]), masks)
    assert new.layer1[0].bn1.num_features == 16  # resprune.py copies bn1 whole
    prune = prune_and_read(tmp_path, old, new, masks, threshold)[3]
    assert {l["layer"]: l["kept"] for l in prune["layers"]} == expected_kept(masks)
    by_layer = {l["layer"]: l for l in prune["layers"]}
    assert by_layer["layer1.0.bn1"]["before"] == 16 and by_layer["layer1.0.bn1"]["after"] == kept["layer1.0.bn1"] < 16
    assert "warnings" not in prune


def test_densenet_kept_channels_come_from_every_selection(tmp_path):
    old = randomize(densenet())
    masks, threshold = global_masks(old, 0.5)
    new = copy_pruned(old, densenet(cfg=[int(m.sum()) for m in masks.values()]), masks)
    prune = prune_and_read(tmp_path, old, new, masks, threshold)[3]
    assert {l["layer"]: l["kept"] for l in prune["layers"]} == expected_kept(masks)
    assert "warnings" not in prune


def test_a_mask_that_drops_a_channel_above_the_threshold_is_a_warning(tmp_path):
    cfg = [4, "M", 4, "M", 4, "M", 4, "M", 4]
    old = vgg(cfg)
    with torch.no_grad():
        for bn in [m for m in old.modules() if isinstance(m, torch.nn.BatchNorm2d)]:
            bn.weight.copy_(torch.tensor([0.9, 0.1, 0.5, 0.05]))
    masks = {n: torch.tensor([True, False, True, False]) for n, m in old.named_modules() if isinstance(m, torch.nn.BatchNorm2d)}
    masks["feature.1"] = torch.tensor([True, False, False, False])
    masks["feature.5"] = torch.tensor([False, True, False, False])
    path = tmp_path / "masks.log"
    new = vgg([1, "M", 1, "M", 2, "M", 2, "M", 2])
    with Run(old, path=str(path), config={"model": "m", "dataset": "cifar10"}, example_input=X) as run:
        run.prune(old, new, ratio=0.5, threshold=0.3, masks=masks)
    prune = read(path)[3]
    assert [l["kept"] for l in prune["layers"]][:2] == [[0], [1]]
    assert prune["layers"][1]["guard"] == "min_channels"
    assert prune["warnings"] == [
        "feature.1: 1 dropped channel had |γ| above the threshold 0.3 (channel 2)",
        "feature.5: 2 of 4 channels were above the threshold; 1 kept",
        "feature.5: 2 dropped channels had |γ| above the threshold 0.3 (channels 0, 2)"]


def test_prune_accuracies_in_percent_are_refused(tmp_path):
    old = vgg([4, "M", 4, "M", 4, "M", 4, "M", 4])
    with Run(old, path=str(tmp_path / "a.log"), config={"model": "m", "dataset": "d"}, example_input=X) as run:
        with pytest.raises(ValueError, match="^accuracy_after=91.0: accuracies are fractions"):
            run.prune(old, old, accuracy_before=0.9, accuracy_after=91.0)
