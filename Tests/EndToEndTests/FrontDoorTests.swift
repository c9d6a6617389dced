import Foundation
import Testing

/// The forgiving front door of both tools: every mistake is one line with a suggestion, exit 2.
@Suite struct FrontDoorTests {
    static let log = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../reports/logs/lambda-1e-3.log.gz").standardized.path

    static let mistakes: [(tool: String, arguments: [String], message: String)] = [
        ("slim-report", ["reprot", "x"], "slim-report: error: unknown subcommand 'reprot'; did you mean 'report'?"),
        ("slim-report", ["sumary", "x"], "slim-report: error: unknown subcommand 'sumary'; did you mean 'summary'?"),
        ("slim-train", ["trian"], "slim-train: error: unknown subcommand 'trian'; did you mean 'train'?"),
        ("slim-report", ["summary", "--fromat", "md", log], "slim-report summary: error: unknown option '--fromat'; did you mean '--format'?"),
        ("slim-report", ["summary", "--format", "jsno", log], "slim-report summary: error: option '--format' expects one of text, markdown, json, csv, got 'jsno'; did you mean 'json'?"),
        ("slim-report", ["chart", "gama-hist", log, "-o", "g.png"], "slim-report chart: error: unknown chart kind 'gama-hist'; did you mean 'gamma-hist'?"),
        ("slim-report", ["chart", "gamma-hist", log, "-o", "g.png", "--dpi", "0"], "slim-report chart: error: option '--dpi' must be in 1…1200, got 0"),
        ("slim-report", ["chart", "gamma-hist", log, "-o", "g.png", "--width", "50", "--height", "30"], "slim-report chart: error: option '--width' must be in 240…4000, got 50"),
        ("slim-report", ["chart", "gamma-heatmap", log, "-o", "g.png", "--layer", "feature.0"], "slim-report chart: error: option '--layer feature.0': not a BatchNorm layer (γ belong to BN layers); the BN layers are feature.1, feature.4, feature.8, feature.11, feature.15, feature.18"),
        ("slim-report", ["chart", "gamma-heatmap", log, "-o", "g.png", "--layer", "feature.99"], "slim-report chart: error: option '--layer feature.99': no such layer in the log; did you mean 'feature.1' or 'feature.4' or 'feature.8'?"),
        ("slim-report", ["chart", "gamma-heatmap", log, "-o", "g.png", "--layer", "feature.181"], "slim-report chart: error: option '--layer feature.181': no such layer in the log; did you mean 'feature.11' or 'feature.18'?"),
        ("slim-report", [log, "-o", "a.pdf", "--format", "markdown"], "slim-report report: error: option '--format markdown' contradicts the extension of 'a.pdf' (pdf); drop --format or change the file name"),
        ("slim-report", [log, "-o", "a.pdf", "--format", "pfd"], "slim-report report: error: option '--format' expects pdf, html, md or markdown, got 'pfd'; did you mean 'pdf'?"),
        ("slim-report", [log, "-o", "a.html", "--theme", "drak"], "slim-report report: error: option '--theme' expects light, dark or print, got 'drak'; did you mean 'dark'?"),
        ("slim-train", ["--model", "vgg-19"], "slim-train train: error: unknown model 'vgg-19'; did you mean 'vgg19'?"),
        ("slim-train", ["--model", "mnistvgg"], "slim-train train: error: unknown model 'mnistvgg'; did you mean 'mnist-vgg'?"),
        ("slim-train", ["--dataset", "cifar-10"], "slim-train train: error: option '--dataset': unknown dataset 'cifar-10'; did you mean 'cifar10'?"),
        ("slim-train", ["--dataset", "cifar10"], "slim-train train: error: option '--dataset cifar10' needs '--data-dir DIR', the folder with data_batch_1.bin … data_batch_5.bin and test_batch.bin (cifar-10-batches-bin); only mnist-5k is embedded"),
        ("slim-train", ["--lr", "0"], "slim-train train: error: option '--lr': the learning rate must be in (0, 10.0], got 0.0"),
        ("slim-train", ["--weight-decay", "-1"], "slim-train train: error: option '--weight-decay': the weight decay must be in [0, 1), got -1.0"),
        ("slim-train", ["--gamma-every", "0"], "slim-train train: error: option '--gamma-every': give a step count ≥ 1, got 0"),
        ("slim-train", ["--threads", "100000"], "slim-train train: error: option '--threads': give 1 to 1024, got 100000"),
        ("slim-train", ["--batch-size", "10000000"], "slim-train train: error: option '--batch-size': give 1 to 65536, got 10000000"),
        ("slim-train", ["--lambda", "1e308"], "slim-train train: error: option '--lambda': λ must be in [0, 1.0] (the paper uses 1e-5 to 1e-4), got 1e+308"),
        ("slim-train", ["--blas-kernel", "Haswel"], "slim-train train: error: option '--blas-kernel': unknown kernel 'Haswel'; did you mean 'Haswell'?"),
        ("slim-train", ["plan", "--model", "vgg19", "--dataset", "cifar10"], "slim-train plan: error: give the log to write with '-o FILE', e.g. -o arch.log"),
    ]

    @Test(arguments: mistakes)
    func aMistakeIsOneLineWithASuggestion(tool: String, arguments: [String], message: String) throws {
        let scratch = ScratchDirectory()
        let extra = tool == "slim-train" && arguments.first != "plan" ? ["--out", scratch.url.appendingPathComponent("never").path] : []
        let outcome = try ExecutableRunner(name: tool).run(arguments + extra, environment: ["SLIM_BLAS_KERNEL": "default"])
        #expect(outcome.status == 2)
        #expect(outcome.standardError.split(separator: "\n").first.map(String.init) == message, "\(outcome.standardError)")
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("never").path))
    }

    @Test func aRunFolderStandsForItsLogAndWritersSayWhatTheyWrote() throws {
        let scratch = ScratchDirectory()
        let folder = scratch.url.appendingPathComponent("runs/a").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.log, toPath: folder + "/run.log")
        let report = ExecutableRunner(name: "slim-report")
        #expect(try report.run(["check", folder + "/"]).status == 0)
        #expect(try report.run(["summary", folder, "--format", "md"]).standardOutput.hasPrefix("## mnist-vgg λ=1e-3 p=0.5 — completed\n"))
        let pdf = scratch.url.appendingPathComponent("a.pdf").path
        let written = try report.run([folder, "-o", pdf])
        #expect(written.standardOutput.contains(/^wrote .*a\.pdf \(\d+(\.\d+)? KiB\)\n$/), "\(written.standardOutput)")
        let chart = try report.run(["chart", "gamma-hist", folder, "-o", scratch.url.appendingPathComponent("g.png").path, "-q"])
        #expect(chart.status == 0 && chart.standardOutput.isEmpty)
        let empty = scratch.url.appendingPathComponent("empty").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let none = try report.run(["check", empty])
        #expect(none.status == 1)
        #expect(none.standardError == "slim-report: error: \(empty): is a folder without a run.log; give a run log or the folder slim-train wrote (--out DIR)\n")
    }
}
