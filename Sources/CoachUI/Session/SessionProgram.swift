import MonotonicTime
import CoachPolicy
import TUIKit
import SessionEngine

/// Carries out what the engine asks for outside itself: writing the log. The app's sink writes
/// SQLite; tests record. A throw is shown on screen and the session goes on (the person is on
/// the mat; losing the session to a full disk would be worse than a warning): a sink that keeps
/// what it could not write and tries again reports it through `unsavedCount`.
public protocol SessionEffectSink: AnyObject {
    /// Performs one effect (never a cue: the program turns those into bells itself).
    func perform(_ effect: SessionEffect) throws
    /// Rated sets and skips kept in memory because they could not be written yet.
    var unsavedCount: Int { get }
    /// Tries the unsaved writes again, in order; throws the reason when some are still unsaved.
    func retryUnsaved() throws
}

extension SessionEffectSink {
    public var unsavedCount: Int { 0 }
    public func retryUnsaved() throws {}
}

/// A guided session as an `InteractiveProgram`: turns keys into engine events (the key contract
/// of DESIGN.md), hands the engine's effects to a sink, rings cues, and adds what is the
/// screen's business rather than the engine's: the `?` help and the "end the session?" question.
/// Opening either pauses a running countdown, so reading help never eats into a hold.
public struct SessionProgram: InteractiveProgram {
    /// The engine, for reading state in tests and for the caller after the loop.
    public private(set) var engine: SessionEngine
    /// What is drawn over the session.
    public private(set) var overlay: SessionOverlay = .none
    /// The last problem the sink reported, shown in the header.
    public private(set) var logWarning: String?
    /// True once the person closed the summary.
    public private(set) var closed = false
    /// "Hurt is not harm", opened from the summary with `a`.
    public private(set) var learning: PainEducationProgram?
    private let sink: any SessionEffectSink
    /// Sounds and speech; nil is `--quiet` with the voice off.
    private let cuePlayer: (any CuePlayer)?
    /// True when the overlay paused the session (so closing it resumes).
    private var overlayPaused = false
    /// Rows the intro's text is scrolled (small terminals); back to the top for each exercise.
    private var introScroll = 0
    private var introScrollExercise: Int?

    /// A program over `engine`, started at `now` (the check-in, or the resumed exercise, is the
    /// first screen). Cues go to `cuePlayer` (nil: silent).
    public init(engine: SessionEngine, sink: any SessionEffectSink, cuePlayer: (any CuePlayer)?, startingAt now: Instant) {
        self.engine = engine
        self.sink = sink
        self.cuePlayer = cuePlayer
        _ = send(.start(now: now))
    }

    /// A program whose only sounds are terminal bells (`ringsBells` false is silent).
    public init(engine: SessionEngine, sink: any SessionEffectSink, ringsBells: Bool, startingAt now: Instant) {
        self.init(engine: engine, sink: sink, cuePlayer: ringsBells ? BellCues() : nil, startingAt: now)
    }

    public var isFinished: Bool { closed }

    /// Rated sets and skips not written to the log yet (a full disk); retried every few seconds.
    public var unsavedCount: Int { sink.unsavedCount }
    /// How often unsaved sets are tried again.
    static let retryInterval: Duration = .seconds(2)

    /// "End the session now?" while it is asked, so it can be answered on a terminal too small
    /// for the session (the run loop shows it on its notice).
    public var pendingQuestion: String? {
        overlay == .confirmQuit ? "End the session now?\ny yes · n no" : nil
    }

    public func render(size: Size, now: Instant) -> Grid {
        var screen = SessionScreen(state: engine.state, now: now, overlay: overlay, logWarning: logWarning)
        screen.unsavedSets = sink.unsavedCount
        screen.introScroll = introScrollExercise == engine.state.exerciseIndex ? introScroll : 0
        if let learning { return learning.render(size: size, now: now) }
        return screen.render(size: size)
    }

    public func nextWake(after now: Instant) -> Instant? {
        let engineWake = engine.nextVisibleChange(after: now)
        if sink.unsavedCount > 0 {
            let retry = now.advanced(by: SessionProgram.retryInterval)
            return min(engineWake ?? retry, retry, nextClockWake(after: now, engineWake: engineWake) ?? retry)
        }
        return nextClockWake(after: now, engineWake: engineWake).map { clock in engineWake.map { min($0, clock) } ?? clock } ?? engineWake
    }

    /// The header clock's next second, while it ticks (the person reads or rates) and nothing
    /// else wakes the loop every second. While a countdown runs, its own second boundaries
    /// redraw the clock from `now`: the session clock and the countdown do not start on the same
    /// boundary, and waking for both would wake the process twice a second for a count-up clock
    /// that, shown up to a second late, nobody can tell apart.
    private func nextClockWake(after now: Instant, engineWake: Instant?) -> Instant? {
        guard !engine.state.isPaused, !engine.state.isOver, overlay == .none else { return nil }
        if let engineWake, engineWake.nanoseconds - now.nanoseconds <= 1_000_000_000 { return nil }
        let active = engine.state.activeTime(at: now).nanosecondsRounded
        let toNextSecond = 1_000_000_000 - active % 1_000_000_000
        return now.advanced(by: .nanoseconds(toNextSecond))
    }

    public mutating func handle(_ message: ProgramMessage) -> [ProgramCommand] {
        switch message {
        case .tick(let now), .resize(_, let now):
            retryUnsaved()
            return send(.tick(now: now))
        case .key(let key, let now):
            return handle(key: key, now: now)
        }
    }

