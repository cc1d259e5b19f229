import Foundation
import LocatedYAML

/// Where a node is: a registered document and the JSON-pointer tokens from its root.
struct NodeLocation: Hashable, Sendable {
    var document: Int
    var pointer: [String]
}

/// One registered schema document.
struct SchemaDocument: Sendable {
    /// The document's root node.
    var root: YAMLNode
    /// The URI the document was registered under (for files, their `file://` URI).
    var retrievalURI: String
    /// The URI of its root resource: the root's `$id` resolved against `retrievalURI`.
    var uri: String
    /// The file the document came from, if any.
    var filePath: String?
}

/// Every schema the validator may refer to, keyed by absolute URI, so that references resolve
/// offline.
///
/// Registering a document indexes the schema resources it embeds (subschemas with `$id`), their
/// `$anchor`s and `$dynamicAnchor`s. The draft 2020-12 meta-schemas are always available.
///
/// ```swift
/// var registry = SchemaRegistry()
/// let uri = try registry.loadSchemaFile(atPath: "schemas/v2/provider.json")
/// let validator = try JSONSchemaValidator(schemaURI: uri, registry: registry)
/// ```
public struct SchemaRegistry: Sendable {
    var documents: [SchemaDocument] = []
    /// Schema resources by absolute URI without fragment.
    var resources: [String: NodeLocation] = [:]
    /// `$anchor`s and `$dynamicAnchor`s by `resourceURI#name`.
    var anchors: [String: NodeLocation] = [:]
    /// `$dynamicAnchor`s by resource URI, then name.
    var dynamicAnchors: [String: [String: NodeLocation]] = [:]
    /// Documents by standardized file path.
    var documentsByPath: [String: Int] = [:]
    /// Files found next to a loaded schema that could not be loaded; reported if referenced.
    var brokenFiles: [String: SchemaLoadError] = [:]
    var scannedDirectories: Set<String> = []

    /// Limits for reading schema files.
    public var readerLimits: YAMLReader.Limits

    /// Creates a registry that knows only the draft 2020-12 meta-schemas.
    public init(readerLimits: YAMLReader.Limits = YAMLReader.Limits()) {
        self.readerLimits = readerLimits
    }

    /// The URIs of the registered schema resources (without the built-in meta-schemas unless
    /// they were used).
    public var registeredURIs: [String] { resources.keys.sorted() }

    /// Whether a schema resource with this absolute URI (fragment ignored) is registered.
    public func contains(uri: String) -> Bool {
        resources[URIs.withoutFragment(uri)] != nil
    }

    /// Registers a schema document under `uri`, and under its root `$id` if it has one.
    ///
    /// - Parameters:
    ///   - root: The schema: an object or a boolean.
    ///   - uri: The absolute URI the document is retrieved by; relative `$id`s and `$ref`s in it
    ///     resolve against it.
    ///   - filePath: The file the schema came from, for locating errors and for resolving
    ///     relative references by file when no registered URI matches.
    /// - Returns: The URI of the document's root resource (its `$id`, or `uri`).
    @discardableResult
    public mutating func register(_ root: YAMLNode, uri: String, filePath: String? = nil)
        throws(SchemaLoadError)
        -> String
    {
        switch root.content {
        case .mapping: break
        case .scalar(let scalar) where scalar.value == .bool(true) || scalar.value == .bool(false):
            break
        default:
            throw SchemaLoadError(
                kind: .invalidSchema, filePath: filePath, uri: uri, range: root.range,
                message:
                    "a schema must be an object or a boolean, found \(ErrorMessages.describeWithType(root))")
        }
        let retrievalURI = URIs.withoutFragment(uri)
        var canonical = retrievalURI
        if let id = root["$id"]?.string {
            canonical = URIs.withoutFragment(URIs.resolve(id, against: retrievalURI))
        }
        let index = documents.count
        documents.append(
            SchemaDocument(root: root, retrievalURI: retrievalURI, uri: canonical, filePath: filePath))
        resources[retrievalURI] = NodeLocation(document: index, pointer: [])
        var pointer: [String] = []
        indexSchema(root, document: index, pointer: &pointer, base: retrievalURI)
        if let filePath { documentsByPath[filePath] = index }
        return canonical
    }

    /// Registers a schema given as YAML or JSON text under `uri`.
    @discardableResult
    public mutating func register(text: String, uri: String) throws(SchemaLoadError) -> String {
        let root = try Self.parse(Array(text.utf8), filePath: nil, uri: uri, limits: readerLimits)
        return try register(root, uri: uri)
    }

    /// Loads a schema file (JSON or YAML) and registers it by its `$id`, or by its `file://` URI
    /// when it has none. Every other schema file in the same folder (`.json`, `.yaml`, `.yml`)
    /// is registered too, so that references between them resolve; those that cannot be read are
    /// reported only if something refers to them.
    ///
    /// - Returns: The URI to validate against (the file's `$id`, or its `file://` URI).
    @discardableResult
    public mutating func loadSchemaFile(atPath path: String) throws(SchemaLoadError) -> String {
        let file = Self.standardizedPath(path)
        let uri = try registerFile(file)
        scanDirectory(Self.directory(of: file), strict: false)
        return uri
    }

