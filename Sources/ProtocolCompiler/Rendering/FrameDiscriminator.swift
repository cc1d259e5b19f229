/// A member at the root of a stream frame that decides whether any rule reads the frame:
/// `type` in Anthropic's stream, where every rule, the `flush_on` and the stop condition ask for
/// `type == '…'`. A frame whose discriminator holds none of the texts they ask for gives no
/// event and changes nothing, so its compiled scanner skips the rest of it, unread, once the
/// discriminator is read (a `ping`, an event type the manifest does not know).
struct FrameDiscriminator: Equatable {
    /// The member's key.
    var key: String
    /// The texts for which some rule, `flush_on` or the stop condition can hold (sorted).
    var needed: [String]

    /// The discriminator of frames of this shape under these conditions, if there is one: a
    /// compared string at the root for which every condition in `everyFrame` (the rules'
    /// matches, `flush_on`, the stop condition) holds only for some texts; those texts, within
    /// the ones the frame selector lets through when it names some.
    ///
    /// When several members qualify, the one the fewest frames need is chosen (then by key).
    static func find(in tree: FieldTree, everyFrame: [Expression], selector: Expression?) -> FrameDiscriminator? {
        guard case .object(let members) = tree.root, !everyFrame.isEmpty else { return nil }
        var found: [FrameDiscriminator] = []
        for (key, node) in members {
            guard case .leaf(.texts?) = node else { continue }
            var needed: Set<String> = []
            var constrained = true
            for condition in everyFrame {
                guard let texts = texts(of: key, allowedBy: condition) else {
                    constrained = false
                    break
                }
                needed.formUnion(texts)
            }
            guard constrained else { continue }
            if let selector, let selected = texts(of: key, allowedBy: selector) { needed.formIntersection(selected) }
            found.append(FrameDiscriminator(key: key, needed: needed.sorted()))
        }
        return found.min { ($0.needed.count, $0.key) < ($1.needed.count, $1.key) }
    }

    /// The texts of the root member `key` for which `condition` can hold; `nil` when it can
    /// hold whatever the member is (or is absent).
    static func texts(of key: String, allowedBy condition: Expression) -> Set<String>? {
        switch condition {
        case .comparison(.path(let path), .equal, .literal(.string(let text))),
            .comparison(.literal(.string(let text)), .equal, .path(let path)):
            return isMember(path, key) ? [text] : nil
        case .membership(.path(let path), let literals):
            guard isMember(path, key) else { return nil }
            return Set(literals.compactMap { if case .string(let text) = $0 { text } else { nil } })
        case .and(let left, let right):
            switch (texts(of: key, allowedBy: left), texts(of: key, allowedBy: right)) {
            case (let some?, let others?): return some.intersection(others)
            case (let some?, nil), (nil, let some?): return some
            case (nil, nil): return nil
            }
        case .or(let left, let right):
            guard let some = texts(of: key, allowedBy: left), let others = texts(of: key, allowedBy: right) else {
                return nil
            }
            return some.union(others)
        case .literal(.bool(false)), .literal(.null):
            return []
        default:
            return nil
        }
    }

    /// Whether `path` is the root member `key` of the frame (outside a filter, `@` is the frame
    /// too).
    private static func isMember(_ path: ValuePath, _ key: String) -> Bool {
        path.segments == [.key(key)]
    }
}
