import Foundation

/// The bytes of one input file and the name the user gave it.
public struct SourceFile: Sendable {
    /// The path as the user named it; diagnostics print it unchanged.
    public var path: String
    /// The file's contents.
    public var bytes: [UInt8]

    /// Creates a source file from bytes already in memory.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// Reads a file from disk.
    ///
    /// - Throws: a `Diagnostic` naming the file and why it could not be read.
    public static func read(atPath path: String) throws(Diagnostic) -> SourceFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Diagnostic(severity: .error, message: "cannot read file: no such file", path: path)
        }
        guard !isDirectory.boolValue else {
            throw Diagnostic(severity: .error, message: "cannot read file: it is a directory", path: path)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostic(severity: .error, message: "cannot read file: permission denied or I/O error", path: path)
        }
        return SourceFile(path: path, bytes: [UInt8](data))
    }

    /// The text of the line that holds the byte at `offset`, without its line break.
    public func line(containingByte offset: Int) -> String {
        let clamped = max(0, min(offset, bytes.count))
        var start = clamped
        while start > 0, bytes[start - 1] != UInt8(ascii: "\n"), bytes[start - 1] != UInt8(ascii: "\r") {
            start -= 1
        }
        var end = clamped
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n"), bytes[end] != UInt8(ascii: "\r") {
            end += 1
        }
        var line = bytes[start..<end]
        if start == 0, line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
        return String(decoding: line, as: UTF8.self)
    }
}
