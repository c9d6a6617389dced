/// Runs of layers that execute as one pass over memory instead of one pass each:
/// - evaluation: `Conv2d → BatchNorm2d (→ ReLU)` — the BatchNorm (and ReLU) is applied to
///   each chunk of the convolution's output while the GEMM result is still in cache;
/// - both modes: `BatchNorm2d (→ ChannelSelection) → ReLU` — normalisation and max(·, 0) in
///   one vectorized pass (a selection commutes with both, so it runs after them);
/// - evaluation: a residual sum and the `BatchNorm2d (→ ChannelSelection) (→ ReLU)` run that
///   reads it (a pre-activation block's `bn1 → select → relu`) — each plane of the sum is
///   normalised (and clipped) right after it is summed, while in cache; the sum is kept for
///   its other readers (the next block's shortcut).
/// Every layer of a run keeps what its own backward needs. Backward joins
/// `BatchNorm2d (→ ChannelSelection of every channel) → ReLU` the other way round: the
/// BatchNorm's backward passes the gradient where its own output was positive, recomputed
/// from its saved input as it reads it (the ReLU's output is not read back).
enum LayerFusion {
    /// The most layers a run spans.
    static let maximumLength = 3

    /// How many of `layers` (consecutive, each reading only the one before, with no other
    /// reader of the intermediate outputs) run as one from the first; 1 = no fusion.
    static func length(of layers: [any NetworkLayer], mode: ForwardMode) -> Int {
        guard layers.count >= 2 else { return 1 }
        if mode == .evaluation, layers[0] is Conv2d, layers[1] is BatchNorm2d {
            return layers.count >= 3 && layers[2] is ReLU ? 3 : 2
        }
        guard layers[0] is BatchNorm2d else { return 1 }
        if layers[1] is ReLU { return 2 }
        return layers.count >= 3 && layers[1] is ChannelSelection && layers[2] is ReLU ? 3 : 1
    }

    /// Runs `group`, a run counted by `length(of:mode:)`, on `input`.
    static func forward(_ group: inout [any NetworkLayer], _ input: Tensor, mode: ForwardMode,
                        parallelism: Parallelism) -> Tensor {
        let output: Tensor
        if var conv = group[0] as? Conv2d, var bn = group[1] as? BatchNorm2d {
            output = conv.forward(input, mode: mode, epilogue: bn.evaluationEpilogue(relu: group.count == 3),
                                  parallelism: parallelism)
            group[0] = conv
            group[1] = bn
        } else if var bn = group[0] as? BatchNorm2d {
            let normalized = bn.forward(input, mode: mode, relu: true, parallelism: parallelism)
            group[0] = bn
            if var selection = group[1] as? ChannelSelection {
                output = selection.forward(normalized, mode: mode, parallelism: parallelism)
                group[1] = selection
            } else {
                output = normalized
            }
        } else {
            preconditionFailure("LayerFusion: \(group.map(\.name)) is not a fusable run")
        }
        if var relu = group[group.count - 1] as? ReLU {
            relu.adopt(output: output, mode: mode)
            group[group.count - 1] = relu
        }
        return output
    }

    /// Evaluation: the sum of `operands` (at least two) by `add`, and `group` — a run counted
    /// by `length(of:mode:)` from a BatchNorm, reading the sum — applied to it in the same
    /// pass. Returns the sum and the run's output.
    static func forward(sum add: ElementwiseAdd, _ operands: consuming [Tensor], then group: inout [any NetworkLayer],
                        parallelism: Parallelism) -> (sum: Tensor, output: Tensor) {
        guard var bn = group[0] as? BatchNorm2d else { preconditionFailure("LayerFusion: \(group.map(\.name)) does not follow a sum") }
        let relu = group.count > 1 && group[group.count - 1] is ReLU
        let (sum, normalized) = add.forward(consume operands, epilogue: bn.evaluationEpilogue(relu: relu), parallelism: parallelism)
        group[0] = bn
        var output = normalized!
        if group.count > 1, var selection = group[1] as? ChannelSelection {
            output = selection.forward(output, mode: .evaluation, parallelism: parallelism)
            group[1] = selection
        }
        if relu, var last = group[group.count - 1] as? ReLU {
            last.adopt(output: output, mode: .evaluation)
            group[group.count - 1] = last
        }
        return (sum, output)
    }

    /// How many of `layers` (consecutive in reverse order from a ReLU, each read only by the
    /// one before it in this list) run backward as one; 1 = no fusion.
    static func backwardLength(of layers: [any NetworkLayer]) -> Int {
        guard layers.count >= 2, layers[0] is ReLU else { return 1 }
        if layers[1] is BatchNorm2d { return 2 }
        guard layers.count >= 3, let selection = layers[1] as? ChannelSelection,
              selection.selected.count == selection.inChannels, layers[2] is BatchNorm2d else { return 1 }
        return 3
    }

    /// Runs backward through `group` (in reverse order, as counted by `backwardLength`) and
    /// returns the gradient with respect to the BatchNorm's input — added into `pending`
    /// (what other readers of that input sent back) when given, in the same pass.
    static func backward(_ group: inout [any NetworkLayer], _ gradOutput: Tensor, needsInputGradient: Bool,
                         adding pending: consuming Tensor? = nil, parallelism: Parallelism) -> Tensor? {
        guard group[0] is ReLU, var bn = group[group.count - 1] as? BatchNorm2d else {
            preconditionFailure("LayerFusion: \(group.map(\.name)) is not a fusable run")
        }
        let grad = bn.backward(gradOutput, throughReLU: true, needsInputGradient: needsInputGradient, adding: consume pending,
                               parallelism: parallelism)
        group[group.count - 1] = bn
        return grad
    }
}
