extension Array where Element == UInt8 {
    /// A copy with every occurrence of `pattern` followed by `insertion`, in one pass over the
    /// bytes (SVG post-processing; Foundation's string replacement took longer than Cairo's
    /// whole SVG render).
    func inserting(_ insertion: String, after pattern: String) -> [UInt8] {
        let p = Array(pattern.utf8), extra = Array(insertion.utf8)
        guard let head = p.first else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(count + count / 16)
        var i = 0
        while i < count {
            if self[i] == head, i + p.count <= count, self[i..<(i + p.count)].elementsEqual(p) {
                out.append(contentsOf: p)
                out.append(contentsOf: extra)
                i += p.count
            } else {
                out.append(self[i])
                i += 1
            }
        }
        return out
    }
}
