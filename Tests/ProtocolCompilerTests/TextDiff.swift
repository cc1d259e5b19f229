/// A line diff for test failures: the changed lines with two lines of context, `-` for the
/// expected text and `+` for the actual.
enum TextDiff {
    static func unified(expected: String, actual: String, context: Int = 2) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        // Longest common subsequence table, from the ends.
        var table = [[Int]](repeating: [Int](repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var lines: [(marker: Character, text: Substring, line: Int)] = []
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                lines.append((" ", old[i], i + 1))
                i += 1
                j += 1
            } else if i < old.count, j == new.count || table[i + 1][j] >= table[i][j + 1] {
                lines.append(("-", old[i], i + 1))
                i += 1
            } else {
                lines.append(("+", new[j], i + 1))
                j += 1
            }
        }
        let changed = lines.indices.filter { lines[$0].marker != " " }
        var shown = Set<Int>()
        for index in changed {
            for near in max(0, index - context)...min(lines.count - 1, index + context) { shown.insert(near) }
        }
        var output = ""
        var previous = -2
        for index in shown.sorted() {
            if index != previous + 1 { output += "@@ line \(lines[index].line) @@\n" }
            output += "\(lines[index].marker) \(lines[index].text)\n"
            previous = index
        }
        return output
    }
}