    /// Registers every schema file (`.json`, `.yaml`, `.yml`) of a folder, not recursively.
    /// Use it for schemas that others refer to by `$id` (the CLI's `--schema-dir`).
    ///
    /// - Throws: The first file that cannot be read or parsed.
    public mutating func registerSchemaDirectory(atPath path: String) throws(SchemaLoadError) {
        let directory = Self.standardizedPath(path)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw SchemaLoadError(
                kind: .unreadableFile, filePath: directory,
                message: "cannot read the schema folder \(directory)")
        }
        for name in names.sorted() where Self.isSchemaFileName(name) {
            let file = directory + "/" + name
            if documentsByPath[file] != nil { continue }
            if let broken = brokenFiles[file] { throw broken }
            _ = try registerFile(file)
        }
        scannedDirectories.insert(directory)
    }

    // MARK: - Files

    /// Registers one file (if not registered yet) and returns its root resource URI.
    mutating func registerFile(_ file: String) throws(SchemaLoadError) -> String {
        if let index = documentsByPath[file] { return documents[index].uri }
        if let broken = brokenFiles[file] { throw broken }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw SchemaLoadError(
                kind: .unreadableFile, filePath: file, message: "cannot read the schema file \(file)")
        }
        let uri = URIs.fileURI(forPath: file)
        let root = try Self.parse(Array(data), filePath: file, uri: uri, limits: readerLimits)
        return try register(root, uri: uri, filePath: file)
    }

    /// Registers the readable schema files of a folder; with `strict` false, remembers the
    /// unreadable ones instead of throwing.
    mutating func scanDirectory(_ directory: String, strict: Bool) {
        guard !scannedDirectories.contains(directory) else { return }
        scannedDirectories.insert(directory)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return
        }
        for name in names.sorted() where Self.isSchemaFileName(name) {
            let file = directory + "/" + name
            if documentsByPath[file] != nil || brokenFiles[file] != nil { continue }
            do {
                _ = try registerFile(file)
            } catch {
                brokenFiles[file] = error
            }
        }
    }

    /// The document of a file next to (or relative to) a registered one, loading it if it exists.
    mutating func document(forFile file: String) throws(SchemaLoadError) -> Int? {
        if let index = documentsByPath[file] { return index }
        if let broken = brokenFiles[file] { throw broken }
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        _ = try registerFile(file)
        return documentsByPath[file]
    }

    static func isSchemaFileName(_ name: String) -> Bool {
        !name.hasPrefix(".")
            && (name.hasSuffix(".json") || name.hasSuffix(".yaml") || name.hasSuffix(".yml"))
    }

    static func standardizedPath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    static func directory(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "." }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }

    /// Reads schema text (JSON or YAML) into its single document's root node.
    static func parse(_ bytes: [UInt8], filePath: String?, uri: String, limits: YAMLReader.Limits)
        throws(SchemaLoadError) -> YAMLNode
    {
        let documents: [YAMLDocument]
        do {
            documents = try YAMLReader(limits: limits).read(bytes)
        } catch {
            let first = error.errors.first
            throw SchemaLoadError(
                kind: .invalidSyntax, filePath: filePath, uri: uri, range: first?.range,
                message: "the schema is not well-formed: " + (first?.message ?? "unreadable"),
                yamlErrors: error.errors)
        }
        guard let document = documents.first else {
            throw SchemaLoadError(
                kind: .invalidSchema, filePath: filePath, uri: uri, message: "the schema file is empty")
        }
        if documents.count > 1 {
            throw SchemaLoadError(
                kind: .invalidSchema, filePath: filePath, uri: uri, range: documents[1].range,
                message: "a schema file must hold one document, this one holds \(documents.count)")
        }
        return document.root
    }

    // MARK: - Built-in meta-schemas

    /// Registers the built-in meta-schema with this URI if there is one and it is not registered.
    mutating func registerBuiltIn(_ uri: String) -> Bool {
        guard resources[uri] == nil, let text = StandardMetaSchemas.texts[uri] else { return false }
        return (try? register(text: text, uri: uri)) != nil
    }

    // MARK: - Indexing

    /// Records the resources, anchors and dynamic anchors of the schema `node` and its subschemas.
    private mutating func indexSchema(
        _ node: YAMLNode, document: Int, pointer: inout [String], base: String
    ) {
        guard case .mapping(let entries) = node.content else { return }
        var base = base
        let location = NodeLocation(document: document, pointer: pointer)
        if let id = node["$id"]?.string {
            base = URIs.withoutFragment(URIs.resolve(id, against: base))
            resources[base] = location
        }
        if let anchor = node["$anchor"]?.string {
            anchors[base + "#" + anchor] = location
        }
        if let anchor = node["$dynamicAnchor"]?.string {
            if anchors[base + "#" + anchor] == nil { anchors[base + "#" + anchor] = location }
            dynamicAnchors[base, default: [:]][anchor] = location
        }
        for entry in entries {
            guard let key = entry.key.keyText else { continue }
            let value = entry.value
            switch SchemaKeywords.position(ofKeyword: key, valueIsArray: value.items != nil) {
            case .schema:
                pointer.append(key)
                indexSchema(value, document: document, pointer: &pointer, base: base)
                pointer.removeLast()
            case .schemaMap:
                guard let children = value.entries else { continue }
                for child in children {
                    guard let name = child.key.keyText else { continue }
                    pointer.append(key)
                    pointer.append(name)
                    indexSchema(child.value, document: document, pointer: &pointer, base: base)
                    pointer.removeLast(2)
                }
            case .schemaArray:
                for (index, item) in (value.items ?? []).enumerated() {
                    pointer.append(key)
                    pointer.append(String(index))
                    indexSchema(item, document: document, pointer: &pointer, base: base)
                    pointer.removeLast(2)
                }
            case .data:
                continue
            }
        }
    }
}
