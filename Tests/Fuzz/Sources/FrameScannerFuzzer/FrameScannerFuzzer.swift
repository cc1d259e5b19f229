import AIProtocol
import AIProviders
import Foundation

/// libFuzzer's entry point: arbitrary bytes, made well-formed UTF-8 as the framers make every
/// frame, through the compiled scanner of each main provider's frame type. It must never crash
/// (the address sanitizer watches every read), and it must agree with `JSONDecoder`: both
/// reject the bytes, or both accept them with the same events. A disagreement stops the run
/// with the input, which libFuzzer saves.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = UTF8StreamDecoderRepair.wellFormed(UnsafeRawBufferPointer(start: data, count: count))
    check(OpenAI.self, bytes)
    check(Anthropic.self, bytes)
    check(Gemini.self, bytes)
    check(Ollama.self, bytes)
    return 0
}

private func check<P: StreamingAdapter>(_ provider: P.Type, _ bytes: [UInt8]) {
    let compiled = outcome(P.self, bytes, compiled: true)
    let reference = outcome(P.self, bytes, compiled: false)
    guard compiled == reference else {
        fatalError("\(P.descriptor.id): the scanner gave \(compiled), JSONDecoder \(reference)")
    }
}

private func outcome<P: StreamingAdapter>(_ provider: P.Type, _ bytes: [UInt8], compiled: Bool) -> String {
    let frame: P.StreamFrame?
    if compiled {
        frame = bytes.withUnsafeBytes { raw in
            var scanner = JSONScanner(raw)
            do {
                let frame = try P.StreamFrame(scanning: &scanner)
                try scanner.finish()
                return frame
            } catch {
                return nil
            }
        }
    } else {
        frame = try? JSONDecoder().decode(P.StreamFrame.self, from: Data(bytes))
    }
    guard let frame else { return "rejected" }
    var decoder = P.makeStreamDecoder()
    do {
        return "\(try decoder.events(for: frame))"
    } catch {
        return "error \(error)"
    }
}

/// The WHATWG repair the framers apply, through the public decoder.
private enum UTF8StreamDecoderRepair {
    static func wellFormed(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var decoder = UTF8StreamDecoder()
        return Array((decoder.decode(bytes) + decoder.finish()).utf8)
    }
}
