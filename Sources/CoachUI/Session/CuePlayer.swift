import SessionEngine
import TUIKit

/// Carries out the engine's cues outside the program: sounds and spoken lines in the app, a
/// record in tests. Cues come in the order the engine gave them, one engine step at a time, so a
/// player can let a later cue of the same step cut off an earlier one.
public protocol CuePlayer: AnyObject {
    /// Plays `cues` without blocking (a child process, never a wait); returns what the terminal
    /// must do itself (bells, where there is no better sound).
    func play(_ cues: [Cue]) -> [ProgramCommand]
}

/// The four sounds a person on the mat tells apart: work starts, the last seconds, the work is
/// done, the rest is over. Every other cue is for the voice only.
public enum CueSound: String, Sendable, Hashable, CaseIterable {
    case start
    case lastSeconds = "last_seconds"
    case end
    case restOver = "rest_over"

    /// The sound for `cue`, if it has one.
    public init?(_ cue: Cue) {
        switch cue {
        case .holdStart, .repsStart, .timerStart: self = .start
        case .lastSeconds, .countIn: self = .lastSeconds
        case .setDone: self = .end
        case .restEnd: self = .restOver
        case .introduce, .getReady, .switchSides, .tempo, .ratePain, .rest, .sessionOver: return nil
        }
    }

    /// Terminal bells for this sound when no tone can be played: one for a start or a last
    /// second, two for the end, three for the end of a rest (terminals that merge bells rung
    /// together still ring once for each).
    public var bells: Int {
        switch self {
        case .start, .lastSeconds: return 1
        case .end: return 2
        case .restOver: return 3
        }
    }
}

/// The terminal bell alone (no tone player, no voice): each sound as its bell pattern.
public final class BellCues: CuePlayer {
    public init() {}

    public func play(_ cues: [Cue]) -> [ProgramCommand] {
        cues.compactMap(CueSound.init).flatMap { Array(repeating: ProgramCommand.bell, count: $0.bells) }
    }
}
