"""The recorder names layers as `slim-report import` does for the same reference model."""
import pytest
import torch

from slim_recorder.architecture import trace_layers

from helpers import copy_pruned, global_masks, randomize, read, slim_report
from models import densenet, resnet, vgg

X = torch.zeros(1, 3, 32, 32)


def pruned_resnet():
    old = randomize(resnet())
    masks, _ = global_masks(old, 0.5)
    kept = {name: int(mask.sum()) for name, mask in masks.items()}
    cfg = [kept["layer%d.0.%s" % (stage, bn)] for stage in (1, 2, 3) for bn in ("bn1", "bn2", "bn3")]
    return copy_pruned(old, resnet(cfg + [kept["bn"]]), masks)


def pruned_densenet():
    old = randomize(densenet())
    masks, _ = global_masks(old, 0.5)
    return copy_pruned(old, densenet(cfg=[int(m.sum()) for m in masks.values()]), masks)


def imported_layers(tmp_path, model):
    checkpoint, log = tmp_path / "model.pth.tar", tmp_path / "imported.log"
    torch.save({"epoch": 1, "state_dict": model.state_dict()}, checkpoint)
    result = slim_report("import", checkpoint, "-o", log)
    assert result.returncode == 0, result.stderr
    return next(e for e in read(log) if e["type"] == "architecture")["layers"]


@pytest.mark.parametrize("make", [lambda: vgg([4, "M", 8, "M", 8, "M", 8, "M", 8]), resnet, densenet, pruned_resnet, pruned_densenet],
                         ids=["vgg", "resnet", "densenet", "pruned-resnet", "pruned-densenet"])
def test_layer_names_ops_and_shapes_equal_the_importers(tmp_path, make):
    model = make()
    def key(layer):
        return layer["name"], layer["op"], layer["in_shape"], layer["out_shape"], layer.get("selected")
    recorded = [key(l) for l in trace_layers(model, X)]
    assert recorded == [key(l) for l in imported_layers(tmp_path, model)]
    names = [name for name, *_ in recorded]
    if "layer1.0.relu1" in names:
        assert "layer1.0.relu3" in names and "layer1.0.relu" not in names and "layer1.0.add" in names


def test_a_branch_names_its_inputs_and_a_reused_module_is_numbered():
    from models import Bottleneck
    block = Bottleneck(8, 2, stride=2, downsample=torch.nn.Sequential(torch.nn.Conv2d(8, 8, 1, stride=2, bias=False)), selected=4)
    block.select.indexes.data[::2] = 0
    layers = trace_layers(block, torch.zeros(1, 8, 8, 8))
    assert [l["name"] for l in layers] == ["bn1", "select", "relu1", "conv1", "bn2", "relu2", "conv2", "bn3", "relu3",
                                           "conv3", "downsample.0", "add"]
    assert layers[1]["selected"] == [1, 3, 5, 7] and layers[1]["out_shape"] == [4, 8, 8]
    assert layers[-2]["inputs"] == ["input"] and layers[-1]["inputs"] == ["conv3", "downsample.0"]
    assert all("inputs" not in l for l in layers[:-2])
