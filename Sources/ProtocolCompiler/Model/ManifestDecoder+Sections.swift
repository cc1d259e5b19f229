import JSONSchemaValidation
import LocatedYAML

extension ManifestDecoder {
    // MARK: Parameters

    /// v2's `parameters` (keyed by the provider's wire name) and v1's `parameter_mappings`
    /// (standard name → wire path), as one list.
    func parameters(_ document: NodeCursor, into diagnostics: inout Diagnostics) -> [ProviderManifest.Parameter] {
        var found: [ProviderManifest.Parameter] = []
        for (wireName, spec) in document["parameters"]?.entries ?? [] {
            // An `alias` names the standard parameter; without one, a wire name that is itself a
            // standard spelling stands for it (no alias note: it is the provider's name).
            let standard: Located<String>?
            if let alias = spec["alias"]?.string {
                standard = vocabulary.resolve(
                    alias, as: .parameter, consequence: "\"\(wireName.value)\" is not bound to a standard parameter",
                    path: path, into: &diagnostics)
            } else {
                standard = vocabulary.canonical(wireName.value, in: "parameters").map { name in
                    wireName.map { _ in name }
                }
            }
            var wirePath = [wireName.value]
            if let declared = path(spec["path"], into: &diagnostics) {
                wirePath = memberNames(of: declared, into: &diagnostics) ?? wirePath
            }
            found.append(
                ProviderManifest.Parameter(
                    wireName: wireName, standardName: standard, wirePath: wirePath,
                    isRequired: spec["required"]?.bool == true,
                    defaultValue: spec["default"].map { Located($0.value, range: $0.range, pointer: $0.pointer) }))
        }
        for (name, wire) in document["parameter_mappings"]?.entries ?? [] {
            guard let wireText = wire.string else { continue }
            let standard = vocabulary.resolve(
                name, as: .parameter, consequence: "the mapping to \"\(wireText.value)\" is not used", path: path,
                into: &diagnostics)
            found.append(
                ProviderManifest.Parameter(
                    wireName: wireText, standardName: standard,
                    wirePath: wireText.value.split(separator: ".").map(String.init), isRequired: false,
                    defaultValue: nil))
        }
        return found
    }

    /// The member names of a body path (`$.generationConfig.maxOutputTokens`); a path that
    /// indexes or filters cannot place a value in a request body.
    private func memberNames(of path: Located<ValuePath>, into diagnostics: inout Diagnostics) -> [String]? {
        var names: [String] = []
        for segment in path.value.segments {
            guard case .key(let name) = segment else {
                diagnostics.leftOut(
                    "a request parameter's path can only name object members, not \"\(path.value)\"",
                    consequence: "the parameter's own name is used", path: self.path, range: path.range,
                    pointer: path.pointer)
                return nil
            }
            names.append(name)
        }
        return names.isEmpty ? nil : names
    }

    // MARK: Streaming

    func streaming(_ node: NodeCursor?, into diagnostics: inout Diagnostics) -> ProviderManifest.Streaming? {
        guard let node else { return nil }
        let decoder = node["decoder"]
        var fanOutPath: Located<ValuePath>?
        var described: [Located<String>] = []
        let candidatePath = path(node["candidate"]?["candidate_id_path"], into: &diagnostics)
        if node["candidate"]?["fan_out"]?.bool == true {
            fanOutPath = candidatePath
        } else if let candidatePath {
            described.append(candidatePath.map { _ in "candidate.candidate_id_path without fan_out" })
        }
        if let keyPath = path(node["accumulator"]?["key_path"], into: &diagnostics) {
            described.append(keyPath.map { _ in "accumulator.key_path" })
        }
        if let format = node["event_format"]?.string { described.append(format.map { _ in "event_format" }) }
        var shorthand: [String: Located<ValuePath>] = [:]
        for (key, value) in node.entries where key.value.hasSuffix("_path") {
            if let parsed = path(value, into: &diagnostics) { shorthand[key.value] = parsed }
        }
        return ProviderManifest.Streaming(
            range: node.range, pointer: node.pointer,
            format: decoder?["format"]?.string,
            strategy: decoder?["strategy"]?.string.flatMap {
                vocabulary.resolve($0, as: .decoderStrategy, consequence: "ignored", path: path, into: &diagnostics)
            },
            doneSignal: decoder?["done_signal"]?.string,
            prefix: decoder?["prefix"]?.string,
            delimiter: decoder?["delimiter"]?.string,
            frameSelector: expression(node["frame_selector"], into: &diagnostics),
            fanOutPath: fanOutPath,
            described: described,
            flushOn: expression(node["accumulator"]?["flush_on"], into: &diagnostics),
            rules: node["event_map"]?.items.compactMap { rule($0, into: &diagnostics) } ?? [],
            stopCondition: expression(node["stop_condition"], into: &diagnostics),
            requestFields: node["request_fields"].map { Located($0.value, range: $0.range, pointer: $0.pointer) },
            shorthandPaths: shorthand)
    }

