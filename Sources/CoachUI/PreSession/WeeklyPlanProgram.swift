import MonotonicTime
import CoachPolicy
import TUIKit

/// The weekly plan, asked once on the first run after the welcome: "How many days a week do you
/// mean to do a session?" One key 1-7; Enter keeps the current plan (3 by default); q leaves.
/// The review's adherence, the start screen and `limber status` measure against it.
public struct WeeklyPlanProgram: InteractiveProgram {
    /// The plan Enter keeps.
    public let current: Int
    /// The answer, once given.
    public private(set) var answer: Int?
    /// True when the person left with q.
    public private(set) var cancelled = false

    public init(current: Int) {
        self.current = current
    }

    public var isFinished: Bool { answer != nil || cancelled }
    public func nextWake(after now: Instant) -> Instant? { nil }

    public mutating func handle(_ message: ProgramMessage) -> [ProgramCommand] {
        guard case .key(let key, _) = message, !isFinished else { return [] }
        if let digit = key.digit, (1...7).contains(digit) {
            answer = digit
        } else if key == .enter {
            answer = current
        } else if key.isQuit {
            cancelled = true
        }
        return []
    }

    public func render(size: Size, now: Instant) -> Grid {
        let frame = PreSessionFrame(title: "your weekly plan", hints: [
            KeyHint("1-7", "days a week", priority: 3), KeyHint("enter", "keep \(current)", priority: 3), KeyHint("q", "quit", priority: 1),
        ])
        var (grid, body, roomy) = frame.render(size: size)
        var flow = TextFlow(body, gap: roomy ? 1 : 0)
        flow.paragraph("How many days a week do you mean to do a session?", style: .accent, gap: 1, on: &grid)
        flow.line("  1  2  3  4  5  6  7    (enter: \(current))", style: .bold, on: &grid)
        flow.skip(1)
        flow.paragraph("A plan you can keep on a bad week beats an ambitious one. Your review and `limber status` show \"2 of \(current) this week\".", style: .muted, on: &grid)
        if roomy {
            flow.paragraph("Change it any time: `limber config set weekly_target N`.", style: .muted, on: &grid)
        }
        return grid
    }
}
