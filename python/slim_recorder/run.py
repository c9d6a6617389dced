"""Run: one Network Slimming run of a PyTorch model, recorded as a slim-run/1 log."""
import math
import os
import platform
import time

from .jsonform import SCHEMA, Float32List
from .logfile import fresh_folder, now, open_new, open_resumed

_CONFIG_KEYS = ("model", "cfg", "dataset", "lambda", "prune_ratio", "passes", "epochs", "finetune_epochs",
                "batch_size", "learning_rate", "lr_milestones", "lr_gamma", "momentum", "weight_decay",
                "seed", "threads", "min_channels", "max_layer_ratio", "gamma_every")


def global_rank():
    """This process's global rank: torch.distributed's when initialised, else $RANK, else 0."""
    try:
        import torch.distributed as dist
        if dist.is_available() and dist.is_initialized():
            return dist.get_rank()
    except ImportError:
        pass
    return int(os.environ.get("RANK", "0") or 0)


def _fraction(field, value):
    if value is None:
        return None
    value = float(value)
    if math.isfinite(value) and not 0 <= value <= 1:
        raise ValueError("%s=%r: accuracies are fractions in [0, 1]; divide a percentage by 100" % (field, value))
    return value


def batchnorm_gammas(model):
    """{BN name: [γ…]} of every BatchNorm2d, in module order."""
    import torch.nn as nn
    return {name: Float32List(module.weight.detach().cpu().float().tolist())
            for name, module in model.named_modules() if isinstance(module, nn.BatchNorm2d) and module.affine}


def _version():
    from . import __version__
    return __version__


