import LocatedYAML

/// How to read a schema node: its base URI, where its resource starts, and the vocabularies in
/// force.
struct CompileScope: Sendable {
    var base: String
    /// The pointer length at the root of the node's resource.
    var resourceStart: Int
    var vocabularies: Vocabularies
}

/// Compiles the schema reachable from a URI into a `SchemaProgram`, resolving every reference
/// eagerly so that a broken one is reported before any instance is validated.
struct SchemaCompiler {
    private(set) var registry: SchemaRegistry
    private var nodes: [CompiledSchema?] = []
    private var memo: [NodeLocation: SchemaID] = [:]
    private var resourceIDs: [String: Int] = [:]
    private var resourceAnchors: [[String: SchemaID]] = []
    private var pendingResources: [(id: Int, uri: String)] = []
    private var patterns: [String: CompiledPattern] = [:]
    private var vocabularyCache: [String: Vocabularies] = [:]

    init(registry: SchemaRegistry) {
        self.registry = registry
    }

    /// Compiles the schema at `uri` and everything it refers to.
    mutating func compileProgram(rootURI uri: String) throws(SchemaLoadError) -> SchemaProgram {
        let location = try resolve(
            absolute: URIs.resolve(uri, against: uri), written: uri, referrer: nil)
        let root = try compile(location)
        while let pending = pendingResources.popLast() {
            for (name, location) in registry.dynamicAnchors[pending.uri] ?? [:] {
                resourceAnchors[pending.id][name] = try compile(location)
            }
        }
        return SchemaProgram(nodes: nodes.map { $0! }, root: root, dynamicAnchors: resourceAnchors)
    }

    // MARK: - References

    /// Where a reference points: the schema resource of its URI (registered, built in, or as a
    /// last resort the file at the written relative path next to the referring file), then the
    /// node its fragment names.
    private mutating func resolve(
        absolute: String, written: String, referrer: (document: Int, range: SourceRange)?
    )
        throws(SchemaLoadError) -> NodeLocation
    {
        let (base, fragment) = URIs.splitFragment(absolute)
        var resource = registry.resources[base]
        if resource == nil, registry.registerBuiltIn(base) {
            resource = registry.resources[base]
        }
        var triedFile: String?
        if resource == nil, let referrer, let file = registry.documents[referrer.document].filePath {
            let reference = URIReference(written)
            if reference.scheme == nil, reference.authority == nil, !reference.path.isEmpty,
                let path = JSONPointer.percentDecode(reference.path)
            {
                let candidate = SchemaRegistry.standardizedPath(
                    path.hasPrefix("/") ? path : SchemaRegistry.directory(of: file) + "/" + path)
                triedFile = candidate
                if let document = try registry.document(forFile: candidate) {
                    resource = NodeLocation(document: document, pointer: [])
                }
            }
        }
        guard let resource else {
            var message = "cannot resolve the reference \(ErrorMessages.quoted(written))"
            if written != absolute { message += " (\(absolute))" }
            message += ": no schema with the URI \(ErrorMessages.quoted(base)) is registered"
            if let triedFile { message += " and there is no file \(triedFile)" }
            throw referenceError(message, referrer: referrer, uri: absolute)
        }
        let resourceURI = resource.pointer.isEmpty ? registry.documents[resource.document].uri : base
        guard let fragment, !fragment.isEmpty else { return resource }
        if fragment.hasPrefix("/") {
            guard let decoded = JSONPointer.percentDecode(fragment),
                let tokens = JSONPointer.tokens(of: decoded)
            else {
                throw referenceError(
                    "the reference \(ErrorMessages.quoted(written)) has a malformed JSON pointer",
                    referrer: referrer,
                    uri: absolute)
            }
            let location = NodeLocation(document: resource.document, pointer: resource.pointer + tokens)
            guard walk(to: location) != nil else {
                throw referenceError(
                    "cannot resolve the reference \(ErrorMessages.quoted(written)): \(ErrorMessages.quoted(base)) has nothing at \(ErrorMessages.quoted(decoded))",
                    referrer: referrer, uri: absolute)
            }
            return location
        }
        let name = JSONPointer.percentDecode(fragment) ?? fragment
        if let location = registry.anchors[resourceURI + "#" + name]
            ?? registry.anchors[base + "#" + name]
        {
            return location
        }
        throw referenceError(
            "cannot resolve the reference \(ErrorMessages.quoted(written)): \(ErrorMessages.quoted(resourceURI)) has no anchor \(ErrorMessages.quoted(name))",
            referrer: referrer, uri: absolute)
    }

