/// The only globals a checkpoint's pickle may name. Each is recognised by name and given a
/// fixed meaning; no module is imported and nothing is called.
enum PickleGlobal: Equatable {
    case orderedDict
    case rebuildTensor
    case storage(ScalarType)

    /// The allowed global for `module.name`, or nil when it must be refused.
    init?(module: String, name: String) {
        switch (module, name) {
        case ("collections", "OrderedDict"): self = .orderedDict
        case ("torch._utils", "_rebuild_tensor_v2"): self = .rebuildTensor
        case ("torch", _):
            guard let type = ScalarType(rawValue: name) else { return nil }
            self = .storage(type)
        default: return nil
        }
    }
}
