import MonotonicTime
import TUIKit

/// "Hurt is not harm": what CLINICAL.md's "Pain education" says, in plain words, on one screen.
/// Shown once on the first run, again with `limber learn`, and behind a key on the welcome and
/// summary screens. Enter, q or Esc closes it; ↑/↓ scroll when the window is small.
public struct PainEducationProgram: InteractiveProgram {
    /// The paragraphs, in the order a person needs them: the premise, then what to do.
    public static let paragraphs = [
        "Hurt is not harm. Some pain while you exercise is normal and does not mean you are damaging your back. Up to 5 out of 10 is fine if it settles by the next morning.",
        "Rest for a day or two if you need to, but staying active helps most. Walking counts.",
        "A strong core and hips that move well help your back. The routines build both, a little at a time.",
        "Flares happen, and they settle. A flare is not a step back to the start.",
        "On a bad day: do the gentle routine or the five-minute minimum, take a short walk, and rest in a position that eases your leg (face down, or on your back with your knees bent).",
        "Where the pain goes matters more than how strong it is: pain spreading down the leg means stop that movement; pain moving up toward your back is a good sign.",
    ]

    /// Rows scrolled off the top.
    public private(set) var offset = 0
    private var done = false

    public init() {}

    public var isFinished: Bool { done }

    public func nextWake(after now: Instant) -> Instant? { nil }

    public mutating func handle(_ message: ProgramMessage) -> [ProgramCommand] {
        guard case .key(let key, _) = message else { return [] }
        switch key {
        case .enter: done = true
        case .down, .character("j"), .space: offset = min(offset + 1, Self.maxOffset)
        case .up, .character("k"): offset = max(0, offset - 1)
        default: if key.isQuit { done = true }
        }
        return []
    }

    /// The most the text can scroll: enough for the smallest supported terminal (40x12).
    static var maxOffset: Int {
        let width = Size.smallestSupported.width - 2
        let rows = paragraphs.reduce(0) { $0 + WrappedText.wrap($1, width: width).count }
        return max(0, rows - (Size.smallestSupported.height - 3))
    }

    public func render(size: Size, now: Instant) -> Grid {
        let frame = PreSessionFrame(title: "hurt is not harm", hints: [
            KeyHint("enter", "done", priority: 3), KeyHint("↑/↓", "scroll", priority: 1),
        ])
        var (grid, body, roomy) = frame.render(size: size)
        var lines: [(String, Style)] = []
        for (index, paragraph) in Self.paragraphs.enumerated() {
            if roomy, index > 0 { lines.append(("", .normal)) }
            let style: Style = index == 0 ? Style(foreground: .accent, bold: true) : .normal
            lines += WrappedText.wrap(paragraph, width: body.width).map { ($0, style) }
        }
        let start = min(offset, max(0, lines.count - body.height))
        for (row, line) in lines.dropFirst(start).prefix(body.height).enumerated() {
            Label(line.0, style: line.1).render(in: body.row(row), on: &grid)
        }
        if start + body.height < lines.count {
            let more = "↓ more"
            grid.write(more, column: body.maxX - more.displayWidth, row: body.maxY - 1, style: .accent, clip: body)
        }
        return grid
    }
}
