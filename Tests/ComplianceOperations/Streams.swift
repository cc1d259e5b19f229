import AIProtocol
import Foundation

/// Stream cases, run through the provider's framing, its compiled event rules
/// (`StreamEventReader`) and the accumulator (`StreamAccumulator`).
enum Streams {
    static func perform(_ operation: String, _ provider: any StreamingAdapter.Type, input: JSONValue) throws
        -> JSONValue
    {
        switch operation {
        case "event_mapping": return try eventMapping(provider, input: input)
        case "stream_decode": return try decode(provider, input: input)
        default: return try toolAccumulation(provider, input: input)
        }
    }

    /// `event_mapping`: the events of each decoded frame in `frames`.
    private static func eventMapping<Provider: StreamingAdapter>(_ provider: Provider.Type, input: JSONValue) throws
        -> JSONValue
    {
        guard let frames = input["frames"]?.elements else { throw OperationFailure("the case gives no frames") }
        var reader = StreamEventReader<Provider>()
        var events: [JSONValue] = []
        do {
            for (position, frame) in frames.enumerated() {
                let bytes = Wire.bytes(ofFrame: JSONText(frame), at: position, framing: Provider.streamFraming)
                events += EventView.events(try reader.push(bytes))
            }
        } catch {
            return Values.errorOutput(error)
        }
        return .object(["valid": .bool(true), "events": .array(events), "event_count": .integer(events.count)])
    }

    /// `stream_decode`: the frames of raw chunks (`raw_chunks`, bytes as they arrive, or
    /// `events`, whole server-sent events), what each frame gave, and the response they add up to.
    private static func decode<Provider: StreamingAdapter>(_ provider: Provider.Type, input: JSONValue) throws
        -> JSONValue
    {
        let chunks: [String]
        if let raw = input["raw_chunks"]?.elements {
            chunks = raw.compactMap(\.stringValue)
        } else if let events = input["events"]?.elements {
            chunks = events.compactMap(\.stringValue).map { $0 + "\n\n" }
        } else {
            throw OperationFailure("the case gives neither raw_chunks nor events")
        }
        // The framer splits the bytes; each frame then goes to the reader on its own, so that
        // the case sees what every frame gave.
        var framer = StreamFramer(Provider.streamFraming)
        var reader = StreamEventReader<Provider>()
        var accumulator = StreamAccumulator()
        var frames: [JSONValue] = []
        var failure: AIError?
        func read(_ frame: RawStreamFrame) {
            guard failure == nil else { return }
            do {
                let events = try reader.push(Wire.bytes(of: frame, at: frames.count, framing: Provider.streamFraming))
                events.forEach { accumulator.add($0) }
                let hasContent = events.contains {
                    if case .textDelta = $0 { return true }
                    return false
                }
                frames.append(.object(["type": .string("frame"), "has_content": .bool(hasContent)]))
            } catch {
                failure = error
            }
        }
        do {
            for chunk in chunks { try framer.push(Array(chunk.utf8)).forEach(read) }
        } catch {
            failure = AIError(.invalidResponse("\(error)"), errorClass: .unknown)
        }
        framer.finish().forEach(read)
        if failure == nil {
            do {
                let ending = Wire.ending(framing: Provider.streamFraming, doneSignal: framer.reachedDoneSignal)
                try reader.push(ending).forEach { accumulator.add($0) }
                try reader.finish().forEach { accumulator.add($0) }
            } catch {
                failure = error
            }
        }
        let response = accumulator.response
        var output: [JSONValue.Member] = [
            .init("valid", .bool(failure == nil)), .init("events", .array(frames)),
            .init("frame_count", .integer(frames.count)), .init("completed", .bool(failure == nil)),
            .init("done_received", .bool(framer.reachedDoneSignal)),
            .init("content_blocks", Values.contentBlocks(response.content)),
            .init(
                "finish_reason",
                (response.rawFinishReason ?? response.finishReason?.rawValue).map(JSONValue.string) ?? .null),
        ]
        if let failure { output.append(.init("error", .string(failure.description))) }
        return .object(output)
    }

