/// "Did you mean …?" for a mistyped name: the known names closest by edit distance.
public enum Suggestion {
    /// The names of `candidates` closest to `word` (case and `-`/`_` ignored), if they are close
    /// enough to be a typo: at most a third of the longer name's letters differ.
    public static func closest(to word: String, in candidates: [String]) -> [String] {
        let key = normalized(word)
        var best = Int.max, names: [String] = []
        for candidate in candidates {
            let c = normalized(candidate)
            // A name whose letters are all present once the punctuation goes (`vgg-19`) is the same name.
            let d = c == key ? 0 : distance(key, c)
            guard d <= max(1, max(key.count, c.count) / 3) else { continue }
            if d < best { best = d; names = [candidate] } else if d == best, !names.contains(candidate) { names.append(candidate) }
        }
        return names
    }

    /// `; did you mean 'x'?` (or `'x' or 'y'`), or an empty string when nothing is close.
    /// `prefix` is put before every name (`--` for options).
    public static func phrase(for word: String, in candidates: [String], prefix: String = "") -> String {
        let close = closest(to: word, in: candidates)
        guard !close.isEmpty else { return "" }
        return "; did you mean " + close.prefix(3).map { "'\(prefix)\($0)'" }.joined(separator: " or ") + "?"
    }

    /// Lower case without `-`, `_` and spaces, so `vgg-19`, `VGG19` and `vgg_19` compare equal.
    static func normalized(_ text: String) -> [Character] {
        Array(text.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
    }

    /// Damerau–Levenshtein distance (optimal string alignment): insertions, deletions,
    /// substitutions and swaps of neighbours each cost 1, so `reprot` is 1 from `report`.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Long inputs are never typos of short names; keep the quadratic table small.
        guard abs(a.count - b.count) <= 8, a.count <= 256, b.count <= 256 else { return max(a.count, b.count) }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, previous2[j - 2] + 1) }
                current[j] = value
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
