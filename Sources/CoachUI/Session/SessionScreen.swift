import PlainText
import MonotonicTime
import CoachPolicy
import TUIKit
import ExerciseCatalog
import SessionEngine

/// What is drawn over the session screen.
public enum SessionOverlay: Sendable, Hashable {
    case none
    /// The `?` key list.
    case help
    /// "End the session now?" after `q`.
    case confirmQuit
}

/// Draws one frame of a guided session from the engine's state: a pure function of
/// (state, now, size, overlay), so every screen is tested by asserting its lines.
///
/// Layout, top to bottom: a header (routine, exercise x of y, active time), the exercise line
/// (name, set x of y, side), the phase's body, and a footer with the keys. Terminals under 18
/// rows drop the rules and the blank rows; under 60 columns the figure and side notes go, and the
/// big digits shrink to plain digits when even they do not fit.
public struct SessionScreen: Sendable {
    public var state: SessionState
    public var now: Instant
    public var overlay: SessionOverlay
    /// A problem writing the log, shown in the header until it goes away.
    public var logWarning: String?
    /// Rated sets and skips not written to the log yet: the summary and the quit question must
    /// not say "saved" while there are any.
    public var unsavedSets = 0

    public init(state: SessionState, now: Instant, overlay: SessionOverlay = .none, logWarning: String? = nil) {
        self.state = state
        self.now = now
        self.overlay = overlay
        self.logWarning = logWarning
    }

    /// Terminals shorter than this get the compact layout (the same as the screens around a session).
    static let roomyHeight = PreSessionFrame.roomyHeight
    /// Terminals narrower than this get one column.
    static let twoColumnWidth = 60

    /// The frame for a terminal of `size`.
    public func render(size: Size) -> Grid {
        var grid = Grid(size: size)
        let roomy = size.height >= SessionScreen.roomyHeight
        var rows = PreSessionFrame.drawChrome(
            title: state.plan.routineName.lowercased(), note: logWarning ?? headerNote,
            noteStyle: logWarning == nil ? .muted : Style(foreground: .danger, bold: true),
            hints: footerHints, roomy: roomy, on: &grid)
        if state.exercise != nil, !isFullScreenPhase {
            drawExerciseLine(in: rows.top(1), on: &grid)
            rows = rows.droppingTop(roomy ? 2 : 1)
        }
        let body = rows.inset(horizontal: roomy ? 2 : 1)
        drawBody(in: body, roomy: roomy, on: &grid)
        if state.isPaused && overlay == .none {
            PausedNotice().render(in: body, on: &grid)
        }
        switch overlay {
        case .none: break
        case .help:
            HelpOverlay(title: "Keys", hints: SessionScreen.helpHints).render(in: grid.bounds, on: &grid)
        case .confirmQuit:
            ConfirmDialog(title: "End the session?",
                          message: unsavedSets == 0
                            ? "End the session now? Every set you rated is already saved."
                            : "End the session now? \(SessionScreen.setsText(unsavedSets)) not saved yet (limber keeps trying).")
                .render(in: grid.bounds, on: &grid)
        }
        return grid
    }

    /// The check-in and the summary use the whole body; they have no "current exercise" line.
    private var isFullScreenPhase: Bool {
        switch state.phase {
        case .checkIn, .summary, .notStarted: return true
        default: return false
        }
    }

    // MARK: - Header and exercise line

    /// The header's right side: "exercise 2 of 6 · 04:12" during the exercises, the active time
    /// alone at the check-in and on the summary.
    private var headerNote: String {
        let time = TimeText.clock(state.activeTime(at: now))
        guard !isFullScreenPhase else { return time }
        return "exercise \(min(state.exerciseIndex + 1, state.exerciseCount)) of \(state.exerciseCount) · " + time
    }