    private mutating func handle(key: Key, now: Instant) -> [ProgramCommand] {
        var commands = send(.tick(now: now))
        if engine.state.isOver {
            if var open = learning {
                _ = open.handle(.key(key, now: now))
                learning = open.isFinished ? nil : open
                return commands
            }
            if key == .character("a"), sink.unsavedCount == 0 {
                learning = PainEducationProgram()
            } else if key == .enter {
                // Enter tries the unsaved sets once more; the summary stays while any is unsaved.
                retryUnsaved()
                if sink.unsavedCount == 0 { closed = true }
            } else if key == .character("q") || key == .escape {
                closed = true
            }
            return commands
        }
        switch overlay {
        case .help:
            closeOverlay(now: now, into: &commands)
            return commands
        case .confirmQuit:
            switch key {
            case .character("y"), .character("Y"):
                overlay = .none
                overlayPaused = false
                commands += send(.quitConfirmed(now: now))
            case .character("n"), .character("N"), .escape, .character("q"):
                closeOverlay(now: now, into: &commands)
            default:
                break
            }
            return commands
        case .none:
            break
        }
        if engine.state.phase.kind == .intro {
            // Any key but the ones that act stops the intro's automatic start: the person is reading.
            let acts: [Key] = [.enter, .character("p"), .character("P"), .character("s"), .character("S"),
                               .character("q"), .character("Q"), .character("?"), .character("h")]
            if !acts.contains(key) { commands += send(.holdIntro(now: now)) }
            if [.down, .up, .character("j"), .character("k")].contains(key) {
                scrollIntro(down: key == .down || key == .character("j"))
                return commands
            }
        }
        if engine.state.phase.kind == .skipReason {
            // One key says why; p here means "too painful", not pause.
            if case .character(let character) = key,
               let reason = SkipReason.allCases.first(where: { $0.key == Character(character.lowercased()) }) {
                return commands + send(.skipReason(reason, now: now))
            }
            if key == .enter { return commands + send(.skipReason(.other, now: now)) }
            if key.isQuit { openOverlay(.confirmQuit, now: now, into: &commands) }
            return commands
        }
        if let step = key.painStep { return commands + send(.painAdjust(step, now: now)) }
        if let digit = key.digit { return commands + send(.painDigit(digit, now: now)) }
        if key == .character(PainPrompt.tenKey) || key == .character(Character(PainPrompt.tenKey.uppercased())) {
            return commands + send(.painDigit(PainPrompt.maximum, now: now))
        }
        switch key {
        case .enter: commands += send(.confirm(now: now))
        case .space: commands += send(.countRep(now: now))
        case .character("u"), .character("U"), .backspace: commands += send(.undoRep(now: now))
        case .character("p"), .character("P"): commands += send(.togglePause(now: now))
        case .character("s"), .character("S"): commands += send(.skipExercise(now: now))
        case .character("q"), .character("Q"): openOverlay(.confirmQuit, now: now, into: &commands)
        case .character("?"), .character("h"): openOverlay(.help, now: now, into: &commands)
        case .character("l"), .character("L"): commands += send(.toggleSpread(now: now))
        case .character("b"), .character("B"): commands += send(.toggleTowardBack(now: now))
        default: break
        }
        return commands
    }

    /// Moves the intro's text a row. The limit is what the smallest supported terminal (40x12)
    /// needs; a larger screen clamps further when it draws.
    private mutating func scrollIntro(down: Bool) {
        if introScrollExercise != engine.state.exerciseIndex {
            introScroll = 0
            introScrollExercise = engine.state.exerciseIndex
        }
        let screen = SessionScreen(state: engine.state, now: Instant(nanoseconds: 0))
        let limit = max(0, screen.introLineCount(size: .smallestSupported) - SessionScreen.compactIntroRows)
        introScroll = min(max(0, introScroll + (down ? 1 : -1)), limit)
    }

    private mutating func openOverlay(_ newOverlay: SessionOverlay, now: Instant, into commands: inout [ProgramCommand]) {
        overlay = newOverlay
        if !engine.state.isPaused && engine.state.countdown != nil {
            commands += send(.togglePause(now: now))
            overlayPaused = true
        }
    }

    private mutating func closeOverlay(now: Instant, into commands: inout [ProgramCommand]) {
        overlay = .none
        if overlayPaused && engine.state.isPaused {
            commands += send(.togglePause(now: now))
        }
        overlayPaused = false
    }

    /// Feeds the engine and carries out its effects: the log effects go to the sink at once (so
    /// every rated set is written before the next frame is drawn), then the step's cues to the
    /// cue player together (a later spoken cue cuts off an earlier one).
    private mutating func send(_ event: SessionEvent) -> [ProgramCommand] {
        var commands: [ProgramCommand] = []
        var cues: [Cue] = []
        for effect in engine.handle(event) {
            if case .cue(let cue) = effect {
                cues.append(cue)
                continue
            }
            do {
                try sink.perform(effect)
                if sink.unsavedCount == 0 { logWarning = nil }
            } catch {
                logWarning = SessionProgram.warning(error, unsaved: sink.unsavedCount)
            }
        }
        if !cues.isEmpty, let cuePlayer { commands += cuePlayer.play(cues) }
        return commands
    }

    private mutating func retryUnsaved() {
        guard sink.unsavedCount > 0 else { return }
        do {
            try sink.retryUnsaved()
            logWarning = nil
        } catch {
            logWarning = SessionProgram.warning(error, unsaved: sink.unsavedCount)
        }
    }

    /// The header's warning: short, because the header is one row.
    static func warning(_ error: any Error, unsaved: Int) -> String {
        let text = "\(error)"
        let reason = text.contains("disk is full") || text.contains("disk full") ? "disk full"
            : text.contains("file size limit") ? "file size limit" : "log error"
        guard unsaved > 0 else { return "not saved: \(reason)" }
        return "\(unsaved) not saved (\(reason)), retrying"
    }
}
