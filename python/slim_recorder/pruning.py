"""The prune event between two models: widths, kept channels and the global threshold.

Kept channels of each BN layer, in this order of evidence:

1. ``masks[name]`` when the caller gives one;
2. a channel selection reading the BN in the pruned model (the reference ResNet/DenseNet
   ``select.indexes``; the BN itself keeps its full width there, so its values say nothing);
3. the channels whose (γ, β, running mean, running variance), or failing that (γ, β), reappear
   in the pruned BN in order — what ``vggprune.py``, ``resprune.py`` and Torch-Pruning copy;
4. the largest |γ|, with a warning (the pruned model was trained after the prune).
"""
import torch
import torch.nn as nn


def batchnorms(model):
    """[(name, BatchNorm2d)] in module order."""
    return [(name, module) for name, module in model.named_modules() if isinstance(module, nn.BatchNorm2d)]


def _match_in_order(old_rows, new_rows):
    """Indices of ``old_rows`` that equal ``new_rows`` in order, or None."""
    kept, start = [], 0
    for row in new_rows:
        found = next((j for j in range(start, len(old_rows)) if old_rows[j] == row), None)
        if found is None:
            return None
        kept.append(found)
        start = found + 1
    return kept


def _rows(bn, with_statistics):
    columns = [bn.weight, bn.bias] if bn.affine else []
    if with_statistics and bn.running_mean is not None:
        columns += [bn.running_mean, bn.running_var]
    if not columns:
        return None
    return [tuple(row) for row in torch.stack([c.detach().cpu().float() for c in columns], 1).tolist()]


def _kept_by_values(old, new):
    for with_statistics in (True, False):
        old_rows, new_rows = _rows(old, with_statistics), _rows(new, with_statistics)
        if old_rows is not None:
            kept = _match_in_order(old_rows, new_rows)
            if kept is not None:
                return kept
    return None


def selections_after_batchnorms(layers):
    """{BN name: selected channels} for every ``select`` layer that reads a BN directly."""
    by_name = {layer["name"]: layer for layer in layers}
    result, previous = {}, None
    for layer in layers:
        inputs = layer.get("inputs", [])
        source = by_name.get(inputs[0]) if len(inputs) == 1 else (previous if not inputs else None)
        if layer["op"] == "select" and source is not None and source["op"] == "batchnorm2d":
            result[source["name"]] = layer["selected"]
        previous = layer
    return result


def kept_channels(name, old, new, selection, mask, warnings):
    """The kept channel indices of one BN layer (see the module doc for the order of evidence)."""
    if mask is not None:
        mask = torch.as_tensor(mask).detach().cpu().flatten()
        if mask.numel() != old.num_features:
            raise ValueError("masks[%r] has %d entries; the BN layer has %d channels" % (name, mask.numel(), old.num_features))
        return [int(i) for i in torch.nonzero(mask).flatten()]
    if new is None:
        raise ValueError("BN layer %s is missing from the pruned model and from masks" % name)
    if selection is not None and new.num_features == old.num_features:
        return list(selection)
    if new.num_features == old.num_features:
        return list(range(old.num_features))
    kept = _kept_by_values(old, new)
    if kept is None:
        gamma = old.weight.detach().abs().cpu()
        kept = sorted(int(i) for i in torch.argsort(gamma, descending=True)[:new.num_features])
        warnings.append("%s: the pruned BN's values are not a copy of the original's; kept channels taken as the %d largest |γ|"
                        % (name, new.num_features))
    return kept


def describe_prune(old_model, new_model, new_layers, ratio=None, threshold=None, masks=None):
    """A slim-run/1 prune event (without pass and accuracies). ``new_layers`` is the traced
    architecture of ``new_model`` (for its channel selections)."""
    selections = selections_after_batchnorms(new_layers) if new_layers is not None else {}
    new_bns = dict(batchnorms(new_model)) if new_model is not None else {}
    masks = masks or {}
    layers, warnings, pooled = [], [], []
    for name, old in batchnorms(old_model):
        kept = kept_channels(name, old, new_bns.get(name), selections.get(name), masks.get(name), warnings)
        gamma = old.weight.detach().abs().cpu().float() if old.affine else torch.ones(old.num_features)
        layers.append({"layer": name, "before": old.num_features, "after": len(kept), "kept": kept})
        pooled.append((gamma, kept))
    total = sum(len(g) for g, _ in pooled)
    dropped = [float(g[i]) for g, keep in pooled for i in sorted(set(range(len(g))) - set(keep))]
    given = threshold is not None
    threshold = float(threshold) if given else (max(dropped) if dropped else 0.0)
    if ratio is None:
        ratio = len(dropped) / total if total else 0.0
    if not given:
        under = sum(1 for g, keep in pooled for i in keep if float(g[i]) <= threshold)
        if under:
            # Without a given threshold, kept channels under the largest dropped |γ| mean the
            # pruner ranked channels by another rule (Torch-Pruning: importance summed over
            # coupled layers), not that a collapse guard kept them.
            warnings.append("%d kept channels have |γ| at or under the largest dropped |γ| %s: the channels were not chosen "
                            "by one global |γ| threshold" % (under, _short(threshold)))
        return _event(ratio, threshold, pooled, layers, warnings)
    for layer, (gamma, keep) in zip(layers, pooled):
        kept_set = set(keep)
        if any(float(gamma[i]) <= threshold for i in keep):
            layer["guard"] = "min_channels"
            above = int((gamma > threshold).sum())
            warnings.append("%s: %d of %d channels were above the threshold; %d kept"
                            % (layer["layer"], above, len(gamma), len(keep)))
        lost = [i for i in range(len(gamma)) if i not in kept_set and float(gamma[i]) > threshold]
        if lost:
            warnings.append("%s: %d dropped channel%s had |γ| above the threshold %s (channel%s %s)"
                            % (layer["layer"], len(lost), "" if len(lost) == 1 else "s", _short(threshold),
                               "" if len(lost) == 1 else "s", ", ".join(str(i) for i in lost[:8]) + (", …" if len(lost) > 8 else "")))
    return _event(ratio, threshold, pooled, layers, warnings)


def _event(ratio, threshold, pooled, layers, warnings):
    everything = torch.cat([g for g, _ in pooled]) if pooled else torch.zeros(0)
    return {"ratio": float(ratio), "threshold": threshold, "threshold_index": int((everything < threshold).sum()),
            "total_channels": int(everything.numel()), "layers": layers, "warnings": warnings}


def _short(value):
    return "%.6g" % value