    private func drawExerciseLine(in area: Rect, on grid: inout Grid) {
        guard let exercise = state.exercise, let setNumber = state.setNumber, let totalSets = state.totalSets else { return }
        var right = "set \(setNumber) of \(totalSets)"
        if let side = state.side, side != .both { right += " · \(side.label) side" }
        if state.phase.kind == .intro { right = doseText(exercise: exercise, dose: state.dose) }
        let name = exercise.name + (state.current?.isEasierVariant == true ? " (easier)" : "")
        let rightWidth = right.displayWidth
        let nameWidth = max(0, area.width - rightWidth - 1)
        grid.write(name.truncated(toWidth: nameWidth), column: area.x, row: area.y, style: .accent, clip: area)
        grid.write(right, column: max(area.x, area.maxX - rightWidth), row: area.y,
                   style: state.side == .both ? .bold : Style(foreground: .accent, bold: true), clip: area)
    }

    /// "3 x 30 s each side · rest 15 s · tempo 2-5-2".
    func doseText(exercise: Exercise, dose: Dose?) -> String {
        guard let dose else { return "" }
        var text = dose.plainText
        if exercise.sides == .each { text += " each side" }
        if let tempo = exercise.tempo, case .reps = dose.work { text += " · tempo \(tempo.plainText)" }
        return text
    }

    // MARK: - Bodies

    private func drawBody(in body: Rect, roomy: Bool, on grid: inout Grid) {
        switch state.phase {
        case .notStarted:
            break
        case .checkIn(let prompt):
            drawPainPrompt(prompt, heading: "Before you start", question: "How is your pain right now, 0-10?",
                           in: body, on: &grid)
        case .intro:
            drawIntro(in: body, roomy: roomy, on: &grid)
        case .getReady(let countdown):
            drawCountdown(countdown, word: "GET READY", label: "GET READY", note: firstStep, in: body, roomy: roomy, on: &grid)
        case .sideSwitch(let side, let countdown):
            drawCountdown(countdown, word: "\(side.label) SIDE", label: "NOW THE \(side.label) SIDE",
                          note: "Change sides and get into position.", in: body, roomy: roomy, on: &grid)
        case .hold(let countdown):
            drawCountdown(countdown, word: "HOLD", label: "HOLD", note: cueText, in: body, roomy: roomy, isWork: true, on: &grid)
        case .selfPacedReps(let progress):
            drawSelfPaced(progress, in: body, roomy: roomy, on: &grid)
        case .tempoReps(let progress):
            drawTempo(progress, in: body, roomy: roomy, on: &grid)
        case .painPrompt(let prompt):
            drawPainPrompt(prompt, heading: setDoneHeading(prompt), question: "Leg pain right now?", in: body, on: &grid)
        case .skipReason(let work):
            drawSkipReason(work, in: body, on: &grid)
        case .adjustmentNotice(let decision, let countdown):
            drawNotice(decision, countdown: countdown, in: body, on: &grid)
        case .rest(let countdown):
            drawCountdown(countdown, word: "REST", label: "REST", note: restNote, in: body, roomy: roomy, on: &grid)
        case .summary(let ending):
            drawSummary(ending, in: body, on: &grid)
        }
    }

    private var firstStep: String? { state.exercise?.steps.first }

    private var cueText: String? {
        guard let cues = state.exercise?.cues, !cues.isEmpty else { return nil }
        return cues.joined(separator: " ")
    }

    private var restNote: String {
        guard let setNumber = state.setNumber, let total = state.totalSets else { return "Breathe easy." }
        var next = "Next: set \(setNumber) of \(total)"
        if let side = state.side, side != .both { next += ", \(side.label) side" }
        return next + ". Enter skips the rest."
    }