    /// `tool_accumulation`: partial tool calls, each placed in a frame where the manifest's
    /// accumulator path (`accumulator_config.key_path`) says they are, read and accumulated.
    private static func toolAccumulation<Provider: StreamingAdapter>(_ provider: Provider.Type, input: JSONValue)
        throws -> JSONValue
    {
        guard let chunks = input["partial_chunks"]?.elements,
            let keyPath = input["accumulator_config"]?["key_path"]?.stringValue
        else { throw OperationFailure("the case gives no partial_chunks or accumulator_config.key_path") }
        let path = try FramePath(keyPath)
        var reader = StreamEventReader<Provider>()
        var accumulator = StreamAccumulator()
        do {
            for (position, chunk) in chunks.enumerated() {
                let frame = try path.frame(placing: chunk)
                try reader.push(Wire.bytes(ofFrame: JSONText(frame), at: position, framing: Provider.streamFraming))
                    .forEach { accumulator.add($0) }
            }
        } catch let error as AIError {
            return Values.errorOutput(error)
        }
        let calls = accumulator.response.toolCalls
        let assembled: [JSONValue] = calls.enumerated().map { index, call in
            .object([
                "index": .integer(index), "id": .string(call.id), "type": .string("function"),
                "function": .object(["name": .string(call.name), "arguments": .string(call.arguments)]),
            ])
        }
        let complete = calls.allSatisfy {
            (try? JSONDecoder().decode(JSONValue.self, from: Data($0.arguments.utf8))) != nil
        }
        return .object([
            "valid": .bool(true), "assembled_tool_calls": .array(assembled),
            "complete": .bool(!calls.isEmpty && complete),
        ])
    }
}

/// JSON text of a value, as a frame's payload.
private func JSONText(_ value: JSONValue) -> String {
    String(decoding: (try? JSONEncoder().encode(value)) ?? Data("null".utf8), as: UTF8.self)
}

/// Frames written back as bytes of their framing.
enum Wire {
    static func bytes(ofFrame payload: String, at position: Int, framing: StreamFraming) -> [UInt8] {
        bytes(of: RawStreamFrame(payload: payload), at: position, framing: framing)
    }

    static func bytes(of frame: RawStreamFrame, at position: Int, framing: StreamFraming) -> [UInt8] {
        switch framing {
        case .serverSentEvents:
            var text = frame.event.map { "event: \($0)\n" } ?? ""
            for line in frame.payload.split(separator: "\n", omittingEmptySubsequences: false) {
                text += "data: \(line)\n"
            }
            return Array((text + "\n").utf8)
        case .newlineDelimitedJSON:
            return Array((frame.payload + "\n").utf8)
        case .jsonArray:
            return Array(((position == 0 ? "[" : ",") + frame.payload).utf8)
        }
    }

    /// What ends the stream on the wire after its frames: the done signal when one arrived, the
    /// array's bracket.
    static func ending(framing: StreamFraming, doneSignal: Bool) -> [UInt8] {
        switch framing {
        case .serverSentEvents(let signal?) where doneSignal: Array("data: \(signal)\n\n".utf8)
        case .jsonArray: Array("]".utf8)
        default: []
        }
    }
}

/// A manifest path such as `$.choices[0].delta.tool_calls[0].function.arguments`, as far as
/// placing a partial value into a frame needs it.
struct FramePath {
    enum Step: Equatable {
        case member(String)
        case element(Int)
    }

    var steps: [Step]

    init(_ text: String) throws {
        var steps: [Step] = []
        var rest = Substring(text.hasPrefix("$") ? text.dropFirst() : Substring(text))
        while !rest.isEmpty {
            if rest.hasPrefix(".") {
                rest = rest.dropFirst()
                let name = rest.prefix { $0 != "." && $0 != "[" }
                steps.append(.member(String(name)))
                rest = rest.dropFirst(name.count)
            } else if rest.hasPrefix("["), let close = rest.firstIndex(of: "]"),
                let index = Int(rest[rest.index(after: rest.startIndex)..<close])
            {
                steps.append(.element(index))
                rest = rest[rest.index(after: close)...]
            } else {
                throw OperationFailure("the path \(text) is not one of members and indexes")
            }
        }
        self.steps = steps
    }

    /// A frame with `value` where the path leads, found by the longest tail of the path that
    /// `value` itself holds (`function.arguments` of a tool call chunk).
    func frame(placing value: JSONValue) throws -> JSONValue {
        for tail in 1..<steps.count {
            let inside = steps.suffix(tail)
            guard case .member(let first) = inside.first, value[first] != nil,
                Self.read(Array(inside), in: value) != nil
            else { continue }
            return Self.build(Array(steps.dropLast(tail)), around: value)
        }
        throw OperationFailure("the chunk \(value) holds no tail of the path")
    }

    private static func read(_ steps: [Step], in value: JSONValue) -> JSONValue? {
        var current: JSONValue? = value
        for step in steps {
            switch step {
            case .member(let name): current = current?[name]
            case .element(let index): current = current?.element(at: index)
            }
        }
        return current
    }

    private static func build(_ steps: [Step], around value: JSONValue) -> JSONValue {
        steps.reversed().reduce(value) { inner, step in
            switch step {
            case .member(let name): .object([.init(name, inner)])
            case .element(let index): .array(Array(repeating: .null, count: index) + [inner])
            }
        }
    }
}