    private func referenceError(
        _ message: String, referrer: (document: Int, range: SourceRange)?, uri: String
    )
        -> SchemaLoadError
    {
        guard let referrer else {
            return SchemaLoadError(kind: .unresolvableReference, uri: uri, message: message)
        }
        let document = registry.documents[referrer.document]
        return SchemaLoadError(
            kind: .unresolvableReference, filePath: document.filePath, uri: document.uri,
            range: referrer.range,
            message: message)
    }

    /// The node at a location and the scope it is read in (the scope of its parent; the node's
    /// own `$id` and `$schema` are applied when it is compiled).
    private func walk(to location: NodeLocation) -> (node: YAMLNode, scope: CompileScope)? {
        let document = registry.documents[location.document]
        var node = document.root
        var scope = CompileScope(base: document.retrievalURI, resourceStart: 0, vocabularies: .all)
        var position = SchemaKeywords.ChildPosition.schema
        for (depth, token) in location.pointer.enumerated() {
            if position == .schema, node.entries != nil {
                applyIdentity(of: node, depth: depth, to: &scope)
            }
            let child: YAMLNode
            switch node.content {
            case .mapping:
                guard let value = node[token] else { return nil }
                child = value
            case .sequence(let items):
                guard let index = Int(token), items.indices.contains(index) else { return nil }
                child = items[index]
            case .scalar:
                return nil
            }
            switch position {
            case .schema:
                position =
                    node.entries != nil
                    ? SchemaKeywords.position(ofKeyword: token, valueIsArray: child.items != nil) : .data
            case .schemaMap, .schemaArray: position = .schema
            case .data: break
            }
            node = child
        }
        return (node, scope)
    }

    /// Applies a schema object's `$id` and `$schema` to the scope it is read in.
    private func applyIdentity(of node: YAMLNode, depth: Int, to scope: inout CompileScope) {
        if let id = node["$id"]?.string {
            scope.base = URIs.withoutFragment(URIs.resolve(id, against: scope.base))
            scope.resourceStart = depth
        }
        if let metaSchema = node["$schema"]?.string {
            scope.vocabularies = vocabularyCache[metaSchema] ?? .all
        }
    }

    /// The vocabularies a meta-schema enables by its `$vocabulary` (all of them when it has none
    /// or is unknown).
    private mutating func cacheVocabularies(ofMetaSchema uri: String) {
        guard vocabularyCache[uri] == nil else { return }
        let base = URIs.withoutFragment(uri)
        var result = Vocabularies.all
        if base != SchemaKeywords.draft202012MetaSchema {
            if registry.resources[base] == nil { _ = registry.registerBuiltIn(base) }
            if let location = registry.resources[base], let (node, _) = walk(to: location),
                let declared = node["$vocabulary"]?.entries
            {
                result = []
                for entry in declared {
                    if let name = entry.key.keyText, let vocabulary = Vocabularies.named(name) {
                        result.insert(vocabulary)
                    }
                }
            }
        }
        vocabularyCache[uri] = result
    }

    // MARK: - Schemas

    /// Compiles the schema at a location (once).
    private mutating func compile(_ location: NodeLocation) throws(SchemaLoadError) -> SchemaID {
        if let id = memo[location] { return id }
        if let metaSchema = registry.documents[location.document].root["$schema"]?.string {
            cacheVocabularies(ofMetaSchema: metaSchema)
        }
        guard let (node, scope) = walk(to: location) else {
            throw SchemaLoadError(
                kind: .unresolvableReference, uri: registry.documents[location.document].uri,
                message: "nothing at \(JSONPointer.make(location.pointer))")
        }
        return try compile(node, at: location, scope: scope)
    }

