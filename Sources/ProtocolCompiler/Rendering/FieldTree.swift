/// The shape of the JSON a manifest reads, built from every path it uses: which members of
/// which objects, which arrays, and where the generated types stop and a `JSONValue` takes over.
///
/// A node read as a whole (extracted or compared) is a leaf, decoded as `JSONValue`; a node only
/// stepped through becomes a struct with one optional property per member read, or an array.
/// Decoding only what the manifest reads keeps the generated types small and lenient.
struct FieldTree: Equatable {
    indirect enum Node: Equatable {
        /// Read as a whole: a `JSONValue`.
        case leaf
        /// An object with the members read from it, by key.
        case object([String: Node])
        /// An array of elements of one shape.
        case array(Node)
    }

    var root: Node = .object([:])

    /// How a path uses the node it ends at.
    enum Use {
        /// Its value is read (extracted, compared): the node must be a leaf.
        case value
        /// Only its presence is tested: any shape will do.
        case presence
    }

    /// Adds a path (and the paths inside its filters) to the tree.
    mutating func insert(_ path: ValuePath, use: Use) {
        root = Self.inserting(path.segments[...], use: use, into: root)
        insertFilterPaths(path)
    }

    /// Filter conditions read members of the elements they filter (`@.type`): add those paths
    /// below the filtered array's element.
    private mutating func insertFilterPaths(_ path: ValuePath) {
        for (position, segment) in path.segments.enumerated() {
            guard case .filter(let condition) = segment else { continue }
            let prefix = Array(path.segments[..<position])
            for (inner, use) in ExpressionPaths.paths(in: condition) where inner.root == .current {
                // The element is reached by the prefix followed by a wildcard.
                let full = ValuePath(root: .document, segments: prefix + [.wildcard] + inner.segments)
                insert(full, use: use)
            }
        }
    }

    private static func inserting(_ segments: ArraySlice<ValuePath.Segment>, use: Use, into node: Node) -> Node {
        guard let segment = segments.first else {
            switch (use, node) {
            case (.value, _): return .leaf
            case (.presence, let existing): return existing
            }
        }
        let rest = segments.dropFirst()
        switch (segment, node) {
        case (_, .leaf):
            return .leaf
        case (.key(let key), .object(var members)):
            members[key] = inserting(rest, use: use, into: members[key] ?? .object([:]))
            return .object(members)
        case (.index, .object(let members)) where members.isEmpty,
            (.wildcard, .object(let members)) where members.isEmpty,
            (.filter, .object(let members)) where members.isEmpty:
            return .array(inserting(rest, use: use, into: .object([:])))
        case (.index, .array(let element)), (.wildcard, .array(let element)), (.filter, .array(let element)):
            return .array(inserting(rest, use: use, into: element))
        default:
            // Read both as an object and as an array: keep it whole and navigate at run time.
            return .leaf
        }
    }
}

/// The paths an expression reads, with how it reads them.
enum ExpressionPaths {
    static func paths(in expression: Expression) -> [(ValuePath, FieldTree.Use)] {
        switch expression {
        case .path(let path): [(path, .value)]
        case .exists(let path): [(path, .presence)]
        case .literal: []
        case .not(let inner): paths(in: inner)
        case .and(let left, let right), .or(let left, let right): paths(in: left) + paths(in: right)
        case .comparison(let left, _, let right): paths(in: left) + paths(in: right)
        case .membership(let inner, _): paths(in: inner)
        }
    }
}
