/// "Did you mean" for mistyped ids and keys.
public enum Suggestions {
    /// Levenshtein distance between two strings, counted in characters.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate closest to `query`, or `nil` when none is close enough to be a plausible typo.
    ///
    /// Ids are dash-joined words, and people often type one word of them (`brige` for
    /// `bridge-hold`), so a candidate also scores by its closest word (plus one for the words left
    /// out). Ties go to the smaller whole-id distance, then to the alphabetically first id, so the
    /// answer is stable.
    public static func closest(to query: String, in candidates: some Sequence<String>) -> String? {
        let query = query.lowercased()
        guard !query.isEmpty else { return nil }
        let threshold = max(2, query.count / 3)
        var best: (score: Int, whole: Int, id: String)?
        for candidate in candidates {
            let whole = editDistance(query, candidate.lowercased())
            var score = whole
            let words = candidate.lowercased().split(separator: "-").map(String.init)
            if words.count > 1 {
                for word in words {
                    score = min(score, editDistance(query, word) + 1)
                }
            }
            // A prefix of the id ("glute" for "glute-bridge") is a strong hint too.
            if candidate.lowercased().hasPrefix(query) { score = min(score, 1) }
            guard score <= threshold else { continue }
            let entry = (score, whole, candidate)
            if let current = best {
                if (entry.0, entry.1, entry.2) < (current.score, current.whole, current.id) { best = entry }
            } else {
                best = entry
            }
        }
        return best?.id
    }
}
