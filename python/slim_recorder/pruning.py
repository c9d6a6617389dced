"""The prune event between two models: widths, kept channels and the global threshold."""
import torch
import torch.nn as nn


def _batchnorms(model):
    return [(name, module) for name, module in model.named_modules() if isinstance(module, nn.BatchNorm2d)]


def _kept_by_statistics(old, new):
    """Channels of ``old`` whose running mean and variance reappear unchanged in ``new``, in order."""
    kept, start = [], 0
    old_mean, old_var = old.running_mean.cpu(), old.running_var.cpu()
    for mean, var in zip(new.running_mean.cpu(), new.running_var.cpu()):
        found = next((j for j in range(start, len(old_mean)) if old_mean[j] == mean and old_var[j] == var), None)
        if found is None:
            return None
        kept.append(found)
        start = found + 1
    return kept


def describe_prune(old_model, new_model, ratio, threshold=None, masks=None):
    """A slim-run/1 prune event (without pass and accuracies)."""
    old_bns, new_bns = _batchnorms(old_model), dict(_batchnorms(new_model)) if new_model is not None else {}
    layers, warnings, kept_all = [], [], []
    for name, old in old_bns:
        gamma = old.weight.detach().abs().cpu()
        if masks is not None and name in masks:
            kept = [int(i) for i in torch.nonzero(masks[name]).flatten()]
        elif name in new_bns:
            kept = _kept_by_statistics(old, new_bns[name])
            if kept is None:
                count = new_bns[name].num_features
                kept = sorted(int(i) for i in torch.argsort(gamma, descending=True)[:count])
                warnings.append("%s: kept channels inferred as the %d largest |γ|" % (name, count))
        else:
            raise ValueError("BN layer %s is missing from the new model and from masks" % name)
        layers.append({"layer": name, "before": old.num_features, "after": len(kept), "kept": kept})
        kept_all.append((gamma, set(kept)))
    pooled = torch.cat([gamma for gamma, _ in kept_all]) if kept_all else torch.zeros(0)
    if threshold is None:
        dropped = [float(g[i]) for g, keep in kept_all for i in range(len(g)) if i not in keep]
        threshold = max(dropped) if dropped else 0.0
    threshold = float(threshold)
    for layer, (gamma, keep) in zip(layers, kept_all):
        if any(float(gamma[i]) <= threshold for i in keep):
            layer["guard"] = "min_channels"
            above = int((gamma > threshold).sum())
            warnings.append("%s: %d of %d channels were above the threshold; %d kept"
                            % (layer["layer"], above, len(gamma), len(keep)))
    index = int((pooled < threshold).sum())
    return {"type": "prune", "ratio": ratio, "threshold": threshold, "threshold_index": index,
            "total_channels": int(pooled.numel()), "layers": layers, "warnings": warnings}
