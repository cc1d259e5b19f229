/// "Did you mean" suggestions: the known name closest to a misspelt one.
enum Suggestion {
    /// The candidate nearest to `word` by edit distance, when it is near enough to be a likely
    /// typo: at most 2 edits, and fewer than half the word's length.
    static func nearest(to word: String, in candidates: some Sequence<String>) -> String? {
        let limit = min(2, max(1, word.count / 2))
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let distance = editDistance(word, candidate, limit: limit)
            if distance <= limit,
                distance < (best?.distance ?? .max)
                    || (distance == best?.distance && candidate < best!.candidate)
            {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// The Damerau–Levenshtein distance (optimal string alignment) between two words,
    /// case-insensitively; stops early once it exceeds `limit`.
    static func editDistance(_ left: String, _ right: String, limit: Int) -> Int {
        let a = Array(left.lowercased().unicodeScalars)
        let b = Array(right.lowercased().unicodeScalars)
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
