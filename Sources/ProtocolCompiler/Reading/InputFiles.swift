import Foundation

/// The files a run looks at: each path given, and for a folder every `.yaml`, `.yml` and
/// `.json` file below it, in a stable order.
enum InputFiles {
    static let extensions: Set<String> = ["yaml", "yml", "json"]

    /// The files to read, or, for a path that does not exist, the path itself (reading it then
    /// reports the error).
    static func expand(_ paths: [String]) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                files.append(path)
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            let found = (FileManager.default.enumerator(atPath: base)?.allObjects as? [String]) ?? []
            files += found.filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted()
                .map { base + "/" + $0 }
        }
        return files
    }
}