    private func drawIntro(in body: Rect, roomy: Bool, on grid: inout Grid) {
        guard let exercise = state.exercise else { return }
        var text = body
        if case .intro(let countdown?) = state.phase, body.height > 2 {
            // The automatic start, on the body's last row: the person may be reading from the mat.
            let line = "Get ready starts in \(countdown.displaySeconds(at: now)) s · enter now · any other key waits"
            grid.write(line.truncated(toWidth: body.width), column: body.x, row: body.maxY - 1,
                       style: Style(foreground: .accent, bold: true), clip: body)
            text = text.droppingBottom(roomy ? 2 : 1)
        }
        let figureWidth = exercise.figure.map(\.displayWidth).max() ?? 0
        let showFigure = roomy && figureWidth > 0 && body.width >= SessionScreen.twoColumnWidth
            && body.width - figureWidth - 2 >= 30
        if showFigure {
            let columns = text.splitColumns([.fill(1), .fixed(figureWidth)], spacing: 2)
            text = columns[0]
            for (offset, line) in exercise.figure.enumerated() where offset < columns[1].height {
                grid.write(line, column: columns[1].x, row: columns[1].y + offset, style: .accent, clip: columns[1])
            }
        }
        let lines = introLines(width: text.width, roomy: roomy)
        // Scrolls when the text is longer than the room (small terminals): ↓/↑ move it.
        let maxOffset = max(0, lines.count - text.height)
        let offset = min(introScroll, maxOffset)
        for (row, line) in lines.dropFirst(offset).prefix(text.height).enumerated() {
            let column = grid.write(line.prefix, column: text.x, row: text.y + row, style: .muted, clip: text)
            grid.write(line.text, column: column, row: text.y + row, style: line.style, clip: text)
        }
        if offset < maxOffset {
            let more = "↓ more"
            grid.write(more, column: text.maxX - more.displayWidth, row: text.maxY - 1, style: .accent, clip: text)
        }
    }

    /// Rows of intro text at 40x12: the header, the exercise line and the footer take three.
    static let compactIntroRows = 9

    /// How far the intro's text is scrolled (rows).
    public var introScroll = 0

    /// One line of the intro: a marker or indent, the words, and their style.
    struct IntroLine {
        var prefix: String
        var text: String
        var style: Style
    }

    /// The intro's text as lines at `width`: the prescription note, the steps, the stop signs
    /// (before the cues: the cues come back during the work, the warning signs matter most),
    /// then the cues.
    func introLines(width: Int, roomy: Bool) -> [IntroLine] {
        guard let exercise = state.exercise else { return [] }
        var lines: [IntroLine] = []
        func add(_ block: WrappedText, style: Style) {
            if !lines.isEmpty { lines.append(IntroLine(prefix: "", text: "", style: .normal)) }
            lines += block.wrappedLines(width: width).map { IntroLine(prefix: $0.prefix, text: $0.text, style: style) }
        }
        if let note = positionNote { add(WrappedText(note), style: Style(foreground: .accent, bold: true)) }
        if let note = state.current?.planned.prescriptionNote, state.current?.isEasierVariant != true {
            add(WrappedText(note), style: Style(foreground: .caution))
        }
        add(WrappedText(exercise.steps, marker: .numbered(start: 1)), style: .normal)
        if let stopIf = stopIfText { add(WrappedText(stopIf), style: Style(foreground: .caution)) }
        if !exercise.cues.isEmpty { add(WrappedText(exercise.cues, marker: .bullet("•")), style: .muted) }
        return lines
    }

    /// Rows the intro's text needs at this size (for scrolling limits).
    public func introLineCount(size: Size) -> Int {
        let roomy = size.height >= SessionScreen.roomyHeight
        return introLines(width: max(1, size.width - (roomy ? 4 : 2)), roomy: roomy).count
    }

    private var stopIfText: String? {
        guard let stopIf = state.exercise?.stopIf, !stopIf.isEmpty else { return nil }
        return "Stop if: " + stopIf.joined(separator: " ")
    }


    /// The big countdown of a get-ready, a side switch, a hold or a rest.
    private func drawCountdown(
        _ countdown: Countdown, word: String, label: String, note: String?, in body: Rect, roomy: Bool,
        isWork: Bool = false, on grid: inout Grid
    ) {
        let seconds = countdown.displaySeconds(at: now)
        let totalSeconds = Int(countdown.total.secondsDouble.rounded())
        let elapsed = min(totalSeconds, max(0, totalSeconds - seconds))
        let gauge = Gauge(fraction: totalSeconds == 0 ? 1 : Double(elapsed) / Double(totalSeconds),
                          label: "\(elapsed) of \(totalSeconds) s")
        // The widest number this countdown shows sets the scale, so the digits do not grow or
        // jump when "1:00" becomes "59".
        FloorView(word: word, label: label, number: TimeText.countdown(seconds: seconds),
                  widestNumber: TimeText.countdown(seconds: totalSeconds), gauge: gauge, note: note,
                  stopIf: isWork ? stopIfText : nil, figure: isWork ? (state.exercise?.figure ?? []) : [])
            .render(in: body, roomy: roomy, on: &grid)
    }

