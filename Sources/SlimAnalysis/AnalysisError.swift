import SlimLog
import SlimPruning

/// Why a run log cannot be analyzed. Every message names the place and what was expected.
public enum AnalysisError: Error, Equatable, CustomStringConvertible {
    /// A layer of a recorded architecture lacks a field or has one that does not fit its op.
    case invalidLayer(pass: Int, layer: String, field: String, expected: String)
    /// A layer's counts do not fit the cost model's exact integers (a shape near 2^53 or beyond).
    case costOverflow(pass: Int, layer: String)
    /// An error in the log `source`, from the event on `line` (0 when unknown).
    indirect case located(source: String, line: Int, AnalysisError)
    /// A layer's `inputs` names a layer that does not come before it.
    case unknownInput(pass: Int, layer: String, input: String)
    /// The log holds no `architecture` event, so costs and what-if sweeps are impossible.
    case noArchitecture(run: String)
    /// The log holds no `gamma` snapshot, so γ statistics and what-if sweeps are impossible.
    case noGammaSnapshot(run: String)
    /// A requested pass is not in the log.
    case passNotFound(run: String, pass: Int, available: [Int])
    /// A requested epoch has no γ snapshot in the pass.
    case epochNotFound(run: String, pass: Int, epoch: Int, available: [Int])
    /// A γ snapshot does not fit the architecture of its pass.
    case gammaMismatch(run: String, step: Int, layer: String, problem: String)
    /// A what-if ratio outside [0, 1).
    case ratioOutOfRange(Double)
    /// The log could not be read.
    case log(LogError)
    /// The shared pruning rule refused the snapshot (non-finite γ, no prunable channels).
    case pruning(PruningError)

    public var description: String {
        switch self {
        case let .invalidLayer(pass, layer, field, expected):
            return "architecture of pass \(pass), layer \(layer): field \"\(field)\" must be \(expected)"
        case let .costOverflow(pass, layer):
            return "architecture of pass \(pass), layer \(layer): its element, parameter or operation count exceeds 2^53; check in_shape, out_shape and kernel"
        case let .located(source, line, error):
            return line > 0 ? "\(source):\(line): \(error)" : "\(source): \(error)"
        case let .unknownInput(pass, layer, input):
            return "architecture of pass \(pass), layer \(layer): input \"\(input)\" is not a layer before it; list producers before their consumers"
        case let .noArchitecture(run):
            return "\(run): the log has no architecture event, so costs cannot be computed; record the network with an architecture event (pass 0), e.g. with slim-train plan"
        case let .noGammaSnapshot(run):
            return "\(run): the log has no γ snapshot, so there are no γ to sweep or chart (a log of 'run' and 'architecture' only, as 'slim-train plan' writes, has costs but no γ); slim-train records γ at every epoch end"
        case let .passNotFound(run, pass, available):
            let list = available.map(String.init).joined(separator: ", ")
            return "\(run): pass \(pass) is not in the log; available passes: \(list)"
        case let .epochNotFound(run, pass, epoch, available):
            return "\(run): pass \(pass) has no γ snapshot at epoch \(epoch); its snapshots are at epochs \(available.map(String.init).joined(separator: ", "))"
        case let .gammaMismatch(run, step, layer, problem):
            return "\(run): gamma snapshot at step \(step), layer \(layer): \(problem); the snapshot must list the BN layers of its pass's architecture with one γ per channel"
        case let .ratioOutOfRange(r):
            return "ratio \(r) is outside [0, 1): give fractions of channels to remove, e.g. 0.1,0.5,0.9"
        case let .log(error):
            return error.description
        case let .pruning(error):
            return error.description
        }
    }
}