    /// One event rule; `nil` when its match or a path does not parse (reported) or its event is
    /// unknown (reported: the rule is left out).
    private func rule(_ node: NodeCursor, into diagnostics: inout Diagnostics) -> ProviderManifest.EventRule? {
        let match = expression(node["match"], into: &diagnostics)
        let event = node["emit"]?.string.flatMap {
            vocabulary.resolve($0, as: .event, consequence: "the rule is left out", path: path, into: &diagnostics)
        }
        var fields: [(name: Located<String>, path: Located<ValuePath>)] = []
        var isComplete = true
        for (name, value) in (node["extract"] ?? node["fields"])?.entries ?? [] {
            // A path that does not parse is an error; the rule is not compiled without it.
            guard let parsed = path(value, into: &diagnostics) else {
                isComplete = false
                continue
            }
            // A field the event does not have was reported by the schema as an unknown key.
            guard let event, let canonical = vocabulary.eventField(name.value, of: event.value) else { continue }
            if canonical != name.value {
                diagnostics.note(
                    "\"\(name.value)\" is an accepted alias of \"\(canonical)\"; prefer \"\(canonical)\"", path: path,
                    range: name.range, pointer: name.pointer)
            }
            fields.append((name.map { _ in canonical }, parsed))
        }
        guard let match, let event, isComplete else { return nil }
        return ProviderManifest.EventRule(
            match: match, event: event, fields: fields, range: node.range, pointer: node.pointer)
    }

    // MARK: Termination, errors, retries

    func termination(_ node: NodeCursor?, into diagnostics: inout Diagnostics) -> ProviderManifest.Termination? {
        guard let node else { return nil }
        var mapping: [(raw: Located<String>, reason: Located<String>)] = []
        for (raw, target) in node["mapping"]?.entries ?? [] {
            guard let name = target.string,
                let reason = vocabulary.resolve(
                    name, as: .terminationReason, consequence: "\"\(raw.value)\" is left unmapped", path: path,
                    into: &diagnostics)
            else { continue }
            mapping.append((raw, reason))
        }
        return ProviderManifest.Termination(
            sourceField: path(node["source_field"], into: &diagnostics), mapping: mapping)
    }

    func errorClassification(_ document: NodeCursor, into diagnostics: inout Diagnostics)
        -> ProviderManifest.ErrorClassification
    {
        var errors = ProviderManifest.ErrorClassification()
        let node = document["error_classification"]
        func errorClass(_ value: NodeCursor, for key: Located<String>) -> Located<String>? {
            value.string.flatMap {
                vocabulary.resolve(
                    $0, as: .errorClass, consequence: "\"\(key.value)\" is left unclassified", path: path,
                    into: &diagnostics)
            }
        }
        for (key, value) in node?["by_http_status"]?.entries ?? [] {
            guard let status = Int(key.value), let target = errorClass(value, for: key) else { continue }
            errors.byStatus.append((key.map { _ in status }, target))
        }
        for table in ["by_error_code", "by_error_status"] {
            for (key, value) in node?[table]?.entries ?? [] {
                guard let target = errorClass(value, for: key) else { continue }
                errors.byCode.append((key, target))
            }
        }
        for (key, value) in node?["by_message_contains"]?.entries ?? [] {
            guard let target = errorClass(value, for: key) else { continue }
            errors.byMessageText.append((key, target))
        }
        for item in node?["by_error_message"]?.items ?? [] {
            guard let pattern = item["pattern"]?.string, let mapsTo = item["maps_to"],
                isRegularExpression(pattern, into: &diagnostics), let target = errorClass(mapsTo, for: pattern)
            else { continue }
            errors.byMessagePattern.append((pattern, target))
        }
        if let extraction = node?["retry_after_extraction"], let pattern = extraction["pattern"]?.string,
            isRegularExpression(pattern, into: &diagnostics)
        {
            errors.retryAfterPattern = pattern
            errors.retryAfterUnit = extraction["unit"]?.string?.value ?? "seconds"
        }
        // v2 `error_classification.error_paths` (`message_path`), v1
        // `features.response_mapping.error` (the same keys).
        let declared = node?["error_paths"] ?? document["features"]?["response_mapping"]?["error"]
        for (key, value) in paths(declared, into: &diagnostics) where key.value.hasSuffix("_path") {
            errors.paths[String(key.value.dropLast("_path".count))] = value
        }
        return errors
    }