    private func drawSelfPaced(_ progress: RepProgress, in body: Rect, roomy: Bool, on grid: inout Grid) {
        var label = "REPS \(progress.counted) of \(progress.target)"
        if progress.overTarget > 0 { label += " · \(progress.overTarget) over the target" }
        let gauge = Gauge(fraction: Double(progress.displayedCount) / Double(max(1, progress.target)),
                          label: "\(progress.displayedCount) of \(progress.target) reps")
        let note: String
        if progress.isAtMaximum {
            note = "That is twice the target: no more are counted. Enter finishes the set, u takes one back."
        } else if progress.isTargetReached {
            note = "Target reached. Enter finishes the set (u takes one back; Space counts extra reps, up to \(progress.maximum))."
        } else {
            note = "Press Space after each rep, Enter when the set is done, u takes one back. " + (cueText ?? "")
        }
        FloorView(word: "REPS", label: label, number: "\(progress.counted)", widestNumber: "\(progress.maximum)",
                  gauge: gauge, note: note, stopIf: stopIfText, figure: state.exercise?.figure ?? [],
                  numberStyle: progress.overTarget > 0 ? Style(foreground: .caution, bold: true) : nil, isCountdown: false)
            .render(in: body, roomy: roomy, on: &grid)
    }

    /// Tempo reps: the phase word and the rep number in big type (the phase's seconds small).
    private func drawTempo(_ progress: TempoProgress, in body: Rect, roomy: Bool, on grid: inout Grid) {
        let seconds = progress.phaseCountdown.displaySeconds(at: now)
        let rep = min(progress.rep, progress.target)
        let label = "\(progress.phase.label) · rep \(rep) of \(progress.target) · \(seconds) s"
        let gauge = Gauge(fraction: Double(progress.completedReps) / Double(max(1, progress.target)),
                          label: "\(progress.completedReps) of \(progress.target) reps")
        let note = SessionScreen.tempoInstruction(progress.phase) + " " + (cueText ?? "")
        FloorView(word: progress.phase.label, label: label, number: "\(rep)", widestNumber: "\(progress.target)",
                  gauge: gauge, note: note, stopIf: stopIfText, figure: state.exercise?.figure ?? [],
                  wordFirst: true, isCountdown: false)
            .render(in: body, roomy: roomy, on: &grid)
    }

    static func tempoInstruction(_ phase: TempoPhase) -> String {
        switch phase {
        case .up: return "Move slowly into the position."
        case .hold: return "Hold it there and breathe."
        case .down: return "Come back slowly."
        }
    }

    private func setDoneHeading(_ prompt: PainPrompt) -> String {
        guard let exercise = state.exercise, let setNumber = state.setNumber, let total = state.totalSets else {
            return "Set done"
        }
        var text = "\(exercise.name) · set \(setNumber) of \(total) done"
        if let side = state.side, side != .both { text += " (\(side.rawValue))" }
        if let done = prompt.completedWork?.done { text += " · \(done.plainText)" }
        return text
    }

