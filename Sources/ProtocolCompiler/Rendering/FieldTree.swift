/// The shape of the JSON a manifest reads, built from every path it uses: which members of
/// which objects, which arrays, and what each value read is decoded as.
///
/// A node read as a whole is a leaf: a string or an integer when every use of it agrees on
/// that type (the vocabulary's type of an event field, the literal it is compared with),
/// otherwise a `JSONValue`. A string that is only compared for equality with ASCII texts is read
/// as which of them it is (a generated enum), never made a `String`: the discriminators that
/// pick a frame's rules (`type == 'content_block_delta'`) cost a few byte comparisons per frame.
/// A value of another type than its leaf's counts as absent. A node only stepped through becomes
/// a struct with one optional property per member read, or an array. A value both read whole and
/// navigated into is a struct too, of the members read (as `JSONValue`s) and the rest of the value,
/// so that the rules that only read its members build no `JSONValue` object (Gemini reads a
/// content part's `text` per frame, and the whole part for a function call). Decoding only what
/// the manifest reads, with the narrowest type, keeps the generated types small, lenient and fast.
struct FieldTree: Equatable {
    /// What a leaf is decoded as.
    enum LeafType: Equatable {
        /// A string (`String`).
        case string
        /// A string new in every frame, a delta's text or arguments fragment (`String`): read
        /// without looking for it among the strings that earlier frames repeated.
        case deltaString
        /// A string compared only for equality with these ASCII texts (sorted): a generated
        /// enum with a case for each and one for any other text.
        case texts([String])
        /// An integral number (`Int`).
        case integer
        /// Anything (a `JSONValue`).
        case json

        /// The type that serves both uses.
        func merged(with other: LeafType) -> LeafType {
            switch (self, other) {
            case (.texts(let some), .texts(let others)): .texts(Array(Set(some + others)).sorted())
            case (.texts, .string), (.string, .texts), (.texts, .deltaString), (.deltaString, .texts): .string
            case (.string, .deltaString), (.deltaString, .string): .string
            default: self == other ? self : .json
            }
        }
    }

    indirect enum Node: Equatable {
        /// Read as a whole; `nil` while no use has asked for a type.
        case leaf(LeafType?)
        /// An object with the members read from it, by key.
        case object([String: Node])
        /// An array of elements of one shape.
        case array(Node)
        /// Any value, read whole, of which these members are read by name: a struct holding
        /// those members as `JSONValue`s and the rest of the value apart, which it puts back
        /// together when a rule reads it whole. Navigation past these members, and into the
        /// value as an array, happens at run time.
        case whole(Set<String>)
    }

    var root: Node = .object([:])

    /// How a path uses the node it ends at.
    enum Use: Equatable {
        /// Its value is read as this type, or as any type (`nil`: truthiness, a comparison with
        /// `null`).
        case value(LeafType?)
        /// Only its presence is tested: any shape will do.
        case presence
    }

    /// A tree whose root is one value of `type` (a usage object read by paths inside it).
    init(rootLeaf type: LeafType? = nil) {
        root = .leaf(type)
    }

    init() {}

    /// Adds a path (and the paths inside its filters) to the tree.
    mutating func insert(_ path: ValuePath, use: Use) {
        root = Self.elementLeavesAsJSON(Self.inserting(path.segments[...], use: use, into: root))
        // A document read whole is a `JSONValue`, whatever its uses.
        switch root {
        case .leaf, .whole: root = .leaf(.json)
        case .object, .array: break
        }
        insertFilterPaths(path)
    }

    /// Arrays whose elements are read whole hold `JSONValue`s: one element of another type must
    /// not make the whole array absent.
    private static func elementLeavesAsJSON(_ node: Node) -> Node {
        switch node {
        case .leaf, .whole: node
        case .object(let members): .object(members.mapValues(elementLeavesAsJSON))
        case .array(.leaf): .array(.leaf(.json))
        case .array(let element): .array(elementLeavesAsJSON(element))
        }
    }

    /// Filter conditions read members of the elements they filter (`@.type`): add those paths
    /// below the filtered array's element.
    private mutating func insertFilterPaths(_ path: ValuePath) {
        for (position, segment) in path.segments.enumerated() {
            guard case .filter(let condition) = segment else { continue }
            let prefix = Array(path.segments[..<position])
            for (inner, use) in ExpressionPaths.uses(in: condition) where inner.root == .current {
                // The element is reached by the prefix followed by a wildcard.
                let full = ValuePath(root: .document, segments: prefix + [.wildcard] + inner.segments)
                insert(full, use: use)
            }
        }
    }

