import Foundation
import SlimAnalysis

/// A small complete slim-run/1 log: a two-conv VGG on 1×8×8 input, sparsity training with γ
/// snapshots at every sparsity epoch end and one inside the first fine-tuning epoch, one
/// prune, fine-tuning and latency measurements.
enum SampleLog {
    static func lines(name: String = "tiny λ=1e-3") -> [String] {
        let escapedName = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        func arch(pass: Int, a: Int, b: Int) -> String {
            """
            {"type":"architecture","pass":\(pass),"layers":[\
            {"name":"feature.0","op":"conv2d","in_shape":[1,8,8],"out_shape":[\(a),8,8],"kernel":[3,3],"stride":[1,1],"padding":[1,1],"groups":1,"bias":false},\
            {"name":"feature.1","op":"batchnorm2d","in_shape":[\(a),8,8],"out_shape":[\(a),8,8],"prunable":true},\
            {"name":"feature.2","op":"relu","in_shape":[\(a),8,8],"out_shape":[\(a),8,8]},\
            {"name":"feature.3","op":"maxpool2d","in_shape":[\(a),8,8],"out_shape":[\(a),4,4],"kernel":[2,2],"stride":[2,2],"padding":[0,0]},\
            {"name":"feature.4","op":"conv2d","in_shape":[\(a),4,4],"out_shape":[\(b),4,4],"kernel":[3,3],"stride":[1,1],"padding":[1,1],"groups":1,"bias":false},\
            {"name":"feature.5","op":"batchnorm2d","in_shape":[\(b),4,4],"out_shape":[\(b),4,4],"prunable":true},\
            {"name":"feature.6","op":"relu","in_shape":[\(b),4,4],"out_shape":[\(b),4,4]},\
            {"name":"pool","op":"global_avgpool","in_shape":[\(b),4,4],"out_shape":[\(b)]},\
            {"name":"classifier","op":"linear","in_shape":[\(b)],"out_shape":[10],"bias":true}]}
            """
        }
        // Ten steps an epoch, counted from the start of the run (fine-tuning starts at step 30).
        func epoch(_ pass: Int, _ phase: String, _ e: Int, _ acc: Double) -> String {
            #"{"type":"epoch","pass":\#(pass),"phase":"\#(phase)","epoch":\#(e),"step":\#(pass * 30 + e * 10),"lr":0.1,"train_loss":\#(1.5 - acc),"train_accuracy":\#(acc),"test_loss":\#(1.6 - acc),"test_accuracy":\#(acc - 0.02),"seconds":1.0}"#
        }
        func gamma(_ e: Int) -> String {
            let s = 1.0 / Double(e)
            return #"{"type":"gamma","pass":0,"phase":"sparsity","epoch":\#(e),"step":\#(e * 10),"layers":{"feature.1":[\#(0.9),\#(0.01 * s),\#(0.7),\#(0.02 * s)],"feature.5":[\#(0.5),\#(0.6),\#(0.003 * s),\#(0.8),\#(0.004 * s),\#(0.9),\#(0.05 * s),\#(0.4)]}}"#
        }
        // Fine-tuning γ halfway through its first epoch: the 2 + 4 channels the prune kept.
        let finetuneGamma = #"{"type":"gamma","pass":1,"phase":"finetune","epoch":1,"step":35,"layers":{"feature.1":[0.8,0.6],"feature.5":[0.5,0.6,0.7,0.9]}}"#
        // Per-layer times: conv → BN → ReLU runs fused, timed under the conv (run-log.md).
        func layers(_ ms: Double) -> String {
            let shares = [("feature.0", 0.3), ("feature.3", 0.2), ("feature.4", 0.3), ("pool", 0.15), ("classifier", 0.05)]
            return shares.map { #"{"name":"\#($0.0)","median_ms":\#(ms * $0.1),"min_ms":\#(ms * $0.1 * 0.9),"max_ms":\#(ms * $0.1 * 1.2)}"# }
                .joined(separator: ",")
        }
        func measure(_ pass: Int, _ phase: String, _ ms: Double, rounded: String = "") -> String {
            #"{"type":"measure","pass":\#(pass),"phase":"\#(phase)","latency":[{"batch":1,"median_ms":\#(ms),"layers":[\#(layers(ms))]},{"batch":64,"median_ms":\#(ms * 40),"layers":[\#(layers(ms * 40))]}],"model_bytes":4000,"cpu":"Test CPU","threads":2\#(rounded)}"#
        }
        let rounded = #","rounded":[{"multiple":4,"widths":[{"layer":"feature.1","width":4},{"layer":"feature.5","width":4}],"latency":[{"batch":1,"median_ms":1.4},{"batch":64,"median_ms":61}]}]"#
        return [
            #"{"type":"run","schema":"slim-run/1","run_id":"r1","name":"\#(escapedName)","created":"2026-11-25T07:00:00Z","engine":{"name":"slim-train","version":"0.1.0"},"config":{"model":"mnist-vgg","cfg":[4,"M",8],"dataset":"tiny","lambda":0.001,"prune_ratio":0.5,"passes":1,"epochs":3,"finetune_epochs":2,"seed":1},"input":{"channels":1,"height":8,"width":8},"classes":10}"#,
            arch(pass: 0, a: 4, b: 8), measure(0, "sparsity", 2.0),
            epoch(0, "sparsity", 1, 0.80), gamma(1), epoch(0, "sparsity", 2, 0.90), gamma(2), epoch(0, "sparsity", 3, 0.95), gamma(3),
            #"{"type":"prune","pass":1,"ratio":0.5,"threshold":0.05,"threshold_index":6,"total_channels":12,"layers":[{"layer":"feature.1","before":4,"after":2,"kept":[0,2]},{"layer":"feature.5","before":8,"after":4,"kept":[0,1,3,5]}],"accuracy_before":0.93,"accuracy_after":0.7,"compensation":"beta","accuracy_after_uncompensated":0.65}"#,
            arch(pass: 1, a: 2, b: 4), measure(1, "pruned", 1.5, rounded: rounded),
            finetuneGamma, epoch(1, "finetune", 1, 0.90), epoch(1, "finetune", 2, 0.94), measure(1, "finetune", 1.2),
            #"{"type":"end","status":"completed","seconds":10.0}"#,
        ]
    }

    /// The log written to a fresh temporary file, optionally cut to its first `keep` lines.
    static func write(name: String = "tiny λ=1e-3", keep: Int? = nil) throws -> String {
        let all = lines(name: name)
        return try write(lines: Array(all.prefix(keep ?? all.count)))
    }

    /// `lines` written to a fresh temporary file.
    static func write(lines: [String]) throws -> String {
        let text = lines.joined(separator: "\n") + "\n"
        let path = NSTemporaryDirectory() + "slim-report-test-\(UUID().uuidString).log"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func run(name: String = "tiny λ=1e-3", keep: Int? = nil) throws -> RunAnalysis {
        try RunAnalysis.read(path: write(name: name, keep: keep)).run
    }
}
