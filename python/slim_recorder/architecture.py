"""The architecture of an nn.Module as slim-run/1 layers, found by tracing one forward pass.

Leaf modules (conv, BN, ReLU, pools, linear, flatten, channel selection) are seen through
forward hooks; what a forward() does with plain torch functions (``out + residual``,
``torch.cat``, ``F.avg_pool2d``, ``x.view(n, -1)``) is seen through a TorchFunctionMode.
Every tensor is mapped to the layer that produced it, so branches get explicit ``inputs``.

Naming rule (the same as ``slim-report import`` for the reference models): a module's layer is
named by its ``named_modules()`` name; an operation done with a torch function is named
``<enclosing module>.<op>`` with op ``add``, ``concat``, ``relu``, ``flatten``, ``avgpool`` or
``maxpool``. A name that occurs k > 1 times in one forward pass (a ``self.relu`` called three
times, two ``+`` in one block) is numbered 1…k in call order: ``relu1``, ``relu2``, ``relu3``.
"""
import torch
import torch.nn as nn
from torch.overrides import TorchFunctionMode

_ADD = {"add", "__add__", "__iadd__", "add_", "__radd__"}
_CAT = {"cat", "concat", "concatenate"}
_FLATTEN = {"flatten", "view", "reshape"}
_POOL = {"avg_pool2d": ("avgpool", "avgpool2d"), "max_pool2d": ("maxpool", "maxpool2d"),
         "adaptive_avg_pool2d": ("avgpool", "global_avgpool")}
_RECORDED = (nn.Conv2d, nn.BatchNorm2d, nn.ReLU, nn.MaxPool2d, nn.AvgPool2d, nn.AdaptiveAvgPool2d, nn.Flatten, nn.Linear)


def _pair(value):
    return list(value) if isinstance(value, (tuple, list)) else [value, value]


def _shape(tensor):
    return list(tensor.shape[1:])


def is_channel_selection(module):
    """The reference code's channel_selection: a module with an ``indexes`` parameter mask."""
    return isinstance(getattr(module, "indexes", None), torch.Tensor) and not list(module.children())


def is_recorded(module):
    """Whether a module becomes a layer of its own (the others are containers or pass-throughs)."""
    return isinstance(module, _RECORDED) or is_channel_selection(module)


def unwrap(model):
    """The model inside DistributedDataParallel, DataParallel or torch.compile, so names carry
    no ``module.`` or ``_orig_mod.`` prefix."""
    while True:
        if isinstance(model, (nn.parallel.DistributedDataParallel, nn.DataParallel)):
            model = model.module
        elif hasattr(model, "_orig_mod") and isinstance(model._orig_mod, nn.Module):
            model = model._orig_mod
        else:
            return model


def _module_fields(module, output):
    if isinstance(module, nn.Conv2d):
        return dict(op="conv2d", kernel=_pair(module.kernel_size), stride=_pair(module.stride),
                    padding=_pair(module.padding), groups=module.groups, bias=module.bias is not None)
    if isinstance(module, nn.BatchNorm2d):
        return dict(op="batchnorm2d", prunable=True)
    if isinstance(module, nn.ReLU):
        return dict(op="relu")
    if isinstance(module, (nn.MaxPool2d, nn.AvgPool2d)):
        return dict(op="maxpool2d" if isinstance(module, nn.MaxPool2d) else "avgpool2d",
                    kernel=_pair(module.kernel_size), stride=_pair(module.stride or module.kernel_size),
                    padding=_pair(module.padding))
    if isinstance(module, nn.AdaptiveAvgPool2d):
        return dict(op="global_avgpool", out_shape=[output.shape[1]])
    if isinstance(module, nn.Flatten):
        return dict(op="flatten")
    if isinstance(module, nn.Linear):
        return dict(op="linear", bias=module.bias is not None)
    return dict(op="select", selected=[int(i) for i in torch.nonzero(module.indexes.detach()).flatten()])


