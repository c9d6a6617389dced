"""The Network Slimming sparsity term."""


def l1_on_bn(model, lam):
    """Adds λ·sign(γ) to the gradient of every BatchNorm2d's γ: the subgradient of λ·Σ|γ|
    (``updateBN`` of the reference ``main.py``). Call after ``loss.backward()`` and before
    ``optimizer.step()``. Under DDP the gradients are already averaged and γ is equal on every
    rank, so every rank adds the same term."""
    import torch
    import torch.nn as nn
    if lam == 0:
        return
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.BatchNorm2d) and module.weight is not None and module.weight.grad is not None:
                module.weight.grad.add_(torch.sign(module.weight), alpha=lam)
