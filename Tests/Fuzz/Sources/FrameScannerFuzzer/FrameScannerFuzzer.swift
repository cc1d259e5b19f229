import AIProtocol
import AIProviders
import Foundation

/// libFuzzer's entry point: arbitrary bytes, as they arrive (the stream reader scans frames
/// without checking their UTF-8 first), through the compiled scanner of each main provider's
/// frame type. It must never crash (the address sanitizer watches every read), and it must
/// agree with `JSONDecoder` given the bytes' WHATWG repair: both reject the bytes, or both
/// accept them with the same events. A disagreement stops the run with the input, which
/// libFuzzer saves.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    // JSONDecoder guesses UTF-16 or UTF-32 from NUL bytes at a document's start. Frames are
    // UTF-8 by definition (server-sent events and NDJSON are), where no JSON text has a NUL
    // there: such input is not compared.
    guard !bytes.prefix(4).contains(0) else { return 0 }
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
    var decoder = P.makeStreamDecoder()
    do {
        if compiled {
            var events: [StreamEvent] = []
            var recentStrings = RecentStrings()
            let isFrame = try bytes.withUnsafeBytes { raw in
                try decoder.events(scanning: raw, recentStrings: &recentStrings, into: &events)
            }
            return isFrame ? "\(events)" : "rejected"
        }
        guard let frame = try? JSONDecoder().decode(P.StreamFrame.self, from: Data(repaired(bytes))) else {
            return "rejected"
        }
        return "\(try decoder.events(for: frame))"
    } catch {
        return "error \(error)"
    }
}

/// The WHATWG repair the frames' readers apply, through the public decoder, which drops a
/// leading byte order mark that a frame keeps.
private func repaired(_ bytes: [UInt8]) -> [UInt8] {
    var decoder = UTF8StreamDecoder()
    let text = Array((decoder.decode(bytes) + decoder.finish()).utf8)
    return bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? [0xEF, 0xBB, 0xBF] + text : text
}

/// libFuzzer's driver, for a program that has its own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The program's entry point. SwiftPM links an executable's `main` to `<module>_main`, which
/// `-parse-as-library` (no top-level code) leaves undefined: this defines it, and hands over
/// to libFuzzer's driver.
@_cdecl("FrameScannerFuzzer_main")
public func fuzzerMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzz(data, size)
    }
}
