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
    ///
    /// What the filters read (lengths and letter counts) is kept in flat arrays of plain values,
    /// apart from the ids and their characters: the loop over 1,000 candidates for each of 600
    /// bad links then touches no reference count until a candidate passes the filters (copying
    /// a struct of arrays per candidate was a third of `catalog check`).
    public struct Candidates: Sendable {
        private struct Entry: Sendable {
            var id: String
            var whole: [UInt32]
            /// The dash-separated words, only when there are several.
            var words: [ArraySlice<UInt32>]
        }

        private let entries: [Entry]
        private let wholeLengths: [Int]
        /// `Bag.width` counts per entry (see `Bag`).
        private let wholeBags: [UInt8]
        /// Entry i's words are `wordStart[i]..<wordStart[i + 1]` of the word arrays.
        private let wordStart: [Int]
        private let wordLengths: [Int]
        private let wordBags: [UInt8]

        /// Prepares `ids` for `closest(to:)`.
        public init(_ ids: some Sequence<String>) {
            var entries: [Entry] = [], wholeLengths: [Int] = [], wholeBags: [UInt8] = []
            var wordStart = [0], wordLengths: [Int] = [], wordBags: [UInt8] = []
            for id in ids {
                let whole = id.lowercased().unicodeScalars.map(\.value)
                let split = whole.split(separator: UInt32(UInt8(ascii: "-")))
                let words = split.count > 1 ? split : []
                entries.append(Entry(id: id, whole: whole, words: words))
                wholeLengths.append(whole.count)
                Bag.append(whole, to: &wholeBags)
                for word in words {
                    wordLengths.append(word.count)
                    Bag.append(word, to: &wordBags)
                }
                wordStart.append(wordLengths.count)
            }
            self.entries = entries
            self.wholeLengths = wholeLengths
            self.wholeBags = wholeBags
            self.wordStart = wordStart
            self.wordLengths = wordLengths
            self.wordBags = wordBags
        }

        /// The candidate closest to `query` (see `Suggestions.closest(to:in:)`).
        public func closest(to query: String) -> String? {
            let query = query.lowercased().unicodeScalars.map(\.value)
            guard !query.isEmpty else { return nil }
            let threshold = max(2, query.count / 3)
            var queryBag: [UInt8] = []
            Bag.append(query, to: &queryBag)
            var scratch = Scratch()
            var best: (score: Int, whole: Int, index: Int)?
            queryBag.withUnsafeBufferPointer { queryBag in
            wholeBags.withUnsafeBufferPointer { wholeBags in
            wordBags.withUnsafeBufferPointer { wordBags in
            let queryBag = queryBag.baseAddress!
            for index in 0..<entries.count {
                // Only a score of at most `bound` can still win (ties are settled below).
                let bound = best?.score ?? threshold
                // The length difference and the letters one has and the other lacks are both
                // lower bounds of the distance: most candidates stop there, before any table.
                let length = wholeLengths[index]
                let (onlyInQuery, onlyInID) = Bag.difference(queryBag, wholeBags.baseAddress! + index * Bag.width)
                // A prefix of the id ("glute" for "glute-bridge") is a strong hint too; only an
                // id with every letter of the query can start with it.
                let isPrefix = onlyInQuery == 0 && length >= query.count && entries[index].whole.starts(with: query)
                let whole = abs(length - query.count) <= bound && max(onlyInQuery, onlyInID) <= bound
                    ? boundedDistance(query[...], entries[index].whole[...], limit: bound, scratch: &scratch) : nil
                var score = whole ?? Int.max
                for word in wordStart[index]..<wordStart[index + 1] {
                    // Only a word that beats both the score so far and the bound matters.
                    let limit = min(score - 1, bound) - 1
                    guard limit >= 0 else { break }
                    guard abs(wordLengths[word] - query.count) <= limit, Bag.distance(queryBag, wordBags.baseAddress! + word * Bag.width) <= limit else { continue }
                    if let distance = boundedDistance(query[...], entries[index].words[word - wordStart[index]], limit: limit, scratch: &scratch) {
                        score = distance + 1
                    }
                }
                if isPrefix { score = min(score, 1) }
                guard score <= bound else { continue }
                // The whole-id distance breaks ties: exact, even when a word or the prefix won.
                let exactWhole = whole ?? boundedDistance(
                    query[...], entries[index].whole[...], limit: max(query.count, length), scratch: &scratch)!
                if let current = best {
                    if (score, exactWhole, entries[index].id) < (current.score, current.whole, entries[current.index].id) {
                        best = (score, exactWhole, index)
                    }
                } else {
                    best = (score, exactWhole, index)
                }
            }
            }
            }
            }
            return best.map { entries[$0.index].id }
        }
    }

    /// How many of each character a string has (the "bag distance" filter), as `width` counts
    /// in a flat byte array. One edit changes at most one count up and one down, so the larger
    /// of "characters only in a" and "only in b" never exceeds the edit distance. Characters
    /// other than a-z, 0-9 and "-" share a bucket, and counts stop at 255: both can only make
    /// the bound lower, so it stays a bound.
    enum Bag {
        static let width = 38

        /// Appends the counts of `scalars` to `bags`.
        static func append(_ scalars: some Sequence<UInt32>, to bags: inout [UInt8]) {
            let start = bags.count
            bags.append(contentsOf: repeatElement(0, count: width))
            for scalar in scalars {
                let slot = start + bucket(scalar)
                if bags[slot] < 255 { bags[slot] += 1 }
            }
        }

        private static func bucket(_ scalar: UInt32) -> Int {
            switch scalar {
            case 97...122: return Int(scalar - 97)        // a-z
            case 48...57: return 26 + Int(scalar - 48)    // 0-9
            case 45: return 36                            // -
            default: return 37
            }
        }

        /// How many characters `a` has that `b` lacks, and the other way round.
        @inline(__always)
        static func difference(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>) -> (Int, Int) {
            // Branch-free, so the compiler can do it a vector at a time.
            var here: Int32 = 0, there: Int32 = 0
            for k in 0..<width {
                let d = Int32(a[k]) - Int32(b[k])
                here &+= max(d, 0)
                there &+= max(-d, 0)
            }
            return (Int(here), Int(there))
        }

        /// A lower bound of the edit distance between the two strings.
        @inline(__always)
        static func distance(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>) -> Int {
            let (here, there) = difference(a, b)
            return max(here, there)
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