    private func drawPainPrompt(_ prompt: PainPrompt, heading: String, question: String, in body: Rect, on grid: inout Grid) {
        var area = body
        let roomy = body.height >= 12
        grid.write(heading.truncated(toWidth: area.width), column: area.x, row: area.y, style: .bold, clip: area)
        area = area.droppingTop(roomy ? 2 : 1)
        grid.write(question, column: area.x, row: area.y, style: .accent, clip: area)
        area = area.droppingTop(roomy ? 2 : 1)
        PainScale(selection: prompt.selection).render(in: area.top(PainScale.height), on: &grid)
        area = area.droppingTop(PainScale.height + (roomy ? 1 : 0))
        if prompt.offersSpreadMark, area.height > 0 {
            let mark = prompt.spreadDownLeg ? "[x]" : "[ ]"
            let style = prompt.spreadDownLeg ? Style(foreground: .danger, bold: true) : Style.normal
            var column = grid.write("l ", column: area.x, row: area.y, style: .accent, clip: area)
            column = grid.write(" \(mark) it spread further down my leg", column: column, row: area.y, style: style, clip: area)
            // A number answers at once, so the marks come first (said where it fits).
            if column + 10 <= area.maxX {
                grid.write(" (l first)", column: column, row: area.y, style: .muted, clip: area)
            }
            area = area.droppingTop(1)
            if area.height > 0 {
                let up = prompt.movedTowardBack ? "[x]" : "[ ]"
                let upStyle = prompt.movedTowardBack ? Style(foreground: .good, bold: true) : Style.normal
                column = grid.write("b ", column: area.x, row: area.y, style: .accent, clip: area)
                grid.write(" \(up) it moved up toward my back", column: column, row: area.y, style: upStyle, clip: area)
                area = area.droppingTop(roomy ? 2 : 1)
            }
        }
        if area.height > 0 {
            let hint = PainScale.hint(selection: prompt.selection, preselected: prompt.isPreselected)
            grid.write(hint.truncated(toWidth: area.width), column: area.x, row: area.y, style: .muted, clip: area)
        }
    }

    /// "Why skip?" in one key, after s during a set.
    private func drawSkipReason(_ work: CompletedWork, in body: Rect, on grid: inout Grid) {
        var area = body
        let roomy = body.height >= 12
        let name = state.exercise?.name ?? "this exercise"
        grid.write("Skipping \(name) · \(work.done.plainText) of \(work.target.plainText)".truncated(toWidth: area.width),
                   column: area.x, row: area.y, style: .bold, clip: area)
        area = area.droppingTop(roomy ? 2 : 1)
        grid.write("Why?", column: area.x, row: area.y, style: .accent, clip: area)
        area = area.droppingTop(roomy ? 2 : 1)
        for reason in SkipReason.allCases where area.height > 0 {
            let column = grid.write("\(reason.key) ", column: area.x, row: area.y, style: .accent, clip: area)
            grid.write(" " + reason.plainText, column: column, row: area.y, style: .bold, clip: area)
            area = area.droppingTop(1)
        }
        if roomy, area.height > 1 {
            area = area.droppingTop(1)
            WrappedText("Too painful or spreading counts like a rating: the exercise stops for today and starts gentler next time.", style: .muted)
                .render(in: area, on: &grid)
        }
    }

    private func drawNotice(_ decision: Decision, countdown: Countdown, in body: Rect, on grid: inout Grid) {
        var area = body
        let style: Style
        switch decision.action {
        case .keep: style = Style(foreground: decision.rule == .safe ? .good : .caution, bold: true)
        case .reduce, .switchEasier: style = Style(foreground: .caution, bold: true)
        case .stopExercise, .endSession: style = Style(foreground: .danger, bold: true)
        }
        grid.write(SessionScreen.actionTitle(decision.action), column: area.x, row: area.y, style: .bold, clip: area)
        area = area.droppingTop(2)
        let lines = WrappedText.wrap(decision.reason, width: area.width)
        WrappedText(decision.reason, style: style).render(in: area.top(min(lines.count, area.height)), on: &grid)
        area = area.droppingTop(lines.count + 1)
        if area.height > 0 {
            let seconds = countdown.displaySeconds(at: now)
            grid.write("continues in \(seconds) s · enter now", column: area.x, row: area.y, style: .muted, clip: area)
        }
    }

    /// The notice's heading for each action.
    static func actionTitle(_ action: Adjustment) -> String {
        switch action {
        case .keep: return "Keep going"
        case .reduce: return "Easing off"
        case .switchEasier: return "Switching to the easier variant"
        case .stopExercise: return "Stopping this exercise"
        case .endSession: return "Ending the session gently"
        }
    }

