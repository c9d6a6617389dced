"""Latency of a model, whole and per layer, measured the same way for every pass.

Each batch size: 3 warm-up passes, then ``repeats`` timed forward passes of the whole model
(no hooks), then ``repeats`` passes with forward hooks timing every module layer. On CUDA the
device is synchronised around every timing, so the times are the kernels', not the launches'.
Operations done with torch functions (``+``, ``torch.cat``, ``F.avg_pool2d``) are in the whole
model's time but have no per-layer entry.
"""
import statistics
import time

import torch

WARMUP = 3


def _summary(times):
    return {"median_ms": statistics.median(times), "min_ms": min(times), "max_ms": max(times)}


def cpu_name():
    """The CPU's model name from /proc/cpuinfo (Linux), else the platform's processor string."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    import platform
    return platform.processor() or None


def _timed_layers(model, x, repeats, calls, sync):
    """{layer name: [ms per repeat]} from forward hooks on the modules in ``calls``."""
    times = {name: [] for names in calls.values() for name in names}
    started, count, handles = {}, {}, []

    def pre(module, inputs):
        sync()
        started[module] = time.perf_counter()

    def post(module, inputs, output):
        sync()
        elapsed = (time.perf_counter() - started[module]) * 1000
        index = count.get(module, 0)
        count[module] = index + 1
        names = calls[module]
        times[names[min(index, len(names) - 1)]].append(elapsed)

    for module in calls:
        handles.append(module.register_forward_pre_hook(pre))
        handles.append(module.register_forward_hook(post))
    try:
        for _ in range(repeats):
            count.clear()
            model(x)
    finally:
        for handle in handles:
            handle.remove()
    return times


def measure_latency(model, example_input, batches, repeats, layer_order, calls):
    """One latency entry per batch size (see docs/run-log.md, `measure`)."""
    cuda = example_input.device.type == "cuda"
    sync = torch.cuda.synchronize if cuda else (lambda: None)
    was_training = model.training
    model.eval()
    entries = []
    try:
        with torch.no_grad():
            for batch in batches:
                x = example_input[:1].expand(batch, *example_input.shape[1:]).contiguous()
                for _ in range(WARMUP):
                    model(x)
                totals = []
                for _ in range(repeats):
                    sync()
                    start = time.perf_counter()
                    model(x)
                    sync()
                    totals.append((time.perf_counter() - start) * 1000)
                per_layer = _timed_layers(model, x, repeats, calls, sync)
                entry = {"batch": int(batch)}
                entry.update(_summary(totals))
                entry["repeats"] = repeats
                entry["layers"] = [dict(name=name, **_summary(per_layer[name])) for name in layer_order if per_layer.get(name)]
                entries.append(entry)
    finally:
        model.train(was_training)
    return entries


def model_size(model):
    """(parameters, bytes of parameters and floating-point buffers)."""
    params = sum(p.numel() for p in model.parameters())
    size = sum(p.numel() * p.element_size() for p in model.parameters())
    size += sum(b.numel() * b.element_size() for b in model.buffers() if b.is_floating_point())
    return params, size
