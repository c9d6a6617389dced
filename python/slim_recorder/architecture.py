"""The architecture of an nn.Module as slim-run/1 layers, found by tracing one forward pass.

Leaf modules (conv, BN, ReLU, pools, linear, flatten, channel selection) are seen through
forward hooks; what a forward() does with plain torch functions (``out + residual``,
``torch.cat``, ``F.avg_pool2d``, ``x.view(n, -1)``) is seen through a TorchFunctionMode.
Every tensor is mapped to the layer that produced it, so branches get explicit ``inputs``.
"""
import torch
import torch.nn as nn
from torch.overrides import TorchFunctionMode

_ADD = {"add", "__add__", "__iadd__", "add_", "__radd__"}
_CAT = {"cat", "concat", "concatenate"}
_FLATTEN = {"flatten", "view", "reshape"}
_POOL = {"avg_pool2d": "avgpool2d", "max_pool2d": "maxpool2d", "adaptive_avg_pool2d": "global_avgpool"}


def _pair(value):
    return list(value) if isinstance(value, (tuple, list)) else [value, value]


def _shape(tensor):
    return list(tensor.shape[1:])


_RECORDED = (nn.Conv2d, nn.BatchNorm2d, nn.ReLU, nn.MaxPool2d, nn.AvgPool2d, nn.AdaptiveAvgPool2d, nn.Flatten, nn.Linear)


def _is_recorded(module):
    return isinstance(module, _RECORDED) or is_channel_selection(module)


def is_channel_selection(module):
    """The reference code's channel_selection: a module with an ``indexes`` parameter mask."""
    return isinstance(getattr(module, "indexes", None), torch.Tensor) and not list(module.children())


class _Tracer(TorchFunctionMode):
    def __init__(self, model):
        super().__init__()
        self.layers = []
        self.names = set()
        self.producer = {}
        self.alive = []
        self.depth = 0
        self.containers = []
        self.module_names = {module: name for name, module in model.named_modules()}

    def unique(self, name):
        base, count = name or "layer", 1
        while name in self.names or not name:
            count += 1
            name = "%s_%d" % (base, count)
        self.names.add(name)
        return name

    def source(self, tensor):
        return self.producer.get(id(tensor), "")

    def add(self, layer, inputs, output):
        previous = self.layers[-1]["name"] if self.layers else ""
        sources = [self.source(t) for t in inputs]
        # add/concat always name their inputs; a single-input layer only when it branches.
        if len(sources) > 1 or sources[0] != previous:
            layer["inputs"] = sources
        self.layers.append(layer)
        self.producer[id(output)] = layer["name"]
        self.alive.append(output)

    def module_layer(self, module, name, tensor, output):
        base = {"name": self.unique(name), "op": None, "in_shape": _shape(tensor), "out_shape": _shape(output)}
        if isinstance(module, nn.Conv2d):
            base.update(op="conv2d", kernel=_pair(module.kernel_size), stride=_pair(module.stride),
                        padding=_pair(module.padding), groups=module.groups, bias=module.bias is not None)
        elif isinstance(module, nn.BatchNorm2d):
            base.update(op="batchnorm2d", prunable=True)
        elif isinstance(module, nn.ReLU):
            base.update(op="relu")
        elif isinstance(module, (nn.MaxPool2d, nn.AvgPool2d)):
            base.update(op="maxpool2d" if isinstance(module, nn.MaxPool2d) else "avgpool2d",
                        kernel=_pair(module.kernel_size), stride=_pair(module.stride or module.kernel_size),
                        padding=_pair(module.padding))
        elif isinstance(module, nn.AdaptiveAvgPool2d):
            base.update(op="global_avgpool", out_shape=[output.shape[1]])
        elif isinstance(module, nn.Flatten):
            base.update(op="flatten")
        elif isinstance(module, nn.Linear):
            base.update(op="linear", bias=module.bias is not None)
        else:
            base.update(op="select", selected=[int(i) for i in torch.nonzero(module.indexes.detach()).flatten()])
        return base

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        output = func(*args, **kwargs)
        if self.depth > 0 or not isinstance(output, torch.Tensor):
            return output
        name = getattr(func, "__name__", "")
        tensors = [a for a in args if isinstance(a, torch.Tensor)]
        if name in _CAT:
            tensors = list(args[0])
        if not tensors or not any(id(t) in self.producer for t in tensors):
            return output
        container = self.containers[-1] if self.containers else ""
        prefix = container + "." if container else ""
        if name in _ADD and len(tensors) == 2:
            layer = {"name": self.unique(prefix + "add"), "op": "add", "in_shape": _shape(tensors[0]), "out_shape": _shape(output)}
            self.add(layer, tensors, output)
        elif name in _CAT:
            layer = {"name": self.unique(prefix + "concat"), "op": "concat", "in_shape": _shape(tensors[0]), "out_shape": _shape(output)}
            self.add(layer, tensors, output)
        elif name in ("relu", "relu_"):
            self.add({"name": self.unique(prefix + "relu"), "op": "relu", "in_shape": _shape(tensors[0]),
                      "out_shape": _shape(output)}, tensors[:1], output)
        elif name in _FLATTEN and output.dim() == 2 and tensors[0].dim() == 4:
            self.add({"name": self.unique(prefix + "flatten"), "op": "flatten", "in_shape": _shape(tensors[0]),
                      "out_shape": _shape(output)}, tensors[:1], output)
        elif name in _POOL:
            layer = {"name": self.unique(prefix + name.replace("_", "")), "op": _POOL[name],
                     "in_shape": _shape(tensors[0]), "out_shape": _shape(output)}
            if name != "adaptive_avg_pool2d":
                kernel = _pair(args[1] if len(args) > 1 else kwargs.get("kernel_size"))
                stride = args[2] if len(args) > 2 and args[2] is not None else kwargs.get("stride") or kernel
                layer.update(kernel=kernel, stride=_pair(stride), padding=_pair(kwargs.get("padding", 0)))
            elif output.shape[-1] == 1 and output.shape[-2] == 1:
                layer["out_shape"] = [output.shape[1]]
            self.add(layer, tensors[:1], output)
        elif id(tensors[0]) in self.producer and output.data_ptr() == tensors[0].data_ptr() and output.shape == tensors[0].shape:
            # A view or in-place op that changes nothing the log records: same producer.
            self.producer[id(output)] = self.producer[id(tensors[0])]
            self.alive.append(output)
        return output


def trace_layers(model, example_input):
    """Layers of ``model`` in execution order, from one forward pass on ``example_input``."""
    tracer = _Tracer(model)
    handles = []

    def pre_hook(module, inputs):
        if _is_recorded(module) or not list(module.children()):
            tracer.depth += 1
        else:
            tracer.containers.append(tracer.module_names.get(module, ""))

    def post_hook(module, inputs, output):
        if _is_recorded(module):
            layer = tracer.module_layer(module, tracer.module_names.get(module, ""), inputs[0], output)
            tracer.depth -= 1
            tracer.add(layer, [inputs[0]], output)
        elif not list(module.children()):
            # Dropout and other shape-keeping leaves: the output stands for the input.
            tracer.depth -= 1
            if isinstance(output, torch.Tensor) and inputs and isinstance(inputs[0], torch.Tensor):
                tracer.producer[id(output)] = tracer.source(inputs[0])
                tracer.alive.append(output)
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
            tracer.producer[id(example_input)] = ""
            tracer.alive.append(example_input)
            model(example_input)
    finally:
        model.train(was_training)
        for handle in handles:
            handle.remove()
    return tracer.layers
