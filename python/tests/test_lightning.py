"""SlimCallback with Lightning's CPU trainer."""
import statistics

import lightning.pytorch as pl
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

from slim_recorder import float32_text
from slim_recorder.lightning import SlimCallback

from helpers import mnist, read, slim_report
from models import vgg

CFG = [8, "M", 16, "M", 16, "M", 16]


class Classifier(pl.LightningModule):
    def __init__(self):
        super().__init__()
        self.net = vgg(CFG, in_channels=1)
        self.example_input_array = torch.zeros(1, 1, 28, 28)

    def forward(self, x):
        return self.net(x)

    def step(self, batch, prefix):
        x, y = batch
        output = self(x)
        loss = F.cross_entropy(output, y)
        self.log(prefix + "_loss", loss, on_epoch=True, on_step=False)
        self.log(prefix + "_acc", (output.argmax(1) == y).float().mean(), on_epoch=True, on_step=False)
        return loss

    def training_step(self, batch, index):
        return self.step(batch, "train")

    def validation_step(self, batch, index):
        self.step(batch, "val")

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=0.1, momentum=0.9)


def fit(tmp_path, lam, epochs=2):
    torch.manual_seed(1)
    images, labels = mnist("train", limit=400)
    test_images, test_labels = mnist("test", limit=200)
    train = DataLoader(TensorDataset(images, labels), batch_size=50, shuffle=True)
    test = DataLoader(TensorDataset(test_images, test_labels), batch_size=100)
    model = Classifier()
    callback = SlimCallback(log_dir=tmp_path, name="lightning", config={"dataset": "mnist-5k"}, lam=lam, gamma_every=3)
    trainer = pl.Trainer(accelerator="cpu", devices=1, max_epochs=epochs, logger=False, enable_checkpointing=False,
                         enable_progress_bar=False, enable_model_summary=False, callbacks=[callback])
    trainer.fit(model, train, test)
    return model, trainer, read(callback.run.path), callback.run.path


def test_the_callback_records_epochs_gamma_and_steps(tmp_path):
    model, trainer, events, path = fit(tmp_path, lam=1e-4)
    assert events[0]["config"]["lambda"] == 1e-4 and events[0]["config"]["model"] == "classifier"
    assert events[1]["layers"][0]["name"] == "net.feature.0"
    epochs = [e for e in events if e["type"] == "epoch"]
    assert [(e["epoch"], e["step"]) for e in epochs] == [(1, 8), (2, 16)] and trainer.global_step == 16
    metrics = trainer.callback_metrics
    assert epochs[-1]["test_accuracy"] == float(metrics["val_acc"]) and epochs[-1]["train_loss"] == float(metrics["train_loss"])
    assert epochs[-1]["lr"] == 0.1 and 0 < epochs[-1]["train_accuracy"] <= 1
    gammas = [e for e in events if e["type"] == "gamma"]
    assert [g["step"] for g in gammas] == [0, 3, 6, 8, 9, 12, 15, 16]
    assert gammas[-1]["layers"]["net.feature.1"] == [float(float32_text(v)) for v in model.net.feature[1].weight.tolist()]
    assert events[-1]["status"] == "completed"
    assert slim_report("check", path).returncode == 0


def test_lambda_shrinks_gamma(tmp_path):
    def mean_abs_gamma(lam):
        events = fit(tmp_path / str(lam), lam=lam, epochs=1)[2]
        last = [e for e in events if e["type"] == "gamma"][-1]["layers"]
        return statistics.mean(abs(v) for values in last.values() for v in values)
    assert mean_abs_gamma(0.05) < mean_abs_gamma(0.0) - 0.02
