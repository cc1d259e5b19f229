/// The diagnostics of one input file.
public struct FileReport: Equatable, Sendable {
    /// The file as the user named it.
    public var path: String
    /// Its diagnostics, in source order.
    public var diagnostics: [Diagnostic]

    /// Creates a file report.
    public init(path: String, diagnostics: [Diagnostic]) {
        self.path = path
        self.diagnostics = diagnostics
    }

    /// Whether the file has no error.
    public var isValid: Bool { !diagnostics.contains { $0.severity == .error } }
}

/// Everything one run found, file by file.
public struct ValidationReport: Equatable, Sendable {
    /// One report per input file, in the order the files were given.
    public var files: [FileReport]

    /// Creates a report.
    public init(files: [FileReport]) {
        self.files = files
    }

    /// How many errors the run found.
    public var errorCount: Int { count(.error) }
    /// How many warnings the run found.
    public var warningCount: Int { count(.warning) }

    private func count(_ severity: Diagnostic.Severity) -> Int {
        files.reduce(0) { total, file in total + file.diagnostics.count { $0.severity == severity } }
    }

    /// The summary line: `2 files checked: 1 error, 0 warnings`.
    public var summary: String {
        "\(plural(files.count, "file")) checked: \(plural(errorCount, "error")), \(plural(warningCount, "warning"))"
    }
}

/// `1 file`, `2 files`.
func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