class Run:
    """Records one run: ``Run(model, config={...}, example_input=x)`` writes the header and the
    architecture (traced once with ``example_input``, a batch) and γ; then call ``epoch``,
    ``scalar``, ``prune``, ``measure``; ``close`` (or leaving a ``with`` block) ends the log.

    The log is ``log_dir/YYYYMMDD-HHMMSS-host-name/run.log``, a fresh folder per run; with
    ``path=`` exactly that file, which must not exist (``resume=True`` continues it instead).
    Under torch.distributed only global rank 0 writes; on the other ranks every method returns
    at once. Models wrapped in DDP, DataParallel or torch.compile are recorded unwrapped.
    """

    def __init__(self, model, log_dir="runs", name=None, config=None, example_input=None, path=None,
                 resume=False, classes=None, environment=None):
        config = dict(config or {})
        self.rank = global_rank()
        self._log, self.path = None, None
        self._hooks = []
        if self.rank != 0:
            return
        if example_input is None:
            raise ValueError("example_input is needed: a batch of inputs to trace the model with, e.g. torch.zeros(1, 3, 32, 32)")
        from .architecture import unwrap
        self.model = unwrap(model)
        self.example_input = example_input if example_input.dim() == 4 else example_input.unsqueeze(0)
        config.setdefault("model", type(self.model).__name__.lower())
        if "dataset" not in config:
            raise ValueError("config needs 'dataset' (the data the model is trained on, e.g. 'cifar10')")
        self.lambda_ = config.get("lambda")
        self.name = name or "%s%s" % (config["model"], " λ=%g" % self.lambda_ if self.lambda_ else "")
        self.pass_index, self.step, self.epochs_done = 0, 0, 0
        self.every, self._optimizers, self._last_gamma = 0, [], None
        self._started = self._epoch_started = time.monotonic()
        if resume:
            self._resume(path)
            return
        if path is None:
            folder = fresh_folder(log_dir, self.name)
            path, run_id = os.path.join(folder, "run.log"), os.path.basename(folder)
        else:
            run_id = os.path.splitext(os.path.basename(path))[0]
        self._log = open_new(path)
        self.path = path
        from .architecture import trace
        layers = trace(self.model, self.example_input)[0]
        ordered = {key: config[key] for key in _CONFIG_KEYS if key in config}
        ordered.update({key: value for key, value in config.items() if key not in ordered})
        channels, height, width = self.example_input.shape[1:]
        self._write({"type": "run", "schema": SCHEMA, "run_id": run_id, "name": self.name, "created": now(),
                     "engine": {"name": "slim-recorder (PyTorch)", "version": _version()},
                     "config": ordered, "input": {"channels": channels, "height": height, "width": width},
                     "classes": classes or layers[-1]["out_shape"][0], "environment": self._environment(environment)})
        self._write({"type": "architecture", "pass": 0, "layers": layers})
        self._gamma(epoch=0)

    @staticmethod
    def _environment(extra):
        import torch
        env = {"python": platform.python_version(), "torch": torch.__version__, "machine": platform.machine(),
               "host": platform.node(), "threads": torch.get_num_threads()}
        try:
            import torch.distributed as dist
            if dist.is_available() and dist.is_initialized():
                env["world_size"] = dist.get_world_size()
        except ImportError:
            pass
        env.update(extra or {})
        return env

    def _resume(self, path):
        if path is None:
            raise ValueError("resume=True needs path= of the log to continue")
        self._log, state = open_resumed(path)
        self.path = path
        self.pass_index, self.step = state["pass"], state["step"]
        phase = self._phase()
        self.epochs_done = state["epochs"].get((self.pass_index, phase), 0)
        self._write({"type": "resume", "created": now(), "pass": self.pass_index, "phase": phase,
                     "epoch": self.epochs_done + 1, "step": self.step})

    # -- writing

    def _write(self, event, sync=False):
        self._log.write(event, sync)

    def _phase(self):
        if self.pass_index > 0:
            return "finetune"
        return "sparsity" if self.lambda_ else "baseline"

    def _gamma(self, epoch):
        if self._last_gamma == (self.pass_index, self.step, epoch):
            return  # a step snapshot at the epoch's last step already holds these values
        self._last_gamma = (self.pass_index, self.step, epoch)
        self._write({"type": "gamma", "pass": self.pass_index, "phase": self._phase(), "epoch": epoch,
                     "step": self.step, "layers": batchnorm_gammas(self.model)})

    def watch(self, optimizer, every=0):
        """Counts ``optimizer``'s steps (a step hook) and records γ every ``every`` steps (0: only at
        epoch ends). Watch the new optimizer too when fine-tuning uses one."""
        if self._log is None:
            return
        self.every = every
        if optimizer not in self._optimizers:
            self._optimizers.append(optimizer)
            self._hooks.append(optimizer.register_step_post_hook(self._on_step))

    def _on_step(self, optimizer, args, kwargs):
        if self._log.closed:
            return
        self.step += 1
        if self.every and self.step % self.every == 0:
            self._gamma(self.epochs_done + 1)

    def epoch(self, *, train_loss, train_acc, test_loss=None, test_acc=None, lr=None, epoch=None, seconds=None,
              step=None):
        """The end of a training epoch, then γ of every BN layer. Accuracies are fractions in [0, 1];
        ``lr`` and ``step`` come from the watched optimizer (give them without one), ``epoch``
        counts from 1 in each phase, ``seconds`` is the time since the previous epoch (or the
        run's start, or the prune)."""
        if self._log is None:
            return
        train_acc, test_acc = _fraction("train_acc", train_acc), _fraction("test_acc", test_acc)
        if step is not None:
            self.step = int(step)
        elif not self._optimizers:
            # Events are ordered by step; without a count every γ snapshot would share step 0.
            raise ValueError("run.epoch needs the optimizer step count: call run.watch(optimizer) once, or pass step=")
        if lr is None:
            if not self._optimizers:
                raise ValueError("lr= is needed unless run.watch(optimizer) was called")
            lr = self._optimizers[-1].param_groups[0]["lr"]
        self.epochs_done = epoch if epoch is not None else self.epochs_done + 1
        ended = time.monotonic()
        self._write({"type": "epoch", "pass": self.pass_index, "phase": self._phase(), "epoch": self.epochs_done,
                     "step": self.step, "lr": lr, "train_loss": train_loss, "train_accuracy": train_acc,
                     "test_loss": test_loss, "test_accuracy": test_acc,
                     "seconds": seconds if seconds is not None else ended - self._epoch_started})
        self._epoch_started = ended
        self._gamma(self.epochs_done)

    def scalar(self, name, value, step=None, epoch=None):
        """One point of a free-form series (a penalty term, the lr per step): the epoch in progress
        and, when an optimizer is watched, the step."""
        if self._log is None:
            return
        if step is None and self._optimizers:
            step = self.step
        self._write({"type": "scalar", "pass": self.pass_index, "phase": self._phase(),
                     "epoch": epoch if epoch is not None else self.epochs_done + 1, "step": step,
                     "name": str(name), "value": float(value)})

    def prune(self, before, after, *, ratio=None, threshold=None, masks=None, accuracy_before=None,
              accuracy_after=None, loss_before=None, loss_after=None, warnings=()):
        """A prune from ``before`` to ``after`` (BN layers matched by name): kept channels from
        ``masks`` ({BN name: bool tensor}) when given, else from ``after`` itself (channel
        selections, copied values). Without ``threshold=`` it is the largest dropped |γ|; without
        ``ratio=`` the fraction of channels dropped. Records ``after``'s architecture and γ and
        starts the next pass."""
        if self._log is None:
            return
        from .architecture import trace, unwrap
        from .pruning import describe_prune
        before, after = unwrap(before), unwrap(after)
        accuracy_before, accuracy_after = _fraction("accuracy_before", accuracy_before), _fraction("accuracy_after", accuracy_after)
        layers = trace(after, self._input_for(after))[0]
        event = {"type": "prune", "pass": self.pass_index + 1}
        event.update(describe_prune(before, after, layers, ratio, threshold, masks))
        event.update({"accuracy_before": accuracy_before, "accuracy_after": accuracy_after,
                      "loss_before": loss_before, "loss_after": loss_after})
        event["warnings"] = event["warnings"] + list(warnings) or None
        self.pass_index += 1
        self.epochs_done = 0
        self.model = after
        self._write(event, sync=True)
        self._write({"type": "architecture", "pass": self.pass_index, "layers": layers})
        self._gamma(epoch=0)
        self._epoch_started = time.monotonic()

    def _input_for(self, model):
        parameter = next(model.parameters(), None)
        return self.example_input.to(parameter.device) if parameter is not None else self.example_input

    def measure(self, model=None, batches=(1, 64), repeats=20):
        """Latency of ``model`` (default: the current one) at each batch size, whole and per layer,
        timed the same way every time (see timing.py), with its parameters and size."""
        if self._log is None:
            return
        from .architecture import trace, unwrap
        from .timing import cpu_name, measure_latency, model_size
        import torch
        model = unwrap(model) if model is not None else self.model
        x = self._input_for(model)
        layers, calls = trace(model, x)
        latency = measure_latency(model, x, batches, repeats, [l["name"] for l in layers], calls)
        params, size = model_size(model)
        phase = "pruned" if self.pass_index > 0 and self.epochs_done == 0 else self._phase()
        self._write({"type": "measure", "pass": self.pass_index, "phase": phase, "latency": latency,
                     "model_bytes": size, "params": params, "cpu": cpu_name(), "threads": torch.get_num_threads()})

    def close(self, status="completed", error=None):
        """Writes the ``end`` line and closes the log (later calls do nothing)."""
        if self._log is None or self._log.closed:
            return
        for hook in self._hooks:
            hook.remove()
        self._write({"type": "end", "status": status, "seconds": round(time.monotonic() - self._started, 3),
                     "error": error}, sync=True)
        self._log.close()

    def __enter__(self):
        return self

    def __exit__(self, kind, value, traceback):
        if kind is None:
            self.close("completed")
        elif issubclass(kind, KeyboardInterrupt):
            self.close("stopped")
        else:
            self.close("failed", error="%s: %s" % (kind.__name__, value))
        return False
