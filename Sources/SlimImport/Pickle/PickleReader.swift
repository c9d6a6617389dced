/// Reads one pickle with the opcodes and globals that PyTorch state dicts use (protocols 2–4)
/// and refuses everything else. Objects live in an arena so that memoized containers mutated
/// after being stored (dicts filled by SETITEMS) stay shared, as in Python.
struct PickleReader {
    private enum Node {
        case leaf(PickleValue)
        case list([Int])
        case tuple([Int])
        case dict([(key: Int, value: Int)])
        case global(PickleGlobal)
    }

    private var cursor: ByteCursor
    private var arena: [Node] = []
    private var stack: [Int] = []
    private var marks: [Int] = []
    private var memo: [Int: Int] = [:]
    private var opcodeOffset = 0

    /// Nesting deeper than this is refused rather than risking unbounded recursion.
    private static let maximumDepth = 256
    /// Objects built or expanded, at most: shared (memoized) references are copied out when the
    /// result is built, so a few hundred bytes of nested references could otherwise expand to
    /// gigabytes. A ResNet-164 state dict has about 10,000; the cap leaves 25 times that.
    static let maximumObjects = 250_000

    private init(cursor: ByteCursor) { self.cursor = cursor }

    /// Reads the pickle that starts at `cursor`, leaving the cursor after its STOP opcode.
    static func read(_ cursor: inout ByteCursor) throws -> PickleValue {
        var reader = PickleReader(cursor: cursor)
        let value = try reader.run()
        cursor = reader.cursor
        return value
    }

    private var file: String { cursor.file }

    private func tooMany() -> ImportError {
        malformed("more than \(Self.maximumObjects) objects (shared references may nest too deeply); a state dict has far fewer")
    }

    private func malformed(_ detail: String) -> ImportError {
        .malformedPickle(file: file, offset: opcodeOffset, detail: detail)
    }

    private mutating func push(_ node: Node) throws {
        guard arena.count < Self.maximumObjects else { throw tooMany() }
        arena.append(node)
        stack.append(arena.count - 1)
    }

    private mutating func pop() throws -> Int {
        guard let top = stack.popLast(), stack.count >= (marks.last ?? 0) else {
            throw malformed("stack underflow")
        }
        return top
    }

    private mutating func popToMark() throws -> [Int] {
        guard let mark = marks.popLast() else { throw malformed("no MARK before a collection opcode") }
        defer { stack.removeSubrange(mark...) }
        return Array(stack[mark...])
    }

