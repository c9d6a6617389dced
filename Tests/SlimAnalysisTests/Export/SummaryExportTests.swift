import Testing
import SlimLog
@testable import SlimAnalysis

@Suite struct SummaryExportTests {
    let run: RunAnalysis
    init() throws { run = try SampleRun.analysis() }

    @Test func jsonHasTheDocumentedPassFields() throws {
        let json = Summary(runs: [run]).rendered(as: .json)
        #expect(json.hasPrefix("{\"schema\":\"slim-summary/2\",\"flops_convention\":\"FLOPs = 2 × MACs of conv and linear layers"))
        let pruned = run.costs[1]
        #expect(json.contains("{\"pass\":1,\"params\":\(pruned.params),\"buffers\":\(pruned.buffers),\"macs\":\(pruned.macs),\"flops\":\(pruned.flops),"))
        #expect(json.contains("\"widths\":{\"feature.1\":2,\"feature.4\":1,\"feature.8\":4}"))
        #expect(json.contains("\"accuracy\":{\"before_prune\":0.95,\"after_prune\":0.8,\"after_prune_uncompensated\":0.6,\"after_finetune\":0.94}"))
        #expect(json.contains("\"accuracy\":{\"before_prune\":0.95,\"after_prune\":null,\"after_prune_uncompensated\":null,\"after_finetune\":null}"))
        // γ-derived numbers print at float precision.
        #expect(json.contains("\"threshold\":0.3,\"total_channels\":16"))
        #expect(json.hasSuffix("}\n"))
        #expect(!json.contains("comparison"))
    }

    @Test func jsonEscapesAndNonFiniteNumbers() {
        #expect(JSONValue.object([("a\"b\n", .number(.nan)), ("c", .array([.number(.infinity), .number(1e-5), .number(3)]))]).rendered
                == "{\"a\\\"b\\n\":\"NaN\",\"c\":[\"Infinity\",1e-05,3]}")
    }

    @Test func csvHasOneRowPerPassAndStableColumns() {
        let csv = Summary(runs: [run]).rendered(as: .csv)
        let lines = csv.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == "run,source,pass,params,buffers,macs,flops,all_ops_flops,model_bytes,activation_bytes,params_saved,flops_saved,accuracy_before_prune,accuracy_after_prune,accuracy_after_finetune,peak_memory_bytes,accuracy_after_prune_uncompensated,latency_ms_batch_1,width:feature.1,width:feature.4,width:feature.8")
        #expect(lines[2].hasPrefix("sample,sample.log,1,\(run.costs[1].params),"))
        #expect(lines[2].hasSuffix(",0.95,0.8,0.94,600,0.6,1.5,2,1,4"))
        #expect("a,\"b\"".csvField == "\"a,\"\"b\"\"\"")
    }

    @Test func textAndMarkdownCarryTheSameNumbers() {
        let summary = Summary(runs: [run])
        let text = summary.rendered(as: .text)
        let markdown = summary.rendered(as: .markdown)
        for needle in ["FLOPs = 2 × MACs", "Stage that lost most: stage 1 (8×8), 5 of 8 channels (62.5 %).",
                       "Hardest hit: feature.4 (25.0 % kept); least hit: feature.1 (50.0 % kept).",
                       "The collapse guard did not fire.", "Sparsity for the prune of pass 1 (ratio 0.5): partly separated: 6 of the 9 removed channels"] {
            #expect(text.contains(needle))
            #expect(markdown.contains(needle))
        }
        #expect(text.contains("1        101  80.8 %"))
        #expect(markdown.contains("| 1 | 101 | 80.8 % |"))
        #expect(markdown.hasPrefix("## sample — completed\n"))
    }

    @Test func aPartialLogSaysSo() throws {
        let partial = try SampleRun.analysis(Array(SampleRun.events().dropLast()))
        #expect(Summary(runs: [partial]).rendered(as: .text).contains("Note: the log has no end event"))
        #expect(Summary(runs: [partial]).rendered(as: .json).contains("\"status\":\"incomplete\""))
    }

    @Test func whatIfFormats() throws {
        let sweep = try run.whatIf(ratios: [0.5, 0.7])
        let json = sweep.rendered(as: .json, label: "sample")
        #expect(json.contains("\"collapse_ratio\":0.6875,\"collapse_layer\":\"feature.4\""))
        #expect(json.contains("{\"ratio\":0.5,\"threshold\":0.3,\"threshold_index\":8,"))
        let csv = sweep.rendered(as: .csv, label: "sample").split(separator: "\n")
        #expect(csv[0] == "ratio,threshold,threshold_index,params,macs,flops,params_saved,flops_saved,collapsed,snapshot_pass,snapshot_phase,snapshot_epoch,snapshot_step,width:feature.1,width:feature.4,width:feature.8")
        #expect(csv[2].hasPrefix("0.7,0.6,11,"))
        #expect(csv[2].hasSuffix(",feature.4,0,sparsity,2,20,1,0,3"))
        let text = sweep.rendered(as: .text, label: "sample")
        #expect(text.contains("feature.4 loses all its channels from ratio 0.6875 on; the first swept ratio with an empty layer is 0.7."))
    }

    @Test func formatsNumbersForPeople() {
        #expect(Format.count(20_035_018) == "20.04M")
        #expect(Format.scientific(796_272_640) == "7.96e8")
        #expect(Format.scientific(0.000123) == "1.23e-4")
        #expect(Format.bytes(80_184_104) == "76.5 MiB")
        #expect(Format.percent(0.9366, decimals: 2) == "93.66 %")
        // resnet20-mnist5k's batch-64 latency and passes-3's pass-3 separation, not 1.2e+03 / 7.39e+03.
        #expect(Format.milliseconds(1198.068146) == "1198 ms")
        #expect(Format.number(7387.4, digits: 3) == "7387")
        #expect(Format.number(999.7, digits: 3) == "1000")
        #expect(Format.number(2.5e7, digits: 3) == "2.5e7")
        #expect(Format.number(4.944176907883957e-06) == "4.944e-6")
    }
}

/// The Markdown and CSV escaping every summary, what-if sweep and report uses.
@Suite struct ExportEscapingTests {
    @Test func markdownShowsHTMLPunctuationAndLineBreaksAsText() {
        #expect("<img src=x onerror=alert(1)>".markdownEscaped == "&lt;img src=x onerror=alert(1)&gt;")
        #expect("a|b\n# c".markdownEscaped == ##"a\|b\\u{a}\# c"##)
        #expect("*_[x](y)_* `z` ~s~ \\ &amp;".markdownEscaped == #"\*\_\[x\](y)\_\* \`z\` \~s\~ \\ &amp;amp;"#)
        #expect("\u{1b}[2J".markdownEscaped == #"\\u{1b}\[2J"#)
        #expect("feature.1 λ=1e-3 → 97.3 %".markdownEscaped == "feature.1 λ=1e-3 → 97.3 %")
    }

    @Test func csvTextThatStartsAFormulaGetsAQuote() {
        #expect("=1+2".csvTextField == #""'=1+2""#)
        #expect(#"=HYPERLINK("http://x")"#.csvTextField == #""'=HYPERLINK(""http://x"")""#)
        for s in ["+a", "-a", "@a", "\ta", "\ra"] { #expect(s.csvTextField == "\"'" + s + "\"") }
        #expect("a=1".csvTextField == "a=1")
        #expect("a,b".csvTextField == #""a,b""#)
    }
}