    private mutating func compile(_ node: YAMLNode, at location: NodeLocation, scope: CompileScope)
        throws(SchemaLoadError) -> SchemaID
    {
        if let id = memo[location] { return id }
        let id = nodes.count
        nodes.append(nil)
        memo[location] = id
        var scope = scope
        switch node.content {
        case .scalar(let scalar):
            guard case .bool(let value) = scalar.value else {
                throw invalid(
                    node, location,
                    "a schema must be an object or a boolean, found \(ErrorMessages.describeWithType(node))")
            }
            nodes[id] = CompiledSchema(
                always: value, keywords: CompiledKeywords(), resource: resourceID(scope.base),
                absoluteLocation: absoluteLocation(location, scope))
        case .mapping:
            if let metaSchema = node["$schema"]?.string { cacheVocabularies(ofMetaSchema: metaSchema) }
            applyIdentity(of: node, depth: location.pointer.count, to: &scope)
            let resource = resourceID(scope.base)
            let keywords = try compileKeywords(of: node, at: location, scope: scope)
            nodes[id] = CompiledSchema(
                always: nil, keywords: keywords, resource: resource,
                absoluteLocation: absoluteLocation(location, scope))
        case .sequence:
            throw invalid(node, location, "a schema must be an object or a boolean, found an array")
        }
        return id
    }

    private func absoluteLocation(_ location: NodeLocation, _ scope: CompileScope) -> String {
        let start = min(scope.resourceStart, location.pointer.count)
        return scope.base + "#" + JSONPointer.make(Array(location.pointer[start...]))
    }

    private mutating func resourceID(_ uri: String) -> Int {
        if let id = resourceIDs[uri] { return id }
        let id = resourceAnchors.count
        resourceIDs[uri] = id
        resourceAnchors.append([:])
        pendingResources.append((id, uri))
        return id
    }

    func invalid(_ node: YAMLNode, _ location: NodeLocation, _ message: String) -> SchemaLoadError {
        let document = registry.documents[location.document]
        return SchemaLoadError(
            kind: .invalidSchema, filePath: document.filePath, uri: document.uri, range: node.range,
            message: message)
    }

    /// Compiles a subschema found under `tokens` of `location`.
    mutating func subschema(
        _ node: YAMLNode, _ location: NodeLocation, _ tokens: String..., scope: CompileScope
    )
        throws(SchemaLoadError) -> SchemaID
    {
        try compile(
            node, at: NodeLocation(document: location.document, pointer: location.pointer + tokens),
            scope: scope)
    }

    /// Compiles a `$ref` or `$dynamicRef` value to its static target.
    mutating func reference(
        _ value: YAMLNode, keyword: String, _ location: NodeLocation, scope: CompileScope
    )
        throws(SchemaLoadError) -> (target: SchemaID, absolute: String, location: NodeLocation)
    {
        guard let written = value.string else {
            throw invalid(value, location, "\"\(keyword)\" must be a string holding a URI reference")
        }
        let absolute = URIs.resolve(written, against: scope.base)
        let target = try resolve(
            absolute: absolute, written: written, referrer: (location.document, value.range))
        return (try compile(target), absolute, target)
    }

    /// The anchor a `$dynamicRef` looks up dynamically: its fragment, when it is a plain name and
    /// the statically resolved target declares the same `$dynamicAnchor`.
    func dynamicAnchorName(_ absolute: String, target: NodeLocation) -> String? {
        guard let fragment = URIs.splitFragment(absolute).fragment, !fragment.isEmpty,
            !fragment.hasPrefix("/")
        else {
            return nil
        }
        let name = JSONPointer.percentDecode(fragment) ?? fragment
        guard let (node, _) = walk(to: target), node["$dynamicAnchor"]?.string == name else {
            return nil
        }
        return name
    }

    /// A compiled regular expression, or an error at `node`.
    mutating func pattern(_ source: String, node: YAMLNode, _ location: NodeLocation)
        throws(SchemaLoadError)
        -> CompiledPattern
    {
        if let cached = patterns[source] { return cached }
        guard let pattern = CompiledPattern(source) else {
            throw invalid(
                node, location, "\(ErrorMessages.quoted(source)) is not a valid regular expression")
        }
        patterns[source] = pattern
        return pattern
    }
}