    private mutating func run() throws -> PickleValue {
        while true {
            opcodeOffset = cursor.offset
            let opcode = try cursor.byte("a pickle")
            switch opcode {
            case 0x2e: // STOP
                let top = try pop()
                var budget = Self.maximumObjects
                return try materialize(top, depth: 0, budget: &budget)
            case 0x80: _ = try cursor.byte("PROTO")
            case 0x95: _ = try cursor.take(8, "FRAME")
            case 0x28: // MARK
                guard marks.count < Self.maximumObjects else { throw tooMany() }
                marks.append(stack.count)
            case 0x30: _ = try pop() // POP
            case 0x31: _ = try popToMark() // POP_MARK
            case 0x4e: try push(.leaf(.none))
            case 0x88: try push(.leaf(.bool(true)))
            case 0x89: try push(.leaf(.bool(false)))
            case 0x4a: try push(.leaf(.int(Int(Int32(truncatingIfNeeded: try cursor.unsigned(4, "BININT"))))))
            case 0x4b: try push(.leaf(.int(Int(try cursor.byte("BININT1")))))
            case 0x4d: try push(.leaf(.int(Int(try cursor.unsigned(2, "BININT2")))))
            case 0x8a: try push(.leaf(try long(length: Int(try cursor.byte("LONG1")))))
            case 0x8b: try push(.leaf(try long(length: Int(try cursor.unsigned(4, "LONG4")))))
            case 0x47: // BINFLOAT is big-endian
                let raw = try cursor.take(8, "BINFLOAT")
                try push(.leaf(.float(Double(bitPattern: raw.reduce(0) { $0 << 8 | UInt64($1) }))))
            case 0x58: try push(.leaf(.string(try text(Int(try cursor.unsigned(4, "BINUNICODE"))))))
            case 0x8c: try push(.leaf(.string(try text(Int(try cursor.byte("SHORT_BINUNICODE"))))))
            case 0x8d: try push(.leaf(.string(try text(Int(clamping: try cursor.unsigned(8, "BINUNICODE8"))))))
            case 0x54: try push(.leaf(.string(try text(Int(try cursor.unsigned(4, "BINSTRING"))))))
            case 0x55: try push(.leaf(.string(try text(Int(try cursor.byte("SHORT_BINSTRING"))))))
            case 0x42: try push(.leaf(.bytes(Array(try cursor.take(Int(try cursor.unsigned(4, "BINBYTES")), "BINBYTES")))))
            case 0x43: try push(.leaf(.bytes(Array(try cursor.take(Int(try cursor.byte("SHORT_BINBYTES")), "SHORT_BINBYTES")))))
            case 0x5d: try push(.list([]))
            case 0x6c: try push(.list(try popToMark()))
            case 0x61: try append([try pop()])
            case 0x65: try append(try popToMark())
            case 0x29: try push(.tuple([]))
            case 0x74: try push(.tuple(try popToMark()))
            case 0x85: let a = try pop(); try push(.tuple([a]))
            case 0x86: let b = try pop(), a = try pop(); try push(.tuple([a, b]))
            case 0x87: let c = try pop(), b = try pop(), a = try pop(); try push(.tuple([a, b, c]))
            case 0x7d: try push(.dict([]))
            case 0x64: try push(.dict(try pairs(try popToMark())))
            case 0x73: let value = try pop(), key = try pop(); try setItems([(key, value)])
            case 0x75: try setItems(try pairs(try popToMark()))
            case 0x63: // GLOBAL
                let module = try cursor.line("GLOBAL"), name = try cursor.line("GLOBAL")
                try push(.global(try allowedGlobal(module: module, name: name)))
            case 0x93: // STACK_GLOBAL
                let name = try string(try pop()), module = try string(try pop())
                try push(.global(try allowedGlobal(module: module, name: name)))
            case 0x52: try reduce()
            case 0x62: try build()
            case 0x51: try persistentID()
            case 0x71: try memoize(Int(try cursor.byte("BINPUT")))
            case 0x72: try memoize(Int(try cursor.unsigned(4, "LONG_BINPUT")))
            case 0x94: try memoize(memo.count)
            case 0x68: try recall(Int(try cursor.byte("BINGET")))
            case 0x6a: try recall(Int(try cursor.unsigned(4, "LONG_BINGET")))
            default:
                throw ImportError.unsupportedOpcode(file: file, opcode: opcode, offset: opcodeOffset)
            }
        }
    }

    private mutating func text(_ length: Int) throws -> String {
        String(decoding: try cursor.take(length, "a pickled string"), as: UTF8.self)
    }

    private mutating func long(length: Int) throws -> PickleValue {
        let raw = Array(try cursor.take(length, "a pickled integer"))
        guard length <= 8 else { return .bigInt(raw) }
        guard let last = raw.last else { return .int(0) }
        let fill: UInt64 = last & 0x80 != 0 ? .max : 0
        let bits = raw.reversed().reduce(fill) { $0 << 8 | UInt64($1) }
        return .int(Int(Int64(bitPattern: bits)))
    }

    private func allowedGlobal(module: String, name: String) throws -> PickleGlobal {
        guard let global = PickleGlobal(module: module, name: name) else {
            throw ImportError.refusedGlobal(file: file, name: "\(module).\(name)", offset: opcodeOffset)
        }
        return global
    }

    private func string(_ index: Int) throws -> String {
        guard case let .leaf(.string(value)) = arena[index] else { throw malformed("expected a string") }
        return value
    }

    private func pairs(_ items: [Int]) throws -> [(key: Int, value: Int)] {
        guard items.count % 2 == 0 else { throw malformed("odd number of dict items") }
        return stride(from: 0, to: items.count, by: 2).map { (items[$0], items[$0 + 1]) }
    }

    private mutating func append(_ items: [Int]) throws {
        guard let target = stack.last, case var .list(existing) = arena[target] else {
            throw malformed("APPEND to something that is not a list")
        }
        // Emptied first so the append is in place: many APPENDs to one list stay linear.
        arena[target] = .leaf(.none)
        existing += items
        arena[target] = .list(existing)
    }

    private mutating func setItems(_ items: [(key: Int, value: Int)]) throws {
        guard let target = stack.last, case var .dict(existing) = arena[target] else {
            throw malformed("SETITEM on something that is not a dict")
        }
        arena[target] = .leaf(.none)
        existing += items
        arena[target] = .dict(existing)
    }

    private mutating func memoize(_ slot: Int) throws {
        guard let top = stack.last else { throw malformed("memoizing an empty stack") }
        memo[slot] = top
    }

    private mutating func recall(_ slot: Int) throws {
        guard let index = memo[slot] else { throw malformed("memo slot \(slot) is empty") }
        guard stack.count < Self.maximumObjects else { throw tooMany() }
        stack.append(index)
    }

