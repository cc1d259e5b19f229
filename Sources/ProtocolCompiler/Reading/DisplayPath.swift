import Foundation

/// A path as a user would write it: relative to the current folder when the file is inside it,
/// unchanged otherwise.
func displayPath(_ path: String) -> String {
    let folder = FileManager.default.currentDirectoryPath
    let prefix = folder.hasSuffix("/") ? folder : folder + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
}