    private static func inserting(_ segments: ArraySlice<ValuePath.Segment>, use: Use, into node: Node) -> Node {
        guard let segment = segments.first else {
            switch (use, node) {
            case (.presence, let existing):
                return existing
            case (.value(let type), .leaf(let existing)):
                guard let type else { return .leaf(existing) }
                return .leaf(existing.map { $0.merged(with: type) } ?? type)
            case (.value(nil), .object(let members)) where !members.isEmpty:
                // Tested for truthiness and navigated into: a struct, truthy when present.
                return node
            case (.value(let type), .object(let members)) where members.isEmpty:
                // Reached only on the way here: nothing else is read inside it.
                return .leaf(type)
            case (.value, .object(let members)):
                // Read whole and navigated into: the members read, and the rest apart.
                return .whole(Set(members.keys))
            case (.value, .whole):
                return node
            case (.value, _):
                // An array read whole, or a value read whole already.
                return .leaf(.json)
            }
        }
        let rest = segments.dropFirst()
        switch (segment, node) {
        case (.key, .leaf(nil)):
            // Only tested for truthiness so far: navigating makes it a struct, truthy when present.
            return inserting(segments, use: use, into: .object([:]))
        case (.key(let key), .leaf):
            // Navigating inside a value read whole: its members read, and the rest apart.
            return .whole([key])
        case (.key(let key), .whole(let keys)):
            return .whole(keys.union([key]))
        case (_, .whole):
            // Navigating inside a value read whole as an array happens at run time.
            return node
        case (_, .leaf):
            // Navigating inside a value read whole as an array: keep it a `JSONValue` and
            // navigate at run time.
            return .leaf(.json)
        case (.key(let key), .object(var members)):
            members[key] = inserting(rest, use: use, into: members[key] ?? .object([:]))
            return .object(members)
        case (.index, .object(let members)) where members.isEmpty,
            (.wildcard, .object(let members)) where members.isEmpty,
            (.filter, .object(let members)) where members.isEmpty:
            return .array(inserting(rest, use: use, into: .object([:])))
        case (.index, .array(let element)), (.wildcard, .array(let element)), (.filter, .array(let element)):
            return .array(inserting(rest, use: use, into: element))
        case (_, .object(let members)):
            // Read both as an object and as an array: keep it whole, its members apart, and
            // navigate it as an array at run time.
            return .whole(Set(members.keys))
        case (.key(let key), .array):
            return .whole([key])
        }
    }
}

/// The paths an expression reads, with how it reads them.
enum ExpressionPaths {
    static func uses(in expression: Expression) -> [(ValuePath, FieldTree.Use)] {
        switch expression {
        case .path(let path): [(path, .value(nil))]
        case .exists(let path): [(path, .presence)]
        case .literal: []
        case .not(let inner): uses(in: inner)
        case .and(let left, let right), .or(let left, let right): uses(in: left) + uses(in: right)
        case .comparison(.path(let path), let op, .literal(let literal)),
            .comparison(.literal(let literal), let op, .path(let path)):
            [(path, .value(leafType(of: literal, equality: op == .equal || op == .notEqual)))]
        case .comparison(let left, _, let right):
            // Between two paths (or computed operands), values compare as JSON.
            operandUses(left) + operandUses(right)
        case .membership(.path(let path), let literals):
            [(path, .value(leafType(of: literals)))]
        case .membership(let inner, _):
            operandUses(inner)
        }
    }

    /// The uses of a comparison operand: a path read as JSON, or the paths of a condition.
    private static func operandUses(_ expression: Expression) -> [(ValuePath, FieldTree.Use)] {
        if case .path(let path) = expression { return [(path, .value(.json))] }
        if case .exists(let path) = expression { return [(path, .value(.json))] }
        return uses(in: expression)
    }

    /// The leaf type a comparison with `literal` needs (for equality or another order);
    /// `nil` for `null`, which any type serves.
    static func leafType(of literal: Literal, equality: Bool) -> FieldTree.LeafType? {
        switch literal {
        case .string(let text): equality && literal.isASCIIString ? .texts([text]) : .string
        case .integer: .integer
        case .number, .bool: .json
        case .null: nil
        }
    }

    /// The leaf type membership in `literals` needs.
    static func leafType(of literals: [Literal]) -> FieldTree.LeafType? {
        var type: FieldTree.LeafType?
        for literal in literals {
            guard let next = leafType(of: literal, equality: true) else { continue }
            type = type.map { $0.merged(with: next) } ?? next
        }
        return type
    }
}
