import SlimLog

/// The running epoch axis every chart over training shares: x = epochs completed since the
/// start of the run, counted across all phases and passes. An epoch record sits at its end
/// (1, 2, …); a γ snapshot sits where its optimizer step falls between the epoch ends around
/// it, so snapshots taken inside an epoch get fractional positions.
struct EpochClock {
    /// Step and position at the start of the run and at the end of every epoch, in log order.
    private let knots: [(step: Double, x: Double)]
    /// Whether the steps grow strictly from knot to knot, so positions can be read off them.
    private let stepsUsable: Bool
    /// The pass of every epoch record, in log order.
    private let epochPasses: [Int]

    init(epochs: [EpochRecord]) {
        knots = [(0, 0)] + epochs.enumerated().map { (Double($0.element.step), Double($0.offset + 1)) }
        stepsUsable = knots.count > 1 && zip(knots, knots.dropFirst()).allSatisfy { $1.step > $0.step }
        epochPasses = epochs.map(\.pass)
    }

    /// Epochs recorded before `pass` began: where its prune happened on the axis.
    func start(ofPass pass: Int) -> Double { Double(epochPasses.filter { $0 < pass }.count) }

    /// The position of a γ snapshot. Without usable steps (an imported log, say) it falls back
    /// to the snapshot's epoch within its pass.
    func position(of snapshot: GammaSnapshot) -> Double {
        position(pass: snapshot.pass, epoch: snapshot.epoch, step: snapshot.step)
    }

    /// The position of a moment given by its step when there is one (and steps are usable),
    /// else by its epoch within its pass.
    func position(pass: Int, epoch: Int, step: Int?) -> Double {
        guard stepsUsable, let step else { return start(ofPass: pass) + Double(epoch) }
        return position(step: Double(step))
    }

    /// The position of optimizer step `step`, between the epoch ends around it; past the last
    /// epoch end it continues at the pace of the last epoch (a run still in progress).
    func position(step: Double) -> Double {
        guard let k = knots.firstIndex(where: { $0.step >= step }) else {
            let last = knots[knots.count - 1], previous = knots[knots.count - 2]
            return last.x + (step - last.step) / (last.step - previous.step)
        }
        guard k > 0 else { return 0 }
        let a = knots[k - 1], b = knots[k]
        return a.x + (step - a.step) / (b.step - a.step)
    }
}
