"""A PyTorch Lightning callback that records the run (and applies the sparsity term).

    trainer = Trainer(callbacks=[SlimCallback(config={"dataset": "cifar10"}, lam=1e-4)])

Log ``train_loss`` and ``train_acc`` (and ``val_loss``, ``val_acc``) with ``on_epoch=True``
in the LightningModule; ``metrics=`` maps other names. Only global rank 0 writes.
"""
try:
    from lightning.pytorch import Callback
except ImportError:  # the older package name
    from pytorch_lightning import Callback

from .run import Run
from .sparsity import l1_on_bn

METRICS = {"train_loss": "train_loss", "train_acc": "train_acc", "test_loss": "val_loss", "test_acc": "val_acc"}


class SlimCallback(Callback):
    """Records a slim-run/1 log of ``trainer.fit``: the architecture at the start, an epoch and
    γ at the end of every training epoch, γ every ``gamma_every`` optimizer steps. With
    ``lam`` > 0 it adds λ·sign(γ) to the BN γ gradients before every optimizer step (the
    Network Slimming sparsity term). ``example_input`` defaults to the module's
    ``example_input_array``. The Run is ``callback.run`` (for ``scalar``, ``prune``, ``measure``)."""

    def __init__(self, log_dir="runs", name=None, config=None, example_input=None, lam=0.0, gamma_every=0,
                 metrics=None, path=None):
        super().__init__()
        self.options = dict(log_dir=log_dir, name=name, path=path)
        self.config = dict(config or {})
        if lam:
            self.config.setdefault("lambda", lam)
        self.example_input, self.lam, self.gamma_every = example_input, lam, gamma_every
        self.metrics = dict(METRICS, **(metrics or {}))
        self.run = None

    def on_fit_start(self, trainer, pl_module):
        example = self.example_input if self.example_input is not None else pl_module.example_input_array
        if example is None:
            raise ValueError("SlimCallback needs example_input= or the module's example_input_array to trace the model")
        self.run = Run(pl_module, config=self.config, example_input=example.to(pl_module.device), **self.options)

    def on_train_start(self, trainer, pl_module):
        for optimizer in trainer.optimizers:
            self.run.watch(optimizer, every=self.gamma_every)

    def on_before_optimizer_step(self, trainer, pl_module, optimizer):
        l1_on_bn(pl_module, self.lam)

    def _metric(self, trainer, field, required):
        key = self.metrics[field]
        value = trainer.callback_metrics.get(key)
        if value is None and required:
            raise KeyError("SlimCallback: no '%s' among the logged metrics (%s); log it with self.log('%s', …, on_epoch=True) "
                           "or pass metrics={'%s': name}" % (key, ", ".join(sorted(trainer.callback_metrics)) or "none", key, field))
        return None if value is None else float(value)

    def on_train_epoch_end(self, trainer, pl_module):
        if not trainer.is_global_zero:
            return
        self.run.epoch(**{field: self._metric(trainer, field, field.startswith("train")) for field in METRICS})

    def on_fit_end(self, trainer, pl_module):
        self.run.close()

    def on_exception(self, trainer, pl_module, exception):
        if self.run is not None:
            stopped = isinstance(exception, KeyboardInterrupt)
            self.run.close("stopped" if stopped else "failed", None if stopped else "%s: %s" % (type(exception).__name__, exception))
