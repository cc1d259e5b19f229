import AIProtocol
import Synchronization

/// A clock whose time moves only when the code under test waits: each `sleep` returns at once
/// and moves `now` on by the wait, and the waits are kept. Tests read time without spending it.
final class VirtualClock: RuntimeClock {
    private let state = Mutex<(now: Duration, sleeps: [Duration])>((.zero, []))

    var now: Duration { state.withLock { $0.now } }

    /// Every wait so far, in order.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    /// Moves time on, as if the caller had waited.
    func advance(by duration: Duration) {
        state.withLock { $0.now += duration }
    }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        state.withLock {
            $0.now += duration
            $0.sleeps.append(duration)
        }
    }
}

/// A clock whose waits never end by themselves: only cancelling the waiting task ends one.
/// `started` tells when the first wait began.
final class StalledClock: RuntimeClock {
    private let waiting = Mutex<[CheckedContinuation<Void, Never>]>([])
    private let began = AsyncStream<Void>.makeStream()

    var now: Duration { .zero }

    /// Returns once some task waits on this clock.
    func started() async {
        var iterator = began.stream.makeAsyncIterator()
        _ = await iterator.next()
    }

    func sleep(for duration: Duration) async throws {
        began.continuation.yield()
        while !Task.isCancelled {
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    waiting.withLock { $0.append(continuation) }
                    if Task.isCancelled { resumeAll() }
                }
            } onCancel: {
                resumeAll()
            }
        }
        throw CancellationError()
    }

    private func resumeAll() {
        let continuations = waiting.withLock { waiting in
            defer { waiting.removeAll() }
            return waiting
        }
        continuations.forEach { $0.resume() }
    }
}
