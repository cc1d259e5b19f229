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