    private func drawSummary(_ ending: SessionEndRecord, in body: Rect, on grid: inout Grid) {
        var area = body
        let roomy = body.height >= 12
        let title: String
        switch ending.outcome {
        case .completed: title = "Session complete. Well done."
        case .endedEarly: title = unsavedSets == 0 ? "Session ended early. Everything you did is saved." : "Session ended early."
        case .endedByPolicy: title = "Session ended gently: two exercises hurt too much today."
        case .inProgress, .interrupted: title = "Session stopped."  // the engine ends only as the three above
        }
        if unsavedSets > 0 {
            let warning = "\(SessionScreen.setsText(unsavedSets)) NOT SAVED: the log could not be written (free some disk space). limber keeps trying; enter tries now, q leaves without them."
            let lines = WrappedText.wrap(warning, width: area.width)
            WrappedText(warning, style: Style(foreground: .danger, bold: true)).render(in: area.top(min(lines.count, area.height)), on: &grid)
            area = area.droppingTop(lines.count + (roomy ? 1 : 0))
        }
        let titleLines = WrappedText.wrap(title, width: area.width)
        WrappedText(title, style: Style(foreground: .good, bold: true)).render(in: area.top(titleLines.count), on: &grid)
        area = area.droppingTop(titleLines.count + (roomy ? 1 : 0))
        let before = ending.painBefore.map(String.init) ?? "–"
        let after = ending.painAfter.map(String.init) ?? "–"
        // Wrapped between facts, never inside one: at 40 columns "pain 2 →" and "1" on two rows
        // read as two things.
        let facts = ["time \(TimeText.clock(ending.activeTime))", "sets \(ending.setsDone) of \(ending.setsPlanned)",
                     "pain \(before) → \(after)"]
        var factLines: [String] = []
        for fact in facts {
            if let last = factLines.last, (last + " · " + fact).displayWidth <= area.width {
                factLines[factLines.count - 1] = last + " · " + fact
            } else {
                factLines.append(fact)
            }
        }
        for (row, line) in factLines.enumerated() where row < area.height {
            grid.write(line, column: area.x, row: area.y + row, style: .normal, clip: area)
        }
        area = area.droppingTop(factLines.count + (roomy ? 1 : 0))

        var items: [String] = []
        for record in state.adjustments {
            var place = "\(record.exerciseName), set \(record.setNumber)"
            if record.side != .both { place += " \(record.side.rawValue)" }
            items.append("\(place): \(record.decision.reason)")
        }
        for skip in state.skipRecords { items.append("\(skip.exerciseName): skipped.") }
        guard area.height > 0 else { return }
        if items.isEmpty {
            WrappedText("No changes were needed: every set was in the safe or acceptable zone.", style: .muted)
                .render(in: area, on: &grid)
            return
        }
        grid.write("What changed and why:", column: area.x, row: area.y, style: .bold, clip: area)
        area = area.droppingTop(1)
        let list = WrappedText(items, marker: .bullet("•"))
        list.render(in: area, on: &grid)
    }

    // MARK: - Keys

