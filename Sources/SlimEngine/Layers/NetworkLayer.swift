import SlimLog

/// Training mode uses batch statistics in BatchNorm and keeps what backward needs;
/// evaluation mode uses the running statistics and keeps nothing.
public enum ForwardMode: Sendable, Equatable {
    case training, evaluation
}

/// A learnable tensor and its gradient, or a state buffer (BatchNorm running statistics)
/// that is saved in checkpoints but not trained.
public struct Parameter: Sendable, Equatable {
    /// The name in the reference code's layout, e.g. `feature.1.weight`.
    public var name: String
    public var value: Tensor
    /// Same shape as `value` for trainable parameters; empty for buffers.
    public var grad: Tensor
    /// False for buffers (running mean/var): the optimizer leaves them alone.
    public var isTrainable: Bool

    public init(name: String, value: Tensor, isTrainable: Bool = true) {
        self.name = name
        self.value = value
        self.grad = isTrainable ? Tensor(shape: value.shape) : Tensor(shape: [0])
        self.isTrainable = isTrainable
    }
}

/// One layer of a sequential network. Forward keeps what backward needs (in training mode);
/// backward returns the gradient with respect to the input and accumulates parameter
/// gradients into `Parameter.grad`.
public protocol NetworkLayer: Sendable {
    /// The layer's name in the reference code's layout (`feature.0`, `classifier`).
    var name: String { get }
    /// The output shape of one sample for an input sample of `shape`, or nil when the layer
    /// cannot take that input.
    func outputShape(for shape: [Int]) -> [Int]?
    /// The layer as recorded in the run log's `architecture` event.
    func record(inShape: [Int]) -> SlimLog.Layer
    /// Computes the output for a batch.
    mutating func forward(_ input: Tensor, mode: ForwardMode, parallelism: Parallelism) -> Tensor
    /// Given ∂loss/∂output, accumulates parameter gradients and returns ∂loss/∂input (nil when
    /// `needsInputGradient` is false, e.g. for the first layer).
    mutating func backward(_ gradOutput: Tensor, needsInputGradient: Bool, parallelism: Parallelism) -> Tensor?
    /// Calls `body` on each parameter and buffer in place, in checkpoint order.
    mutating func visitParameters(_ body: (inout Parameter) throws -> Void) rethrows
}

extension NetworkLayer {
    public mutating func visitParameters(_ body: (inout Parameter) throws -> Void) rethrows {}

    /// The layer's parameters and buffers, in checkpoint order.
    public var parameters: [Parameter] {
        var copy = self
        var list: [Parameter] = []
        copy.visitParameters { list.append($0) }
        return list
    }
}
