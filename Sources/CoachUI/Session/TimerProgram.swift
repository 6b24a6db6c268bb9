import MonotonicTime
import SessionEngine
import TUIKit

/// `limber timer SECONDS`: one big countdown outside a routine, with the session's own parts: the
/// engine's `Countdown` (deadline - now, a pause keeps the remainder), the hold view and the cues.
/// Space or p pauses and resumes, q or Esc stops; at zero it ends by itself.
public struct TimerProgram: InteractiveProgram {
    public private(set) var countdown: Countdown
    public let label: String
    /// True once the countdown reached zero (exit 0), false when stopped with q.
    public private(set) var reachedZero = false
    public private(set) var stopped = false
    private let cuePlayer: (any CuePlayer)?
    private var lastSecondCued: Int?

    public init(seconds: Int, label: String?, cuePlayer: (any CuePlayer)?, startingAt now: Instant) {
        self.countdown = Countdown(total: .seconds(max(1, seconds)), startingAt: now)
        self.label = label ?? "TIMER"
        self.cuePlayer = cuePlayer
        // The label is said with the length ("Stretch. 30 seconds."): the person may be on the mat.
        _ = cuePlayer?.play([.timerStart(label: label, seconds: max(1, seconds))])
    }

    public var isFinished: Bool { reachedZero || stopped }

    public func nextWake(after now: Instant) -> Instant? { countdown.nextWholeSecondBoundary(after: now) }

    public mutating func handle(_ message: ProgramMessage) -> [ProgramCommand] {
        var commands: [ProgramCommand] = []
        let now = message.now
        if let deadline = countdown.deadline, deadline <= now {
            reachedZero = true
            return cuePlayer?.play([.setDone]) ?? []
        }
        if case .key(let key, _) = message {
            switch key {
            case .space, .character("p"), .character("P"):
                if countdown.isPaused { countdown.resume(at: now) } else { countdown.pause(at: now) }
            case .character("q"), .character("Q"), .escape:
                stopped = true
            default:
                break
            }
        }
        let shown = countdown.displaySeconds(at: now)
        if !countdown.isPaused, (1...SessionTiming.lastSecondsCued).contains(shown), shown < (lastSecondCued ?? .max),
           Double(shown) < countdown.total.secondsDouble {
            lastSecondCued = shown
            commands += cuePlayer?.play([.lastSeconds(shown)]) ?? []
        }
        return commands
    }

    public func render(size: Size, now: Instant) -> Grid {
        var grid = Grid(size: size)
        let roomy = size.height >= SessionScreen.roomyHeight
        let hints = countdown.isPaused
            ? [KeyHint("space/p", "resume", priority: 3), KeyHint("q", "stop", priority: 3)]
            : [KeyHint("space/p", "pause", priority: 3), KeyHint("q", "stop", priority: 3)]
        let rows = PreSessionFrame.drawChrome(title: "timer", note: countdown.isPaused ? "paused" : "",
                                              hints: hints, roomy: roomy, on: &grid)
        let seconds = countdown.displaySeconds(at: now)
        let totalSeconds = Int(countdown.total.secondsDouble.rounded())
        let elapsed = max(0, totalSeconds - seconds)
        let word = label.uppercased()
        FloorView(word: BigDigits.canDraw(word) ? word : "", label: label + (countdown.isPaused ? " · paused" : ""),
                  number: TimeText.countdown(seconds: seconds), widestNumber: TimeText.countdown(seconds: totalSeconds),
                  gauge: Gauge(fraction: Double(elapsed) / Double(max(1, totalSeconds)), label: "\(elapsed) of \(totalSeconds) s"),
                  note: nil, stopIf: nil, figure: [])
            .render(in: rows.inset(horizontal: roomy ? 2 : 1), roomy: roomy, on: &grid)
        return grid
    }
}
