/// "Did you mean" for mistyped ids and keys.
///
/// One query against n candidates is linear in n: the candidates are lowered once (by
/// `Candidates`, which `catalog check` keeps for all its unknown ids), and each comparison is a
/// Levenshtein distance bounded by the worst score that could still win, so a candidate whose
/// length alone rules it out costs nothing and an unrelated one stops after a few rows. (The
/// unbounded version took ~5 ms per query over 1,000 ids, 3 s for 600 dangling links.)
public enum Suggestions {
    /// Levenshtein distance between two strings, counted in characters.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        var scratch = Scratch()
        let a = Array(a.unicodeScalars).map(\.value), b = Array(b.unicodeScalars).map(\.value)
        return boundedDistance(a[...], b[...], limit: max(a.count, b.count), scratch: &scratch) ?? max(a.count, b.count)
    }

    /// The candidate closest to `query`, or `nil` when none is close enough to be a plausible typo.
    ///
    /// Ids are dash-joined words, and people often type one word of them (`brige` for
    /// `bridge-hold`), so a candidate also scores by its closest word (plus one for the words left
    /// out). Ties go to the smaller whole-id distance, then to the alphabetically first id, so the
    /// answer is stable.
    public static func closest(to query: String, in candidates: some Sequence<String>) -> String? {
        Candidates(candidates).closest(to: query)
    }

    /// Candidates prepared once (lowered, split into words) for many queries.
    public struct Candidates: Sendable {
        private struct Entry: Sendable {
            var id: String
            var whole: [UInt32]
            var wholeBag: Bag
            /// The dash-separated words, only when there are several, with their bags.
            var words: [ArraySlice<UInt32>]
            var wordBags: [Bag]
        }

        private let entries: [Entry]

        /// Prepares `ids` for `closest(to:)`.
        public init(_ ids: some Sequence<String>) {
            entries = ids.map { id in
                let whole = id.lowercased().unicodeScalars.map(\.value)
                let words = whole.split(separator: UInt32(UInt8(ascii: "-")))
                let kept = words.count > 1 ? words : []
                return Entry(id: id, whole: whole, wholeBag: Bag(whole), words: kept, wordBags: kept.map { Bag($0) })
            }
        }

        /// The candidate closest to `query` (see `Suggestions.closest(to:in:)`).
        public func closest(to query: String) -> String? {
            let query = query.lowercased().unicodeScalars.map(\.value)
            guard !query.isEmpty else { return nil }
            let threshold = max(2, query.count / 3)
            let queryBag = Bag(query)
            var scratch = Scratch()
            var best: (score: Int, whole: Int, id: String)?
            for entry in entries {
                // Only a score of at most `bound` can still win (ties are settled below).
                let bound = best?.score ?? threshold
                let isPrefix = entry.whole.starts(with: query)
                // The length difference and the letters one has and the other lacks are both
                // lower bounds of the distance: most candidates stop there, before any table.
                let whole = Suggestions.mayBeWithin(bound, query, queryBag, entry.whole[...], entry.wholeBag)
                    ? boundedDistance(query[...], entry.whole[...], limit: bound, scratch: &scratch) : nil
                var score = whole ?? Int.max
                for (word, bag) in zip(entry.words, entry.wordBags) {
                    // Only a word that beats both the score so far and the bound matters.
                    let limit = min(score - 1, bound) - 1
                    guard limit >= 0 else { break }
                    guard Suggestions.mayBeWithin(limit, query, queryBag, word, bag) else { continue }
                    if let distance = boundedDistance(query[...], word, limit: limit, scratch: &scratch) {
                        score = distance + 1
                    }
                }
                // A prefix of the id ("glute" for "glute-bridge") is a strong hint too.
                if isPrefix { score = min(score, 1) }
                guard score <= bound else { continue }
                // The whole-id distance breaks ties: exact, even when a word or the prefix won.
                let exactWhole = whole ?? boundedDistance(
                    query[...], entry.whole[...], limit: max(query.count, entry.whole.count), scratch: &scratch)!
                let entryScore = (score, exactWhole, entry.id)
                if let current = best {
                    if entryScore < (current.score, current.whole, current.id) { best = entryScore }
                } else {
                    best = entryScore
                }
            }
            return best?.id
        }
    }

    /// False when the distance of `a` and `b` is surely over `limit` (by length, then by bags).
    fileprivate static func mayBeWithin(_ limit: Int, _ a: [UInt32], _ aBag: Bag, _ b: ArraySlice<UInt32>, _ bBag: Bag) -> Bool {
        abs(a.count - b.count) <= limit && aBag.distance(to: bBag) <= limit
    }

    /// How many of each character a string has (the "bag distance" filter). One edit changes at
    /// most one count up and one down, so the larger of "characters only in a" and "only in b"
    /// never exceeds the edit distance. Characters other than a-z, 0-9 and "-" share a bucket,
    /// which can only make the bound lower: it stays a bound.
    struct Bag: Sendable {
        static let buckets = 38
        private var counts: [Int32]

        init(_ scalars: some Sequence<UInt32>) {
            var counts = [Int32](repeating: 0, count: Self.buckets)
            for scalar in scalars { counts[Self.bucket(scalar)] += 1 }
            self.counts = counts
        }

        private static func bucket(_ scalar: UInt32) -> Int {
            switch scalar {
            case 97...122: return Int(scalar - 97)        // a-z
            case 48...57: return 26 + Int(scalar - 48)    // 0-9
            case 45: return 36                            // -
            default: return 37
            }
        }

        /// A lower bound of the edit distance between the two strings.
        func distance(to other: Bag) -> Int {
            var onlyHere: Int32 = 0, onlyThere: Int32 = 0
            for index in 0..<Self.buckets {
                let difference = counts[index] - other.counts[index]
                if difference > 0 { onlyHere += difference } else { onlyThere -= difference }
            }
            return Int(max(onlyHere, onlyThere))
        }
    }

    /// Two rows of the distance table, kept across comparisons so none allocates.
    struct Scratch {
        var previous: [Int] = []
        var current: [Int] = []
    }

    /// The Levenshtein distance of `a` and `b` when it is at most `limit`, else nil. Rows stop
    /// as soon as every cell exceeds `limit` (the distance can only grow from there).
    static func boundedDistance(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>, limit: Int, scratch: inout Scratch) -> Int? {
        guard limit >= 0, abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        if scratch.previous.count < width {
            scratch.previous = [Int](repeating: 0, count: width)
            scratch.current = [Int](repeating: 0, count: width)
        }
        for j in 0..<width { scratch.previous[j] = j }
        var i = 0
        for x in a {
            i += 1
            scratch.current[0] = i
            var rowMinimum = i
            var j = 0
            for y in b {
                j += 1
                let cost = x == y ? 0 : 1
                let value = min(scratch.previous[j] + 1, scratch.current[j - 1] + 1, scratch.previous[j - 1] + cost)
                scratch.current[j] = value
                if value < rowMinimum { rowMinimum = value }
            }
            if rowMinimum > limit { return nil }
            swap(&scratch.previous, &scratch.current)
        }
        let distance = scratch.previous[b.count]
        return distance <= limit ? distance : nil
    }
}
