"""Makes the PyTorch cross-check fixtures under Tests/SlimEngineTests/Fixtures (run once).

    python3 scripts/pytorch/make_fixture.py

For each small VGG it stores, as safetensors: the initial parameters and buffers
(`init.<name>`), the input batch (`input`) and labels (`labels`), the training-mode logits
(`logits`) and loss (`loss`), every gradient of the first backward pass (`grad.<name>`) and
every parameter and buffer after 3 SGD steps on the same batch (`step3.<name>`). The Swift
tests read these without torch. Dev-only: torch is never a runtime or test dependency.
"""
import json
import os
import struct

import torch
import torch.nn.functional as F

from slim_vgg import VGG

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "Tests", "SlimEngineTests", "Fixtures")
LR, MOMENTUM, WEIGHT_DECAY = 0.1, 0.9, 1e-4


def write_safetensors(path, tensors, metadata):
    header, blobs, offset = {"__metadata__": metadata}, [], 0
    for name, t in tensors.items():
        data = t.detach().contiguous().to(torch.float32).numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path + ".tmp", "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))
    os.replace(path + ".tmp", path)


def state(model):
    return {k: v.clone() for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}


def make(name, cfg, channels, size, classes, batch):
    torch.manual_seed(0)
    model = VGG(cfg, channels, size, classes)
    model.train()
    x = torch.randn(batch, channels, size, size)
    y = torch.randint(0, classes, (batch,))
    tensors = {"init." + k: v for k, v in state(model).items()}
    tensors["input"], tensors["labels"] = x, y.float()
    opt = torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM, weight_decay=WEIGHT_DECAY)
    for step in range(3):
        opt.zero_grad()
        logits = model(x)
        loss = F.cross_entropy(logits, y)
        loss.backward()
        if step == 0:
            tensors["logits"], tensors["loss"] = logits, loss.reshape(1)
            tensors.update({"grad." + k: p.grad.clone() for k, p in model.named_parameters()})
        opt.step()
    tensors.update({"step3." + k: v for k, v in state(model).items()})
    metadata = {"cfg": ",".join(str(v) for v in cfg), "input": f"{channels},{size},{size}", "classes": str(classes),
                "lr": str(LR), "momentum": str(MOMENTUM), "weight_decay": str(WEIGHT_DECAY), "torch": torch.__version__}
    write_safetensors(os.path.join(OUT, name + ".safetensors"), tensors, metadata)


if __name__ == "__main__":
    make("vgg-avgpool", [4, "M", 6], channels=3, size=8, classes=3, batch=4)
    make("vgg-flatten", [4, "M", 6, "M"], channels=1, size=8, classes=3, batch=4)
    # Convolutions of 16 and more channels run through Winograd F(4×4, 3×3) in Slim.
    make("vgg-winograd", [16, 17, "M", 20], channels=3, size=10, classes=3, batch=8)