    /// The footer's keys for the phase on screen (the most useful first to survive narrow widths).
    var footerHints: [KeyHint] {
        if overlay == .confirmQuit { return [KeyHint("y", "end session", priority: 2), KeyHint("n", "keep going", priority: 2)] }
        if overlay == .help { return [KeyHint("any key", "close help", priority: 2)] }
        if state.isPaused {
            return [KeyHint("p", "resume", priority: 3), KeyHint("s", "skip", priority: 1), KeyHint("q", "end", priority: 2)]
        }
        let help = KeyHint("?", "help", priority: 0)
        let end = KeyHint("q", "end", priority: 1)
        let pause = KeyHint("p", "pause", priority: 2)
        let skip = KeyHint("s", "skip", priority: 1)
        switch state.phase {
        case .notStarted: return []
        case .checkIn, .painPrompt:
            var hints = [KeyHint("0-9/\(PainPrompt.tenKey)", "pain", priority: 3),
                         KeyHint("←/→", "move", priority: 1)]
            if state.painPrompt?.offersSpreadMark == true {
                hints.append(KeyHint("l", "spread", priority: 3))
                hints.append(KeyHint("b", "toward back", priority: 2))
            }
            if let prompt = state.painPrompt, prompt.isPreselected, let value = prompt.selection {
                hints.append(KeyHint("enter", "keep \(value)", priority: 3))
            } else {
                hints.append(KeyHint("enter", "confirm", priority: 2))
            }
            return hints + [end, help]
        case .intro:
            if case .intro(_?) = state.phase {
                return [KeyHint("enter", "begin now", priority: 3), KeyHint("any key", "wait", priority: 2),
                        KeyHint("↑/↓", "scroll", priority: 0), skip, end, help]
            }
            return [KeyHint("enter", "begin", priority: 3), KeyHint("↑/↓", "scroll", priority: 0), skip, end, help]
        case .getReady, .sideSwitch: return [KeyHint("enter", "start now", priority: 3), pause, skip, end, help]
        case .hold: return [pause, KeyHint("enter", "finish", priority: 2), skip, end, help]
        case .selfPacedReps:
            return [KeyHint("space", "count rep", priority: 3), KeyHint("enter", "done", priority: 3),
                    KeyHint("u", "undo", priority: 2), pause, skip, end, help]
        case .tempoReps: return [pause, KeyHint("enter", "finish", priority: 2), skip, end, help]
        case .adjustmentNotice: return [KeyHint("enter", "continue", priority: 3), end, help]
        case .skipReason:
            return SkipReason.allCases.map { KeyHint(String($0.key), $0.plainText, priority: 3) } + [end]
        case .rest: return [KeyHint("enter", "skip rest", priority: 3), pause, skip, end, help]
        case .summary:
            if unsavedSets > 0 { return [KeyHint("enter", "try again", priority: 3), KeyHint("q", "leave unsaved", priority: 3)] }
            return [KeyHint("enter", "close", priority: 3), KeyHint("a", "about pain", priority: 1)]
        }
    }

    /// "1 set" / "3 sets".
    static func setsText(_ count: Int) -> String { count == 1 ? "1 rated set" : "\(count) rated sets" }

    /// Every key of a session, for the `?` overlay.
    public static let helpHints: [KeyHint] = [
        KeyHint("enter", "start / continue / finish the set"),
        KeyHint("space", "count one rep (self-paced sets; u takes one back)"),
        KeyHint("p", "pause or resume"),
        KeyHint("s", "skip this exercise (logged)"),
        KeyHint("q", "end the session (asks; sets are kept)"),
        KeyHint("0-9 t", "pain after a set, one key (t = 10)"),
        KeyHint("enter", "keep the last answer when it is offered"),
        KeyHint("←/→ + -", "move the pain value, then enter"),
        KeyHint("l", "pain spread further down my leg (before the number)"),
        KeyHint("b", "pain moved up toward my back (before the number)"),
        KeyHint("?", "this help"),
    ]
}

/// "PAUSED" in a box over the body: the countdown underneath is frozen.
struct PausedNotice: Widget {
    func render(in area: Rect, on grid: inout Grid) {
        let box = area.centered(width: min(area.width, 30), height: 4)
        grid.fill(box)
        Box(title: "Paused", style: Style(foreground: .caution, bold: true)).render(in: box, on: &grid)
        let inside = Box.content(of: box)
        Label("p resumes · q ends", style: .bold, alignment: .center).render(in: inside.top(1), on: &grid)
    }
}

extension SessionScreen {
    /// "Start lying on your back." before the first exercise, "New position: lying face down."
    /// when this exercise is done in another position than the one before; nil otherwise (and
    /// for exercises whose file gives no position). Getting down and up is the hard part on a
    /// sore day, so the intro says it first.
    var positionNote: String? {
        guard let position = state.exercise?.position else { return nil }
        let index = state.exerciseIndex
        guard index > 0 else { return "Start \(position.phrase)." }
        let plan = state.plan.exercises
        guard index - 1 < plan.count, let before = plan[index - 1].exercise.position, before != position else { return nil }
        return "New position: \(position.phrase)."
    }
}
