#!/usr/bin/env python3
"""Writes the bad-input corpus of issue 14 next to this file, from the example log of
docs/run-log.md: one file per class of bad input. The expected messages are in expected.tsv
(checked by Tests/EndToEndTests/BadInputTests.swift); run this again only to add a class."""
import gzip, json, os, pathlib, struct

here = pathlib.Path(__file__).resolve().parent
page = (here / "../../docs/run-log.md").read_text()
example = page.split("```jsonl\n", 1)[1].split("\n```", 1)[0].split("\n")
events = [json.loads(line) for line in example]

def dump(evs):
    return "".join(json.dumps(e, separators=(",", ":"), ensure_ascii=False) + "\n" for e in evs)

def write(name, text):
    (here / name).write_bytes(text.encode() if isinstance(text, str) else text)

def edited(index, edit):
    evs = json.loads(json.dumps(events))
    edit(evs[index])
    return dump(evs)

RUN, ARCH0, E1, G1, E2, G2, PRUNE, ARCH1, MEAS1, E3, G3, MEAS2, END = range(13)

write("threshold-nan.log", edited(PRUNE, lambda e: e.update(threshold="NaN")))
write("prune-ratio-1e308.log", edited(PRUNE, lambda e: e.update(ratio=1e308)))
write("accuracy-percent.log", edited(E1, lambda e: e.update(test_accuracy=97.2)))
write("shape-2-to-53.log", edited(ARCH0, lambda e: e["layers"][0].update(in_shape=[9007199254740992, 28, 28])))
write("shape-2-to-31.log", edited(ARCH0, lambda e: e["layers"][0].update(out_shape=[2147483648, 28, 28])))
write("shape-zero.log", edited(ARCH0, lambda e: e["layers"][1].update(out_shape=[0, 28, 28])))
write("groups-zero.log", edited(ARCH0, lambda e: e["layers"][0].update(groups=0)))
write("inputs-cycle.log", edited(ARCH0, lambda e: e["layers"][2].update(inputs=["feature.4"])))
write("inputs-self.log", edited(ARCH0, lambda e: e["layers"][2].update(inputs=["feature.2"])))
write("layer-name-twice.log", edited(ARCH0, lambda e: e["layers"][2].update(name="feature.1")))
write("no-layers.log", edited(ARCH0, lambda e: e.update(layers=[])))
write("gamma-length.log", edited(G1, lambda e: e["layers"]["feature.1"].pop()))
write("gamma-unknown-layer.log", edited(G1, lambda e: e["layers"].update({"ghost": [0.5]})))
write("kept-out-of-range.log", edited(PRUNE, lambda e: e["layers"][0].update(kept=[0, 4])))
write("kept-repeated.log", edited(PRUNE, lambda e: e["layers"][1].update(kept=[1, 1, 7])))
write("after-not-kept.log", edited(PRUNE, lambda e: e["layers"][1].update(after=4)))
write("prune-unknown-layer.log", edited(PRUNE, lambda e: e["layers"][0].update(layer="ghost")))
write("integer-above-2-to-53.log", edited(E1, lambda e: e.update(step=9007199254740993)))
text = dump(events)
write("number-1e400.log", text.replace('"lr":0.1,"train_loss":1.42', '"lr":1e400,"train_loss":1.42'))
write("key-twice.log", text.replace('"type":"end","status":"completed"', '"type":"end","status":"completed","status":"failed"'))
write("events-shuffled.log", dump([events[i] for i in [RUN, ARCH0, E2, G2, E1, G1] + list(range(PRUNE, END + 1))]))
write("events-reversed.log", dump(list(reversed(events))))
write("run-twice.log", dump(events[:E1] + [events[RUN]] + events[E1:]))
write("end-twice.log", dump(events + [events[END]]))
write("prune-before-architecture.log", dump([events[RUN], events[PRUNE], events[ARCH0]] + events[E1:PRUNE] + events[ARCH1:]))
# Valid by the reader's rules, refused by the cost model every command runs (with file and line).
write("conv-shape.log", edited(ARCH0, lambda e: e["layers"][0].update(in_shape=[1, 28])))
write("cost-overflow.log", edited(ARCH0, lambda e: [l.update(in_shape=[2147483647, 2147483647, 2147483647]) for l in e["layers"][:1]]))
# A gzip header followed by bytes that are not deflate data.
write("gzip-corrupt.log.gz", gzip.compress(text.encode(), mtime=0)[:10] + b"\xff" * 64)
write("bom.log", b"\xef\xbb\xbf" + text.encode())
# A resumed run repeats epoch 2 of pass 0 after its resume line: counted once.
resume = {"type": "resume", "created": "2026-11-25T08:00:00Z", "pass": 0, "phase": "sparsity", "epoch": 2, "step": 63}
write("epochs-resumed.log", dump(events[:G1 + 1] + [events[E2]] + [resume] + events[E2:]))
# 80 MB of zeros without a newline: 78 KB of gzip, longer than any line may be.
write("zeros.log.gz", gzip.compress(b"\0" * (80 << 20), 9, mtime=0))

# The memo bomb: each level a list holding the previous level ten times through BINGET, so
# building the result would copy 10^8 objects out of a few hundred bytes.
bomb = bytearray(b"\x80\x02]q\x00")
for level in range(1, 9):
    bomb += b"(" + b"h" + bytes([level - 1]) + (b"h" + bytes([level - 1])) * 9 + b"lq" + bytes([level])
bomb += b"."
write("memo-bomb.pth", bytes(bomb))
