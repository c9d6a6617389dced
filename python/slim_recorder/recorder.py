"""RunRecorder: append slim-run/1 events to a log file from a PyTorch training loop."""
import datetime
import os
import platform
import time

from .jsonform import SCHEMA, Float32List, encode_event

_CONFIG_KEYS = ("model", "cfg", "dataset", "lambda", "prune_ratio", "passes", "epochs", "finetune_epochs",
                "batch_size", "learning_rate", "lr_milestones", "lr_gamma", "momentum", "weight_decay",
                "seed", "threads", "min_channels", "max_layer_ratio", "gamma_every")


def _now():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def batchnorm_gammas(model):
    """{BN name: [γ…]} of every BatchNorm2d, in module order."""
    import torch.nn as nn
    return {name: Float32List(module.weight.detach().cpu().float().tolist())
            for name, module in model.named_modules() if isinstance(module, nn.BatchNorm2d)}


class RunRecorder:
    """Writes one run's log. Each event is one line, flushed (and fsynced at prune and end), so a
    crashed run still leaves a readable prefix. Use as a context manager to get the ``end``
    event written even when training raises (``failed``) or is interrupted (``stopped``).

    ``config`` takes the slim-run/1 keys (model, dataset, lambda, prune_ratio, epochs, …); other
    keys are written too and kept by readers as extra configuration.
    """

    def __init__(self, path, name, config, input_shape, classes, run_id=None, environment=None):
        if "model" not in config or "dataset" not in config:
            raise ValueError("config needs at least 'model' and 'dataset'")
        self.path = path
        self.pass_index = 0
        self.step = 0
        self.gamma_every = config.get("gamma_every")
        self.lambda_ = config.get("lambda")
        self._started = time.monotonic()
        self._file = open(path, "x", encoding="utf-8")
        ordered = {key: config[key] for key in _CONFIG_KEYS if key in config}
        ordered.update({key: value for key, value in config.items() if key not in ordered})
        channels, height, width = input_shape
        env = {"python": platform.python_version(), "machine": platform.machine()}
        env.update(environment or {})
        self._write({"type": "run", "schema": SCHEMA,
                     "run_id": run_id or datetime.datetime.now().strftime("%Y%m%d-%H%M%S-") + str(config["model"]),
                     "name": name, "created": _now(),
                     "engine": {"name": "slim-recorder (PyTorch)", "version": self._version()},
                     "config": ordered, "input": {"channels": channels, "height": height, "width": width},
                     "classes": classes, "environment": env})

    @staticmethod
    def _version():
        from . import __version__
        return __version__

    def _write(self, event, sync=False):
        self._file.write(encode_event(event) + "\n")
        self._file.flush()
        if sync:
            os.fsync(self._file.fileno())

    def _phase(self):
        if self.pass_index > 0:
            return "finetune"
        return "baseline" if not self.lambda_ else "sparsity"

    def architecture(self, model, example_input):
        """The model's layers, traced with one forward pass on ``example_input`` (a batch)."""
        from .architecture import trace_layers
        self._write({"type": "architecture", "pass": self.pass_index, "layers": trace_layers(model, example_input)})

    def epoch(self, epoch, lr, train_loss, train_accuracy, test_loss=None, test_accuracy=None, seconds=0.0,
              phase=None):
        """The end of an epoch (1-based within the phase); accuracies are fractions in [0, 1]."""
        self._write({"type": "epoch", "pass": self.pass_index, "phase": phase or self._phase(), "epoch": epoch,
                     "step": self.step, "lr": lr, "train_loss": train_loss, "train_accuracy": train_accuracy,
                     "test_loss": test_loss, "test_accuracy": test_accuracy, "seconds": seconds})

    def gamma(self, model, epoch, phase=None):
        """Full γ vectors of every BN layer now."""
        self._write({"type": "gamma", "pass": self.pass_index, "phase": phase or self._phase(), "epoch": epoch,
                     "step": self.step, "layers": batchnorm_gammas(model)})

    def optimizer_step(self, model, epoch):
        """Call after each optimizer step: counts steps and writes γ every ``gamma_every`` steps."""
        self.step += 1
        if self.gamma_every and self.step % self.gamma_every == 0:
            self.gamma(model, epoch)

    def prune(self, old_model, new_model, ratio, threshold=None, accuracy_before=None, accuracy_after=None,
              loss_before=None, loss_after=None, masks=None, warnings=()):
        """A prune from ``old_model`` to ``new_model`` (their BN layers share names; ``new_model``
        may be None when ``masks`` covers every BN layer). Kept channels
        come from ``masks`` ({BN name: bool tensor}) when given, else from the BN running
        statistics copied into the new model, else from the largest |γ|. The threshold, when not
        given, is the largest dropped |γ|. Starts the next pass."""
        from .pruning import describe_prune
        described = describe_prune(old_model, new_model, ratio, threshold, masks)
        event = {"type": "prune", "pass": self.pass_index + 1}
        event.update(described)
        event.update({"accuracy_before": accuracy_before, "accuracy_after": accuracy_after,
                      "loss_before": loss_before, "loss_after": loss_after,
                      "warnings": list(described["warnings"]) + list(warnings)})
        self.pass_index += 1
        self._write(event, sync=True)

    def measure(self, latency, phase=None, peak_memory_bytes=None, model_bytes=None, params=None):
        """Measured cost: ``latency`` is a list of {batch, median_ms[, min_ms, max_ms, repeats]}."""
        self._write({"type": "measure", "pass": self.pass_index, "phase": phase or self._phase(), "latency": latency,
                     "peak_memory_bytes": peak_memory_bytes, "model_bytes": model_bytes, "params": params})

    def end(self, status="completed", error=None):
        """The last line; closes the log."""
        if self._file.closed:
            return
        self._write({"type": "end", "status": status, "seconds": round(time.monotonic() - self._started, 3),
                     "error": error}, sync=True)
        self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, kind, value, traceback):
        if kind is None:
            self.end("completed")
        elif issubclass(kind, KeyboardInterrupt):
            self.end("stopped")
        else:
            self.end("failed", error="%s: %s" % (kind.__name__, value))
        return False