class _Tracer(TorchFunctionMode):
    """Collects layers under provisional names; ``finish`` applies the naming rule."""

    def __init__(self, model):
        super().__init__()
        self.layers = []      # layer dicts; "name" is the base name, "inputs" are layer indices
        self.calls = []       # the module (or None) behind each layer
        self.producer = {}    # id(tensor) → layer index (-1 = the network input)
        self.alive = []       # keeps traced tensors alive so their ids stay unique
        self.depth = 0
        self.containers = []
        self.module_names = {module: name for name, module in model.named_modules()}

    def source(self, tensor):
        return self.producer.get(id(tensor), -1)

    def add(self, layer, inputs, output, module=None):
        sources = [self.source(t) for t in inputs]
        # add/concat always name their inputs; a single-input layer only when it branches.
        if len(sources) > 1 or sources[0] != len(self.layers) - 1:
            layer["inputs"] = sources
        self.layers.append(layer)
        self.calls.append(module)
        self.keep(output, len(self.layers) - 1)

    def keep(self, tensor, index):
        self.producer[id(tensor)] = index
        self.alive.append(tensor)

    def functional(self, op, base, tensors, output, **fields):
        container = self.containers[-1] if self.containers else ""
        name = (container + "." if container else "") + base
        # concat: the shape of the last operand (the new features), as slim-report import writes it
        layer = {"name": name, "op": op, "in_shape": _shape(tensors[-1]), "out_shape": _shape(output)}
        layer.update(fields)
        self.add(layer, tensors, output)

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        output = func(*args, **kwargs)
        if self.depth > 0 or not isinstance(output, torch.Tensor):
            return output
        name = getattr(func, "__name__", "")
        tensors = list(args[0]) if name in _CAT else [a for a in args if isinstance(a, torch.Tensor)]
        if not tensors or not any(id(t) in self.producer for t in tensors):
            return output
        if name in _ADD and len(tensors) == 2:
            self.functional("add", "add", tensors, output)
        elif name in _CAT:
            self.functional("concat", "concat", tensors, output)
        elif name in ("relu", "relu_"):
            self.functional("relu", "relu", tensors[:1], output)
        elif name in _FLATTEN and output.dim() == 2 and tensors[0].dim() == 4:
            self.functional("flatten", "flatten", tensors[:1], output)
        elif name in _POOL:
            base, op = _POOL[name]
            fields = {}
            if op != "global_avgpool":
                kernel = _pair(args[1] if len(args) > 1 else kwargs.get("kernel_size"))
                stride = args[2] if len(args) > 2 and args[2] is not None else kwargs.get("stride") or kernel
                fields = dict(kernel=kernel, stride=_pair(stride), padding=_pair(kwargs.get("padding", 0)))
            elif output.shape[-1] != 1 or output.shape[-2] != 1:
                op = "avgpool2d"  # adaptive pooling to more than 1×1 is not a global pool
            self.functional(op, base, tensors[:1], output, **fields)
            if op == "global_avgpool":
                self.layers[-1]["out_shape"] = [output.shape[1]]
        elif id(tensors[0]) in self.producer and output.data_ptr() == tensors[0].data_ptr() and output.shape == tensors[0].shape:
            # A view or in-place op that changes nothing the log records: same producer.
            self.keep(output, self.producer[id(tensors[0])])
        return output

    def finish(self):
        """Layers with final names, and {module: [layer name per call]}."""
        counts = {}
        for layer in self.layers:
            counts[layer["name"]] = counts.get(layer["name"], 0) + 1
        taken = {name for name, count in counts.items() if count == 1}
        seen, names = {}, []
        for layer in self.layers:
            base = layer["name"]
            if counts[base] == 1:
                names.append(base)
                continue
            seen[base] = seen.get(base, 0) + 1
            name = "%s%d" % (base, seen[base])
            while name in taken:  # a module already called e.g. relu1: keep names unique
                name += "_"
            taken.add(name)
            names.append(name)
        calls = {}
        for layer, name, module in zip(self.layers, names, self.calls):
            layer["name"] = name
            if "inputs" in layer:
                layer["inputs"] = [names[i] if i >= 0 else "input" for i in layer["inputs"]]
            if module is not None:
                calls.setdefault(module, []).append(name)
        return self.layers, calls


def trace(model, example_input):
    """(layers, {module: [its layer name per call]}) from one forward pass on ``example_input``."""
    model = unwrap(model)
    tracer = _Tracer(model)
    handles = []

    def pre_hook(module, inputs):
        if is_recorded(module) or not list(module.children()):
            tracer.depth += 1
        else:
            tracer.containers.append(tracer.module_names.get(module, ""))

    def post_hook(module, inputs, output):
        if is_recorded(module):
            layer = {"name": tracer.module_names.get(module, "") or "layer", "op": None,
                     "in_shape": _shape(inputs[0]), "out_shape": _shape(output)}
            layer.update(_module_fields(module, output))
            tracer.depth -= 1
            tracer.add(layer, [inputs[0]], output, module)
        elif not list(module.children()):
            # Dropout and other shape-keeping leaves: the output stands for the input.
            tracer.depth -= 1
            if isinstance(output, torch.Tensor) and inputs and isinstance(inputs[0], torch.Tensor):
                tracer.keep(output, tracer.source(inputs[0]))
        else:
            tracer.containers.pop()

    for module in model.modules():
        if module is not model:
            handles.append(module.register_forward_pre_hook(pre_hook))
            handles.append(module.register_forward_hook(post_hook))
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad(), tracer:
            tracer.alive.append(example_input)
            model(example_input)
    finally:
        model.train(was_training)
        for handle in handles:
            handle.remove()
    return tracer.finish()


def trace_layers(model, example_input):
    """Layers of ``model`` in execution order, from one forward pass on ``example_input``."""
    return trace(model, example_input)[0]