    private mutating func reduce() throws {
        let arguments = try pop(), callable = try pop()
        guard case let .tuple(items) = arena[arguments] else { throw malformed("REDUCE arguments are not a tuple") }
        switch arena[callable] {
        case .global(.orderedDict):
            guard items.isEmpty else { throw malformed("OrderedDict built with arguments") }
            try push(.dict([]))
        case .global(.rebuildTensor):
            try push(.leaf(.tensor(try tensor(items))))
        default:
            throw malformed("REDUCE may only call OrderedDict or _rebuild_tensor_v2")
        }
    }

    /// `_rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])`.
    private func tensor(_ items: [Int]) throws -> TensorReference {
        guard items.count >= 4, case let .leaf(.storage(storage)) = arena[items[0]],
              case let .leaf(.int(offset)) = arena[items[1]] else {
            throw malformed("_rebuild_tensor_v2 expects (storage, offset, size, stride, …)")
        }
        let shape = try integers(items[2]), strides = try integers(items[3])
        guard shape.count == strides.count, offset >= 0, shape.allSatisfy({ $0 >= 0 }),
              strides.allSatisfy({ $0 >= 0 }), Self.reach(shape, strides, offset) != nil else {
            throw malformed("tensor size \(shape) and stride \(strides) do not describe a view of a storage")
        }
        return TensorReference(storage: storage, offset: offset, shape: shape, strides: strides)
    }

    /// The last storage element a view touches, or nil when the arithmetic overflows.
    static func reach(_ shape: [Int], _ strides: [Int], _ offset: Int) -> Int? {
        var last = offset, count = 1
        for (extent, stride) in zip(shape, strides) where extent > 0 {
            let (step, stepOverflow) = (extent - 1).multipliedReportingOverflow(by: stride)
            let (sum, sumOverflow) = last.addingReportingOverflow(step)
            let (product, countOverflow) = count.multipliedReportingOverflow(by: extent)
            guard !stepOverflow, !sumOverflow, !countOverflow else { return nil }
            last = sum
            count = product
        }
        return last
    }

    private func integers(_ index: Int) throws -> [Int] {
        guard case let .tuple(items) = arena[index] else { throw malformed("expected a tuple of integers") }
        return try items.map {
            guard case let .leaf(.int(value)) = arena[$0] else { throw malformed("expected an integer") }
            return value
        }
    }

    /// BUILD on an OrderedDict sets attributes (`_metadata`); they carry no weights, so the
    /// state is dropped. BUILD on anything else would need a class and is refused.
    private mutating func build() throws {
        _ = try pop()
        guard let target = stack.last, case .dict = arena[target] else {
            throw malformed("BUILD on something that is not an OrderedDict")
        }
    }

    /// `('storage', torch.XStorage, key, location, numel[, view_metadata])`; the location
    /// (e.g. `cuda:0`) does not matter to a CPU reader.
    private mutating func persistentID() throws {
        let id = try pop()
        guard case let .tuple(items) = arena[id], items.count == 5 || items.count == 6,
              case .leaf(.string("storage")) = arena[items[0]],
              case let .global(.storage(type)) = arena[items[1]],
              case let .leaf(.int(count)) = arena[items[4]], count >= 0 else {
            throw malformed("persistent id is not ('storage', torch.XStorage, key, location, numel)")
        }
        if items.count == 6, case .leaf(.none) = arena[items[5]] {} else if items.count == 6 {
            throw malformed("storage views (pre-0.4 checkpoints) are not supported")
        }
        let key: String
        switch arena[items[2]] {
        case let .leaf(.string(value)): key = value
        case let .leaf(.int(value)): key = String(value)
        default: throw malformed("storage key is not a string")
        }
        try push(.leaf(.storage(StorageReference(key: key, scalarType: type, count: count))))
    }

    private func materialize(_ index: Int, depth: Int, budget: inout Int) throws -> PickleValue {
        guard depth < Self.maximumDepth else { throw malformed("objects nested deeper than \(Self.maximumDepth)") }
        budget -= 1
        guard budget >= 0 else { throw tooMany() }
        switch arena[index] {
        case let .leaf(value): return value
        case let .list(items): return .list(try items.map { try materialize($0, depth: depth + 1, budget: &budget) })
        case let .tuple(items): return .tuple(try items.map { try materialize($0, depth: depth + 1, budget: &budget) })
        case let .dict(entries):
            return .dict(try entries.map {
                PickleValue.DictEntry(key: try materialize($0.key, depth: depth + 1, budget: &budget),
                                      value: try materialize($0.value, depth: depth + 1, budget: &budget))
            })
        case .global: throw malformed("a class is used as a value")
        }
    }
}