    /// Whether a pattern compiles with Swift's `Regex`, the engine generated code uses.
    private func isRegularExpression(_ pattern: Located<String>, into diagnostics: inout Diagnostics) -> Bool {
        do {
            _ = try Regex(pattern.value)
            return true
        } catch {
            diagnostics.error(
                "invalid regular expression: \(error)", path: path, range: pattern.range, pointer: pattern.pointer)
            return false
        }
    }

    func retryPolicy(_ node: NodeCursor?, into diagnostics: inout Diagnostics) -> ProviderManifest.RetryPolicy? {
        guard let node else { return nil }
        return ProviderManifest.RetryPolicy(
            range: node.range,
            strategy: node["strategy"]?.string,
            maxRetries: node["max_retries"]?.integer,
            minDelayMilliseconds: node["min_delay_ms"]?.integer,
            maxDelayMilliseconds: node["max_delay_ms"]?.integer,
            jitter: node["jitter"]?.string,
            onStatuses: node["retry_on_http_status"]?.items.compactMap(\.integer) ?? [],
            onProviderStatuses: node["retry_on_error_status"]?.items.compactMap(\.string) ?? [],
            onClasses: (node["retry_on_error_code"]?.items ?? []).compactMap { item in
                item.string.flatMap {
                    vocabulary.resolve(
                        $0, as: .errorClass, consequence: "not retried on", path: path, into: &diagnostics)
                }
            })
    }

    // MARK: Responses

    /// `response_paths`, with v1's `features.response_mapping.tool_calls.path` for tool calls.
    /// The descriptive paths of `tooling` and `features` are parsed, so their syntax is checked.
    func responsePaths(_ document: NodeCursor, into diagnostics: inout Diagnostics) -> [String: Located<ValuePath>] {
        var found: [String: Located<ValuePath>] = [:]
        for (key, value) in paths(document["response_paths"], into: &diagnostics) { found[key.value] = value }
        let toolCalls = document["features"]?["response_mapping"]?["tool_calls"]
        if let declared = path(toolCalls?["path"], into: &diagnostics), found["tool_calls"] == nil {
            found["tool_calls"] = declared
        }
        _ = paths(toolCalls?["fields"], into: &diagnostics)
        _ = expression(toolCalls?["filter"], into: &diagnostics)
        for section in ["tool_use", "tool_result"] {
            for (key, value) in document["tooling"]?[section]?.entries ?? [] where key.value.hasSuffix("_path") {
                _ = path(value, into: &diagnostics)
            }
        }
        return found
    }
}

extension Vocabulary {
    /// The canonical name of a field of an event kind (`tool_name` → `name`), `nil` when the
    /// event has no such field.
    func eventField(_ name: String, of event: String) -> String? {
        guard let entry = files["events"]?.entries.first(where: { $0.name == event }) else { return nil }
        for field in entry.node["fields"]?.items ?? [] {
            guard let canonical = field["name"]?.string else { continue }
            let aliases = field["aliases"]?.items?.compactMap(\.string) ?? []
            if canonical == name || aliases.contains(name) { return canonical }
        }
        return nil
    }
}
