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
    /// How many provider manifests and model entries were checked, for runs over manifests.
    public var manifestCounts: (providers: Int, models: Int)?

    /// Creates a report.
    public init(files: [FileReport], manifestCounts: (providers: Int, models: Int)? = nil) {
        self.files = files
        self.manifestCounts = manifestCounts
    }

    public static func == (lhs: ValidationReport, rhs: ValidationReport) -> Bool {
        lhs.files == rhs.files && lhs.manifestCounts?.providers == rhs.manifestCounts?.providers
            && lhs.manifestCounts?.models == rhs.manifestCounts?.models
    }

    /// How many errors the run found.
    public var errorCount: Int { count(.error) }
    /// How many warnings the run found.
    public var warningCount: Int { count(.warning) }
    /// How many remarks the run made (parts of the input that are not used).
    public var remarkCount: Int { count(.remark) }

    private func count(_ severity: Diagnostic.Severity) -> Int {
        files.reduce(0) { total, file in total + file.diagnostics.count { $0.severity == severity } }
    }

    /// The summary line: `2 files checked: 1 error, 0 warnings`, or for manifests
    /// `40 files checked: 32 providers, 186 models, 0 errors, 0 warnings`, with the number of
    /// remarks when there are any.
    public var summary: String {
        var parts: [String] = []
        if let counts = manifestCounts {
            parts += [plural(counts.providers, "provider"), plural(counts.models, "model")]
        }
        parts += [plural(errorCount, "error"), plural(warningCount, "warning")]
        if remarkCount > 0 { parts.append(plural(remarkCount, "remark")) }
        return "\(plural(files.count, "file")) checked: " + parts.joined(separator: ", ")
    }
}

/// `1 file`, `2 files`.
func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
