"""The log file of one run: fresh folders, refusal to overwrite, resuming, atomic lines."""
import datetime
import json
import os
import re
import socket

from .jsonform import encode_event


def now():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _safe(text):
    return re.sub(r"[^A-Za-z0-9._=+-]+", "_", text).strip("._") or "run"


def fresh_folder(log_dir, name):
    """``log_dir/YYYYMMDD-HHMMSS-host-name`` (``-2``, ``-3``… when two runs start in one second)."""
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    base = os.path.join(log_dir, "%s-%s-%s" % (stamp, _safe(socket.gethostname().split(".")[0]), _safe(name)))
    folder, count = base, 1
    while True:
        try:
            os.makedirs(folder)
            return folder
        except FileExistsError:
            count += 1
            folder = "%s-%d" % (base, count)


class LogFile:
    """Appends one event per line, flushed at once and fsynced at phase ends."""

    def __init__(self, path, mode):
        self.path = path
        self._file = open(path, mode, encoding="utf-8")

    def write(self, event, sync=False):
        self._file.write(encode_event(event) + "\n")
        self._file.flush()
        if sync:
            os.fsync(self._file.fileno())

    @property
    def closed(self):
        return self._file.closed

    def close(self):
        self._file.close()


def open_new(path):
    """A new log at ``path``; an existing file is refused with what to do instead."""
    if os.path.exists(path):
        raise FileExistsError("%s exists and a run log is never overwritten; pass resume=True to continue that run, "
                              "or another path= (or no path= for a fresh folder under log_dir)" % path)
    parent = os.path.dirname(os.path.abspath(path))
    os.makedirs(parent, exist_ok=True)
    return LogFile(path, "x")


def state_of(path):
    """Where a log stopped: {"pass", "step", "epochs": {(pass, phase): last epoch}, "lambda"}."""
    state = {"pass": 0, "step": 0, "epochs": {}, "lambda": None, "ended": None}
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            event = json.loads(line)
        except ValueError:
            continue  # a line cut short by the crash; readers skip it too
        kind = event.get("type")
        if number == 1 and kind != "run":
            raise ValueError("%s: the first line is not a 'run' event; is this a slim-run/1 log?" % path)
        if kind == "run":
            state["lambda"] = event.get("config", {}).get("lambda")
        if kind == "end":
            state["ended"] = event.get("status")
        if isinstance(event.get("pass"), int):
            state["pass"] = max(state["pass"], event["pass"])
        if isinstance(event.get("step"), int):
            state["step"] = max(state["step"], event["step"])
        if kind == "epoch":
            state["epochs"][(event["pass"], event["phase"])] = event["epoch"]
    state["cut_short"] = bool(text) and not text.endswith("\n")
    return state


def open_resumed(path):
    """The log at ``path`` opened for appending, and where it stopped."""
    if not os.path.exists(path):
        raise FileNotFoundError("%s: cannot resume, there is no such log; leave resume= out to start a new run" % path)
    state = state_of(path)
    if state["ended"] == "completed":
        raise ValueError("%s: the run completed; start a new run instead of resuming it" % path)
    log = LogFile(path, "a")
    if state["cut_short"]:
        log._file.write("\n")  # the new segment starts on a fresh line
    return log, state
