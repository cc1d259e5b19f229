import Foundation
import Testing

@testable import ProtocolCompiler

/// Snippet-based reference tests, in the manner of swift-openapi-generator's: a small manifest
/// fragment in, the Swift fragment it compiles to out, one feature at a time.
///
/// A fragment is added to a minimal provider manifest (an OpenAI-shaped chat endpoint, an SSE
/// decoder): `rules` become its `streaming.event_map`, `sections` replace or add top-level
/// sections. The test compares one section of the generated file with the expected Swift,
/// indentation removed.
enum Snippet {
    /// The part of a generated provider file a test looks at.
    enum Section {
        /// The body of the compiled event rules (`apply(_:candidate:into:)`).
        case rules
        /// The body of `events(for:)`: frame selector, fan-out, flush and stop condition.
        case events
        /// The `StreamFrame` type.
        case frame
        /// The body of the function whose declaration line contains this text.
        case function(String)
        /// The first line that starts with this text (indentation removed).
        case line(String)
    }

    /// The minimal manifest's top-level sections; a test's `sections` replace those of the same key.
    static let base: KeyValuePairs<String, String> = [
        "id": "id: snippet",
        "protocol_version": "protocol_version: \"2.0\"",
        "name": "name: Snippet",
        "endpoint": "endpoint:\n  base_url: https://api.snippet.test/v1",
        "endpoints": "endpoints:\n  chat: {path: /chat/completions, adapter: openai}",
        "capabilities": "capabilities:\n  required: [text, streaming]",
        "error_classification": "error_classification:\n  by_http_status: {\"429\": rate_limited}",
    ]

    /// The generated Swift of `section` for the base manifest with `rules` and `sections`.
    static func render(
        rules: String? = nil, streaming: String = "decoder: {format: sse}", sections: String = "", section: Section
    ) throws -> String {
        let replaced = Set(
            sections.split(separator: "\n").filter { !($0.first?.isWhitespace ?? true) }
                .compactMap { $0.split(separator: ":").first.map(String.init) })
        var manifest = base.filter { !replaced.contains($0.key) }.map(\.value).joined(separator: "\n")
        manifest += "\n" + sections + "\n"
        if let rules {
            manifest += "streaming:\n" + indented(streaming, by: 2) + "\n  event_map:\n" + indented(rules, by: 4) + "\n"
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("snippet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("snippet.yaml").path
        try manifest.write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = CodeGenerator(spec: try SpecBundle(directory: TestPaths.spec, strict: false)).generate(paths: [
            path
        ])
        let renderer = DiagnosticRenderer(sources: outcome.sources)
        let problems = outcome.report.files.flatMap(\.diagnostics).filter { $0.severity < .note }
        guard let file = outcome.files.first(where: { $0.path == "AIProviders/Snippet.swift" }) else {
            throw SnippetError("nothing generated:\n\(problems.map(renderer.render).joined())\n\(manifest)")
        }
        return try extract(section, from: file.contents)
    }

    /// Records an issue, with a line diff, when the section differs from `expected`.
    static func expect(
        _ expected: String, rules: String? = nil, streaming: String = "decoder: {format: sse}", sections: String = "",
        section: Section, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let actual = try render(rules: rules, streaming: streaming, sections: sections, section: section)
        #expect(
            actual == expected, "\n\(TextDiff.unified(expected: expected, actual: actual))\nactual:\n\(actual)",
            sourceLocation: sourceLocation)
    }

    // MARK: Sections

    private static func extract(_ section: Section, from source: String) throws -> String {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        switch section {
        case .rules: return try body(of: "private mutating func apply(", in: lines)
        case .events: return try body(of: "public mutating func events(for frame:", in: lines)
        case .function(let declaration): return try body(of: declaration, in: lines)
        case .frame: return try block(startingWith: "nonisolated public struct StreamFrame", in: lines)
        case .line(let prefix):
            guard
                let line = lines.map({ $0.trimmingCharacters(in: .whitespaces) }).first(where: { $0.hasPrefix(prefix) })
            else { throw SnippetError("no line starts with \(prefix)") }
            return line
        }
    }

    /// The lines between a declaration's `{` and its `}`, indentation removed.
    private static func body(of declaration: String, in lines: [String]) throws -> String {
        guard let start = lines.firstIndex(where: { $0.contains(declaration) }) else {
            throw SnippetError("no declaration \(declaration)")
        }
        let end = closing(from: start, in: lines)
        return dedented(Array(lines[(start + 1)..<end]))
    }

    /// A whole block: its first line through its closing brace, indentation removed.
    private static func block(startingWith prefix: String, in lines: [String]) throws -> String {
        guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(prefix) }) else {
            throw SnippetError("no block \(prefix)")
        }
        return dedented(Array(lines[start...closing(from: start, in: lines)]))
    }

    /// The line of the brace that closes the block opened on line `start`.
    private static func closing(from start: Int, in lines: [String]) -> Int {
        var depth = 0
        for index in start..<lines.count {
            for character in lines[index] {
                if character == "{" { depth += 1 }
                if character == "}" { depth -= 1 }
            }
            if depth == 0, index > start || lines[index].contains("}") { return index }
        }
        return lines.count - 1
    }

    private static func dedented(_ lines: [String]) -> String {
        let indentation =
            lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.prefix(while: { $0 == " " }).count }.min() ?? 0
        return lines.map { String($0.dropFirst(min(indentation, $0.prefix(while: { $0 == " " }).count))) }
            .joined(separator: "\n")
    }

    private static func indented(_ text: String, by count: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : String(repeating: " ", count: count) + $0 }.joined(separator: "\n")
    }
}

struct SnippetError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
