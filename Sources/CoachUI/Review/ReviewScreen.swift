import PlainText
import MonotonicTime
import CoachPolicy
import TUIKit
import ExerciseCatalog
/// Where the parts of a review frame go. Terminals of 18 rows or more get a tab row and rules
/// ("roomy"); shorter ones put the tabs in the header row. Terminals of 60 columns or more get
/// the wide tables and the bar charts; narrower ones get fewer columns and sparklines.
struct ReviewLayout {
    let size: Size

    var roomy: Bool { size.height >= 18 }
    var wide: Bool { size.width >= 60 }
    /// The charts need both.
    var charts: Bool { roomy && wide }

    var header: Rect { Rect(x: 0, y: 0, width: size.width, height: 1) }
    var tabs: Rect? { roomy ? Rect(x: 0, y: 1, width: size.width, height: 1) : nil }
    var body: Rect {
        roomy ? Rect(x: 0, y: 3, width: size.width, height: size.height - 5)
              : Rect(x: 0, y: 1, width: size.width, height: size.height - 2)
    }
    var footer: Rect { Rect(x: 0, y: size.height - 1, width: size.width, height: 1) }

    /// Data rows of the session list.
    var listRows: Int { max(1, body.height - 1) }
    /// Lines above the detail's set table.
    var detailHeaderLines: Int { roomy ? 4 : 2 }
    /// Lines under it (the selected set's reason).
    var detailReasonLines: Int { roomy ? 2 : 1 }
    /// Data rows of the detail's set table.
    var detailRows: Int { max(1, body.height - detailHeaderLines - 1 - detailReasonLines) }
    /// Lines above the exercise picker's table.
    var pickerIntroLines: Int { roomy ? 2 : 0 }
    /// Data rows of the exercise picker.
    var exerciseRows: Int { max(1, body.height - pickerIntroLines - 1) }
}

/// Draws one frame of `limber review`: a pure function of the program's state and the size,
/// so every view is tested by asserting its lines at 80x24 and 40x12.
struct ReviewScreen {
    let program: ReviewProgram

    static let helpHints = [
        KeyHint("↑/↓ j/k", "move"),
        KeyHint("PgUp/PgDn", "page up / down"),
        KeyHint("Home/End", "first / last"),
        KeyHint("enter", "open"),
        KeyHint("←/→", "older/newer (views 2, 5)"),
        KeyHint("tab 1-6", "switch view"),
        KeyHint("esc q", "back, or quit"),
        KeyHint("?", "this help"),
    ]

    static var meaningfulNote: String { MeaningfulChange.note }

    func render(size: Size) -> Grid {
        var grid = Grid(size: size)
        let layout = ReviewLayout(size: size)
        drawHeader(layout, on: &grid)
        if let tabs = layout.tabs {
            drawTabs(in: tabs, on: &grid)
            Rule().render(in: Rect(x: 0, y: 2, width: size.width, height: 1), on: &grid)
            Rule().render(in: Rect(x: 0, y: size.height - 2, width: size.width, height: 1), on: &grid)
        }
        KeyFooter(footerHints).render(in: layout.footer, on: &grid)
        if let problem = program.problem {
            WrappedText([problem, "Your log is not changed by `limber review`; `limber history` prints it as text."],
                        style: Style(foreground: .danger), paragraphSpacing: 1)
                .render(in: layout.body, on: &grid)
        } else {
            switch program.view {
            case .sessions: drawList(layout, on: &grid)
            case .detail: drawDetail(layout, on: &grid)
            case .trend: drawTrend(layout, on: &grid)
            case .adherence: drawAdherence(layout, on: &grid)
            case .progress: drawProgress(layout, on: &grid)
            case .outcomes: drawOutcomes(layout, on: &grid)
            }
        }
        if program.showsHelp {
            HelpOverlay(title: "Review keys", hints: ReviewScreen.helpHints).render(in: grid.bounds, on: &grid)
        }
        return grid
    }

    // MARK: - Frame

    private var headerContext: String {
        let count = program.sessionCount
        switch program.view {
        case .sessions, .detail:
            guard count > 0 else { return "no sessions yet" }
            return "\(ReviewFormat.thousands(program.selectedIndex + 1)) of \(ReviewFormat.thousands(count))"
        case .trend, .adherence:
            let first = program.today.weekStart.adding(days: -7 * (ReviewProgram.windowWeeks - 1))
            return "\(first.shortText) – \(program.today.shortText)"
        case .progress:
            if program.progress != nil, let exercises = program.exercises, program.exerciseIndex < exercises.count {
                return "exercise \(program.exerciseIndex + 1) of \(exercises.count)"
            }
            return program.exercises.map { ReviewFormat.count($0.count, "exercise") } ?? ""
        case .outcomes:
            return program.outcomes.map { ReviewFormat.count($0.answered.count, "weekly check", plural: "weekly checks") } ?? ""
        }
    }

    private func drawHeader(_ layout: ReviewLayout, on grid: inout Grid) {
        let area = layout.header
        if layout.roomy {
            let right = headerContext
            grid.write(right, column: max(0, area.maxX - right.displayWidth), row: area.y, style: .muted, clip: area)
            let title = "limber · review"
            grid.write(title.truncated(toWidth: max(0, area.width - right.displayWidth - 1)), column: 0, row: area.y,
                       style: .bold, clip: area)
            return
        }
        // Compact: the view's title and context on the left, the tab numbers on the right.
        let numbers = ReviewView.allCases.map { " \($0.rawValue)" }.joined()
        let numbersColumn = area.maxX - numbers.displayWidth - 1
        var column = numbersColumn
        for view in ReviewView.allCases {
            column += 1
            let style: Style = view == program.view ? Style(foreground: .accent, bold: true, reverse: true) : .muted
            column = grid.write("\(view.rawValue)", column: column, row: area.y, style: style, clip: area)
        }
        let left = program.view.title + " · " + headerContext
        grid.write(left.truncated(toWidth: max(0, numbersColumn - 1)), column: 0, row: area.y, style: .bold, clip: area)
    }

    private func drawTabs(in area: Rect, on grid: inout Grid) {
        let full = ReviewView.allCases.map { " \($0.rawValue) \($0.title) " }
        let fits = full.reduce(0) { $0 + $1.displayWidth } + full.count - 1 <= area.width
        var column = area.x
        for view in ReviewView.allCases {
            let current = view == program.view
            let text = fits || current ? " \(view.rawValue) \(view.title) " : " \(view.rawValue) "
            let style: Style = current ? Style(foreground: .accent, bold: true, reverse: true) : .muted
            column = grid.write(text, column: column, row: area.y, style: style, clip: area) + 1
        }
    }

    private var footerHints: [KeyHint] {
        let quit = KeyHint("q", "quit", priority: 2)
        let help = KeyHint("?", "help", priority: 2)
        let tab = KeyHint("tab", "view", priority: 1)
        switch program.view {
        case .sessions:
            return [KeyHint("↑/↓", "move", priority: 3), KeyHint("enter", "open", priority: 3), tab, quit, help]
        case .detail:
            return [KeyHint("↑/↓", "set", priority: 1), KeyHint("←/→", "older/newer", priority: 2),
                    KeyHint("esc", "back", priority: 3), tab, help]
        case .trend, .adherence, .outcomes:
            return [KeyHint("tab", "view", priority: 3), KeyHint("1-6", "views", priority: 1), quit, help]
        case .progress:
            if program.progress != nil {
                return [KeyHint("←/→", "exercise", priority: 2), KeyHint("esc", "back", priority: 3), tab, help]
            }
            return [KeyHint("↑/↓", "move", priority: 3), KeyHint("enter", "open", priority: 3), tab, quit, help]
        }
    }

    /// Empty-state text: what is missing and what to do about it.
    private func drawMessage(_ paragraphs: [String], in area: Rect, on grid: inout Grid) {
        WrappedText(paragraphs, paragraphSpacing: 1).render(in: area, on: &grid)
    }

    static let noSessions = "No sessions yet."
    static let startHint = "Start one with `limber start` (or just `limber`): every set you rate is saved, and it shows up here."

    // MARK: - Session list

    private func drawList(_ layout: ReviewLayout, on grid: inout Grid) {
        guard program.sessionCount > 0 else {
            drawMessage([ReviewScreen.noSessions, ReviewScreen.startHint], in: layout.body, on: &grid)
            return
        }
        let columns: [TableColumn]
        if layout.wide {
            columns = [
                TableColumn("DATE", width: .fixed(16)), TableColumn("ROUTINE", width: .fixed(14)),
                TableColumn("TIME", width: .fixed(5), alignment: .trailing),
                TableColumn("SETS", width: .fixed(5), alignment: .trailing),
                TableColumn("STATUS", width: .fixed(11)), TableColumn("PAIN", width: .fixed(7)),
                TableColumn("MARKS", width: .fill(1)),
            ]
        } else {
            columns = [
                TableColumn("DATE", width: .fixed(10)), TableColumn("SETS", width: .fixed(5), alignment: .trailing),
                TableColumn("PAIN", width: .fixed(7)), TableColumn("MARKS", width: .fill(1)),
            ]
        }
        let visible = layout.listRows
        let top = Table.scrollOffset(selected: program.selectedIndex, visibleRows: visible, current: program.listTop)
        var rows: [[TableCell]] = []
        for index in top..<min(program.sessionCount, top + visible) {
            guard let session = program.session(at: index) else {
                rows.append(["…"])
                continue
            }
            let painText = ReviewFormat.painPair(session.painBefore, session.painAfter, arrow: layout.wide ? " → " : "→")
            let pain = TableCell(painText, style: session.painChange?.style)
            let marks = TableCell(session.marks.joined(separator: " "), style: ReviewScreen.marksStyle(session))
            let sets = TableCell("\(session.setsDone)/\(session.setsPlanned)")
            if layout.wide {
                rows.append([TableCell(session.startText), TableCell(session.routineName),
                             TableCell(TimeText.duration(session.durationSeconds)), sets,
                             TableCell(session.status.reviewLabel), pain, marks])
            } else {
                rows.append([TableCell(session.day.isoText), sets, pain, marks])
            }
        }
        Table(columns: columns, rows: rows, selectedRow: program.selectedIndex - top).render(in: layout.body, on: &grid)
    }

    static func marksStyle(_ session: ReviewSession) -> Style? {
        if session.redFlag != nil || session.spreadCount > 0 { return Style(foreground: .danger) }
        if session.stopCount > 0 || session.reducedCount > 0 { return Style(foreground: .caution) }
        return nil
    }

    // MARK: - Detail

    private func drawDetail(_ layout: ReviewLayout, on grid: inout Grid) {
        let body = layout.body
        guard program.sessionCount > 0 else {
            drawMessage([ReviewScreen.noSessions, ReviewScreen.startHint,
                         "Then pick a session in view 1 and press enter to see every set."], in: body, on: &grid)
            return
        }
        guard let detail = program.detail else {
            drawMessage(["Pick a session in view 1 (Sessions) and press enter to see its sets."], in: body, on: &grid)
            return
        }
        let s = detail.session
        var pains = ["pain \(ReviewScreen.painText(s.painBefore, s.painAfter))"]
        if s.legPainBefore != nil || s.legPainAfter != nil { pains.append("leg \(ReviewScreen.painText(s.legPainBefore, s.legPainAfter))") }
        if s.backPainBefore != nil || s.backPainAfter != nil { pains.append("back \(ReviewScreen.painText(s.backPainBefore, s.backPainAfter))") }
        var lines = TextFlow(body, gap: 0)
        if layout.roomy {
            lines.line("\(s.startText) · \(s.routineName) · \(TimeText.duration(s.durationSeconds)) · \(s.status.reviewLabel) · \(s.setsDone) of \(s.setsPlanned) sets", style: .bold, on: &grid)
            lines.line("Pain before → after: " + pains.joined(separator: " · "), style: .normal, on: &grid)
            lines.line(ReviewScreen.marksLine(detail), style: ReviewScreen.marksStyle(s) ?? .muted, on: &grid)
        } else {
            lines.line("\(s.startText) · \(s.setsDone)/\(s.setsPlanned) · \(s.status.reviewLabel)", style: .bold, on: &grid)
            lines.line(pains.joined(separator: " · "), style: .normal, on: &grid)
        }
        let tableArea = Rect(x: body.x, y: body.y + layout.detailHeaderLines, width: body.width, height: layout.detailRows + 1)
        let reasonArea = Rect(x: body.x, y: tableArea.maxY, width: body.width, height: layout.detailReasonLines)
        guard !detail.sets.isEmpty else {
            drawMessage(["No sets were logged in this session" + (detail.skipped.isEmpty ? "." : "; skipped: \(detail.skipped.joined(separator: ", ")).")],
                        in: tableArea, on: &grid)
            return
        }
        let columns: [TableColumn]
        if layout.wide {
            columns = [
                TableColumn("EXERCISE", width: .fixed(20)), TableColumn("SET", width: .fixed(3), alignment: .trailing),
                TableColumn("SIDE", width: .fixed(5)), TableColumn("TARGET", width: .fixed(7), alignment: .trailing),
                TableColumn("DONE", width: .fixed(7), alignment: .trailing),
                TableColumn("PAIN", width: .fixed(4), alignment: .trailing), TableColumn("DECISION", width: .fill(1)),
            ]
        } else {
            columns = [
                TableColumn("EXERCISE", width: .fill(1)), TableColumn("SET", width: .fixed(3)),
                TableColumn("DONE", width: .fixed(6), alignment: .trailing),
                TableColumn("PAIN", width: .fixed(4), alignment: .trailing),
            ]
        }
        let top = Table.scrollOffset(selected: program.detailSetIndex, visibleRows: layout.detailRows, current: program.detailTop)
        let shown = detail.sets[top..<min(detail.sets.count, top + layout.detailRows)]
        let rows: [[TableCell]] = shown.map { set in
            let pain = TableCell("\(set.pain)", style: .pain(set.pain))
            let action = set.decision.action
            let decision = action.reviewLabel + (set.spreadDownLeg ? " · spread" : "")
            let decisionStyle: Style? = set.spreadDownLeg || action.stopsExercise
                ? Style(foreground: .danger) : action == .keep ? nil : Style(foreground: .caution)
            if layout.wide {
                let side = set.side == .both ? "" : set.side.rawValue
                return [TableCell(set.exerciseName), TableCell("\(set.setNumber)"), TableCell(side),
                        TableCell(set.target.plainText), TableCell(set.done.plainText), pain,
                        TableCell(decision, style: decisionStyle)]
            }
            let side = set.side == .both ? "" : set.side == .left ? " L" : " R"
            let done = "\(set.done.amount)/\(set.target.amount)" + (set.target.kind == .seconds ? "s" : "")
            return [TableCell(set.exerciseName), TableCell("\(set.setNumber)\(side)"), TableCell(done), pain]
        }
        Table(columns: columns, rows: rows, selectedRow: program.detailSetIndex - top).render(in: tableArea, on: &grid)
        let selected = detail.sets[min(program.detailSetIndex, detail.sets.count - 1)]
        let selectedReason = selected.decision.reason
        var reason = selectedReason.isEmpty ? "No change after this set." : selectedReason
        if !layout.wide, selected.decision.action != .keep || selected.spreadDownLeg {
            reason = selected.decision.action.reviewLabel + (selected.spreadDownLeg ? " · spread" : "") + ": " + reason
        }
        WrappedText(reason, style: .muted).render(in: reasonArea, on: &grid)
    }

    /// `5 → 2 better`, `4 → 4`, `- → 3`: the verdict only for a meaningful change.
    static func painText(_ before: Int?, _ after: Int?) -> String {
        var text = "\(ReviewFormat.pain(before)) → \(ReviewFormat.pain(after))"
        if let before, let after {
            let change = PainChange(from: Double(before), to: Double(after))
            if change.isMeaningful { text += " " + change.label }
        }
        return text
    }

    static func marksLine(_ detail: ReviewSessionDetail) -> String {
        let s = detail.session
        var parts: [String] = []
        switch s.redFlag {
        case .emergency?: parts.append("red flag: emergency care advised")
        case .seeClinician?: parts.append("red flag: see a clinician soon")
        case nil: break
        }
        if s.spreadCount > 0 { parts.append("spread \(s.spreadCount)×") }
        if s.stopCount > 0 { parts.append("stopped \(s.stopCount)×") }
        if s.reducedCount > 0 { parts.append("reduced \(s.reducedCount)×") }
        if !detail.skipped.isEmpty { parts.append("skipped " + detail.skipped.joined(separator: ", ")) }
        return parts.isEmpty ? "No spread, stops, reductions or skips." : parts.joined(separator: " · ")
    }

    // MARK: - Trend

    private func drawTrend(_ layout: ReviewLayout, on grid: inout Grid) {
        let body = layout.body
        guard let trend = program.trend, !trend.isEmpty else {
            if program.sessionCount == 0 {
                drawMessage(["No pain ratings yet.",
                             "Rate your pain before and after a session (`limber start`) and the weekly trend of leg and back pain appears here."],
                            in: body, on: &grid)
            } else {
                drawMessage(["No pain ratings in the last 12 weeks.",
                             "Your older sessions are in view 1. Rate your pain before and after your next session (`limber start`) to start a new trend."],
                            in: body, on: &grid)
            }
            return
        }
        let labels = trend.weekStarts.map(\.shortText)
        if layout.charts {
            grid.write("Weekly average pain, 0-10 · left bar before a session, right bar after".truncated(toWidth: body.width),
                       column: body.x, row: body.y, style: .bold, clip: body)
            let lines = ReviewScreen.trendLines(trend, compact: false)
            let chartHeight = max(4, body.height - 3 - lines.count)
            let charts = Rect(x: body.x, y: body.y + 1, width: body.width, height: chartHeight + 1)
                .splitColumns(trend.series.map { _ in .fill(1) }, spacing: 2)
            for (series, area) in zip(trend.series, charts) {
                grid.write(series.region.title, column: area.x, row: area.y, style: .accent, clip: area)
                PainPairChart(before: series.before, after: series.after, labels: labels)
                    .render(in: area.droppingTop(1), on: &grid)
            }
            var row = charts[0].maxY + 1
            for (text, style) in lines where row < body.maxY {
                grid.write(text.truncated(toWidth: body.width), column: body.x, row: row, style: style, clip: body)
                row += 1
            }
            return
        }
        // Compact: a sparkline per region (12 weekly values each), then the change lines.
        var lines = TextFlow(body, gap: 0)
        let weeks = trend.weekStarts.count
        lines.line("Weekly average pain, 0-10", style: .bold, on: &grid)
        lines.line("      " + "before".padded(toWidth: weeks + 2) + "after", style: .muted, on: &grid)
        for series in trend.series {
            let row = lines.row
            lines.line(series.region.shortTitle, style: .accent, on: &grid)
            Sparkline(series.before, range: 0...10, styling: .painBands)
                .render(in: Rect(x: body.x + 6, y: row, width: weeks, height: 1).intersection(body), on: &grid)
            Sparkline(series.after, range: 0...10, styling: .painBands)
                .render(in: Rect(x: body.x + 8 + weeks, y: row, width: weeks, height: 1).intersection(body), on: &grid)
        }
        for (text, style) in ReviewScreen.trendLines(trend, compact: true) { lines.line(text, style: style, on: &grid) }
    }

    /// The change lines under the trend: per region, before and after sessions, first weeks
    /// against the last ones, with a verdict only for a meaningful change.
    static func trendLines(_ trend: PainTrend, compact: Bool) -> [(String, Style)] {
        var lines: [(String, Style)] = []
        if !compact {
            lines.append(("First 2 rated weeks → last 2 (\(meaningfulNote)):", .muted))
        }
        for series in trend.series {
            for (when, change) in [("before", series.beforeChange), ("after", series.afterChange)] {
                let name = compact ? "\(series.region.shortTitle) \(when)" : "\(series.region.title) \(when) sessions"
                let label = name.padded(toWidth: compact ? 12 : 26)
                guard let change else {
                    lines.append((label + "not enough rated weeks yet", .muted))
                    continue
                }
                let values = "\(ReviewFormat.oneDecimal(change.from)) → \(ReviewFormat.oneDecimal(change.to))"
                let text = compact
                    ? "\(label)\(values) \(change.label)"
                    : "\(label)\(values)  \(ReviewFormat.signedChange(change.delta).padded(toWidth: 4, alignment: .trailing))  \(change.label)"
                lines.append((text, change.style))
            }
        }
        if let reach = trend.reachLine {
            let good = trend.reachBefore.last.map { last in trend.reachBefore.first.map { last < $0 } ?? false } ?? false
            lines.append((reach, good ? Style(foreground: .good) : .normal))
        }
        if compact {
            lines.append((meaningfulNote, .muted))
        } else {
            let within = trend.series.map { s in
                "\(s.region.shortTitle.lowercased()) \(s.sessionsBetter) better, \(s.sessionsWorse) worse of \(s.pairedSessions)"
            }
            lines.append(("Within sessions: " + within.joined(separator: " · "), .normal))
        }
        return lines
    }

    // MARK: - Outcomes

    static let noOutcomes = "No weekly check yet."
    static let outcomesHint = "At the first session of each week limber asks three questions about the past week (PEG) and how well you manage your own activities (PSFS); `limber check outcomes` asks them now."

    private func drawOutcomes(_ layout: ReviewLayout, on grid: inout Grid) {
        let body = layout.body
        guard let history = program.outcomes, !history.answered.isEmpty else {
            let skipped = program.outcomes.map { $0.skipped > 0 ? " (\(ReviewFormat.count($0.skipped, "week")) skipped)" : "" } ?? ""
            drawMessage([ReviewScreen.noOutcomes + skipped, ReviewScreen.outcomesHint], in: body, on: &grid)
            return
        }
        var lines: [(String, Style)] = []
        let changes = [history.peg, history.psfs].compactMap { $0 }
        for change in changes {
            lines.append((change.line, ReviewScreen.style(change.verdict)))
        }
        if changes.isEmpty { lines.append(("One weekly check so far: the next ones are compared with it.", .muted)) }
        if history.skipped > 0 { lines.append(("\(ReviewFormat.count(history.skipped, "week")) skipped.", .muted)) }
        var top = body.y
        if layout.roomy {
            let title = layout.wide ? "Weekly checks · PEG: lower is better · activities (PSFS): higher is better"
                                    : "PEG: lower is better · activities: higher"
            grid.write(title.truncated(toWidth: body.width), column: body.x, row: top, style: .bold, clip: body)
            top += 2
        }
        // What is under the table: the change lines (wrapped), the note when there is room.
        let width = body.width
        let changeRows = lines.reduce(0) { $0 + WrappedText.wrap($1.0, width: width).count }
        let noteRows = layout.roomy ? 2 : 0
        let tableHeight = max(2, body.maxY - top - changeRows - noteRows - (layout.roomy ? 1 : 0))
        let columns: [TableColumn] = layout.wide ? [
            TableColumn("DATE", width: .fixed(10)), TableColumn("PEG", width: .fixed(6), alignment: .trailing),
            TableColumn("ACTIVITIES", width: .fixed(10), alignment: .trailing), TableColumn("", width: .fill(1)),
        ] : [
            TableColumn("DATE", width: .fixed(10)), TableColumn("PEG", width: .fixed(5), alignment: .trailing),
            TableColumn("ACT", width: .fixed(5), alignment: .trailing), TableColumn("", width: .fill(1)),
        ]
        // The newest weeks that fit, oldest first; the first row is always the baseline.
        let visible = max(1, tableHeight - 1)
        var shown = history.answered
        if shown.count > visible { shown = [shown[0]] + shown.suffix(visible - 1) }
        let rows: [[TableCell]] = shown.enumerated().map { index, entry in
            let pegScore = entry.checkIn.peg?.score, psfsScore = entry.checkIn.psfsScore
            let pegVerdict = history.verdict(.peg, pegScore), psfsVerdict = history.verdict(.psfs, psfsScore)
            let mark = ReviewScreen.mark(peg: pegVerdict, psfs: psfsVerdict)
            return [
                TableCell(entry.day.isoText),
                TableCell(pegScore.map(OutcomeFormat.score) ?? "–", style: pegVerdict.map(ReviewScreen.style)),
                TableCell(psfsScore.map(OutcomeFormat.score) ?? "–", style: psfsVerdict.map(ReviewScreen.style)),
                TableCell(index == 0 ? "first" : mark, style: index == 0 ? .muted : .normal),
            ]
        }
        Table(columns: columns, rows: rows, selectedRow: nil).render(in: Rect(x: body.x, y: top, width: width, height: tableHeight), on: &grid)
        var row = top + min(tableHeight, rows.count + 1) + (layout.roomy ? 1 : 0)
        for (text, style) in lines where row < body.maxY {
            let area = Rect(x: body.x, y: row, width: width, height: body.maxY - row)
            WrappedText([text], style: style).render(in: area, on: &grid)
            row += WrappedText.wrap(text, width: width).count
        }
        if layout.roomy, row + 1 < body.maxY {
            grid.write(OutcomeChange.note.truncated(toWidth: width), column: body.x, row: row + 1, style: .muted, clip: body)
        }
    }

    /// "● meaningfully better" beside a week whose score moved enough from the first.
    static func mark(peg: PainChange.Verdict?, psfs: PainChange.Verdict?) -> String {
        var parts: [String] = []
        if let peg, peg != .noClearChange { parts.append("PEG " + (peg == .better ? "better" : "worse")) }
        if let psfs, psfs != .noClearChange { parts.append("activities " + (psfs == .better ? "better" : "worse")) }
        return parts.isEmpty ? "" : "● " + parts.joined(separator: ", ")
    }

    static func style(_ verdict: PainChange.Verdict) -> Style {
        switch verdict {
        case .better: Style(foreground: .good)
        case .worse: Style(foreground: .danger)
        case .noClearChange: .normal
        }
    }

    // MARK: - Adherence

    private func drawAdherence(_ layout: ReviewLayout, on grid: inout Grid) {
        let body = layout.body
        guard let adherence = program.adherence, adherence.hasSessions else {
            let first = program.sessionCount == 0 ? "No sessions yet." : "No sessions in the last 12 weeks."
            drawMessage([first, "Do a session with `limber start`: each day with a session fills a square of the calendar here, and a week with at most one missed day keeps your weekly streak."],
                        in: body, on: &grid)
            return
        }
        let wide = layout.charts
        let cellWidth = wide ? 3 : 2
        var top = body.y
        if wide {
            grid.write("Sessions over the last 12 weeks · one square a day".truncated(toWidth: body.width),
                       column: body.x, row: top, style: .bold, clip: body)
            top += 1
        }
        var monthLabels: [String?] = []
        var lastMonth = -1
        for monday in adherence.weekStarts {
            let sunday = monday.adding(days: 6)
            let month = sunday.components.month
            monthLabels.append(month != lastMonth ? sunday.monthName : nil)
            lastMonth = month
        }
        let heatmapWidth = 2 + cellWidth * adherence.weekStarts.count
        let heatmapArea = Rect(x: body.x, y: top, width: heatmapWidth, height: 8).intersection(body)
        CalendarHeatmap(weeks: adherence.levels, weekLabels: monthLabels, cellWidth: cellWidth).render(in: heatmapArea, on: &grid)
        // Sessions per week, under the week columns.
        let countsRow = top + 8
        if countsRow < body.maxY {
            grid.write("n", column: body.x, row: countsRow, style: .muted, clip: body)
            for (index, count) in adherence.sessionsPerWeek.enumerated() {
                let text = count > 9 ? "+" : "\(count)"
                grid.write(text, column: body.x + 2 + index * cellWidth, row: countsRow,
                           style: count == 0 ? .muted : .normal, clip: body)
            }
        }
        let panel = Rect(x: body.x + heatmapWidth + 2, y: top + 1, width: body.width - heatmapWidth - 2, height: 8)
        let streak = ReviewFormat.count(adherence.weeklyStreak, "week")
        let plan = adherence.weeklyTarget
        let panelLines: [(String, Style)] = wide ? [
            ("Last 14 days", .muted),
            ("\(adherence.daysDoneLast14) days with a session, plan \(adherence.daysPlannedLast14)", .bold),
            ("Weekly streak", .muted),
            ("\(streak) (1 missed day a week is fine)", .bold),
            ("Your plan: \(ReviewFormat.count(plan, "day")) a week", .muted),
            (Adherence.weekText(done: adherence.daysThisWeek, target: plan), .bold),
        ] : [
            ("14 days", .muted), ("\(adherence.daysDoneLast14) · plan \(adherence.daysPlannedLast14)", .bold),
            ("streak", .muted), (streak, .bold),
            ("this week", .muted), ("\(adherence.daysThisWeek) of \(plan)", .bold),
        ]
        var row = panel.y
        for (index, (text, style)) in panelLines.enumerated() {
            if index > 0, index % 2 == 0 { row += wide ? 1 : 0 }
            guard row < panel.maxY else { break }
            grid.write(text.truncated(toWidth: panel.width), column: panel.x, row: row, style: style, clip: panel)
            row += 1
        }
        let legendRow = countsRow + (wide ? 2 : 1)
        if legendRow < body.maxY {
            let legend = wide ? "█ all planned sets  ▓ most  ▒ half  ░ a few  · none    n = sessions that week"
                              : "█ all ▓ most ▒ half ░ few · none"
            grid.write(legend.truncated(toWidth: body.width), column: body.x, row: legendRow, style: .muted, clip: body)
        }
    }

    // MARK: - Progress

    private func drawProgress(_ layout: ReviewLayout, on grid: inout Grid) {
        let body = layout.body
        guard let exercises = program.exercises, !exercises.isEmpty else {
            drawMessage(["No exercises logged yet.",
                         "Do a session with `limber start`; then pick an exercise here to see its volume (reps or seconds) and pain over time."],
                        in: body, on: &grid)
            return
        }
        if let progress = program.progress {
            drawExerciseProgress(progress, exercise: exercises[program.exerciseIndex], layout: layout, on: &grid)
            return
        }
        if layout.roomy {
            grid.write("Pick an exercise to see its volume and pain over time.".truncated(toWidth: body.width),
                       column: body.x, row: body.y, style: .muted, clip: body)
        }
        let area = body.droppingTop(layout.pickerIntroLines)
        let top = Table.scrollOffset(selected: program.exerciseIndex, visibleRows: layout.exerciseRows, current: program.exerciseTop)
        let rows: [[TableCell]] = exercises[top..<min(exercises.count, top + layout.exerciseRows)].map { e in
            [TableCell(e.name), TableCell(ReviewFormat.thousands(e.sessionCount)), TableCell(e.lastDay.isoText)]
        }
        Table(columns: [TableColumn("EXERCISE", width: .fill(1)),
                        TableColumn("SESSIONS", width: .fixed(8), alignment: .trailing),
                        TableColumn("LAST", width: .fixed(10))],
              rows: rows, selectedRow: program.exerciseIndex - top).render(in: area, on: &grid)
    }

    private func drawExerciseProgress(_ progress: ExerciseTrend, exercise: ReviewExercise, layout: ReviewLayout, on grid: inout Grid) {
        let body = layout.body
        guard let firstPoint = progress.points.first else {
            drawMessage([exercise.name, "No sets of this exercise are logged."], in: body, on: &grid)
            return
        }
        let unitName = progress.unit == WorkKind.seconds ? "seconds" : "reps"
        let volumes = progress.points.map { Double($0.volume) as Double? }
        let pains = progress.points.map { Double($0.maxPain) as Double? }
        let maxVolume = max(1, progress.points.map(\.volume).max() ?? 1)
        var summary: [(String, Style)] = []
        if let change = progress.volumeChange {
            let from = String(Int(change.from.rounded())), to = String(Int(change.to.rounded()))
            let percent = change.from > 0 ? " (" + ReviewFormat.signedPercent((change.to - change.from) / change.from) + ")" : ""
            summary.append((layout.charts ? "Volume \(from) → \(to) \(progress.unit.shortName) a session\(percent), \(progress.comparedText)"
                                          : "volume \(from) → \(to) \(progress.unit.shortName)\(percent)", .normal))
        }
        if let pain = progress.painChange {
            summary.append(("\(layout.charts ? "Highest pain" : "pain") \(ReviewFormat.oneDecimal(pain.from)) → \(ReviewFormat.oneDecimal(pain.to)): \(pain.label)", pain.style))
        }
        let span = "\(ReviewFormat.count(progress.points.count, "session")) since \(firstPoint.day.isoText)"
        if layout.charts {
            grid.write("\(exercise.name) · \(span)".truncated(toWidth: body.width), column: body.x, row: body.y, style: .bold, clip: body)
            let remaining = body.height - 3 - summary.count
            let volumeHeight = max(4, remaining * 3 / 5), painHeight = max(3, remaining - volumeHeight)
            var row = body.y + 1
            grid.write("\(unitName.capitalizedFirst) per session (all sets and sides)", column: body.x, row: row, style: .muted, clip: body)
            row += 1
            let labels = ReviewScreen.fittingLabels(progress.points.map(\.day.shortText), width: body.width, maxValue: maxVolume)
            BarChart(volumes, maxValue: Double(maxVolume), xLabels: labels, styling: .uniform(Style(foreground: .accent)))
                .render(in: Rect(x: body.x, y: row, width: body.width, height: volumeHeight), on: &grid)
            row += volumeHeight
            grid.write("Highest pain after a set, 0-10", column: body.x, row: row, style: .muted, clip: body)
            row += 1
            BarChart(pains, maxValue: 10, styling: .painBands).render(in: Rect(x: body.x, y: row, width: body.width, height: painHeight), on: &grid)
            row += painHeight
            for (text, style) in summary where row < body.maxY {
                grid.write(text.truncated(toWidth: body.width), column: body.x, row: row, style: style, clip: body)
                row += 1
            }
            return
        }
        var lines = TextFlow(body, gap: 0)
        let shown = min(progress.points.count, body.width)
        lines.line(exercise.name, style: .bold, on: &grid)
        lines.line("\(unitName) a session, last \(shown)", style: .muted, on: &grid)
        Sparkline(volumes, range: 0...Double(maxVolume), styling: .uniform(Style(foreground: .accent)))
            .render(in: Rect(x: body.x, y: lines.row, width: body.width, height: 1).intersection(body), on: &grid)
        lines.skip()
        lines.line("highest pain after a set", style: .muted, on: &grid)
        Sparkline(pains, range: 0...10, styling: .painBands)
            .render(in: Rect(x: body.x, y: lines.row, width: body.width, height: 1).intersection(body), on: &grid)
        lines.skip()
        for (text, style) in summary { lines.line(text, style: style, on: &grid) }
        lines.line(span, style: .muted, on: &grid)
    }
}


extension ReviewScreen {
    /// `labels` with those blanked that `BarChart` (bars 1 wide, 1 apart) would cut at the right
    /// edge of an area `width` wide: a cut date ("Feb 2" for "Feb 26") would mislead.
    static func fittingLabels(_ labels: [String], width: Int, maxValue: Int) -> [String] {
        let plotWidth = width - String(maxValue).count - 1
        let capacity = max(0, plotWidth / 2)
        let first = max(0, labels.count - capacity)
        return labels.enumerated().map { index, label in
            index >= first && 1 + (index - first) * 2 + label.displayWidth <= plotWidth ? label : ""
        }
    }
}

extension String {
    /// The string without `suffix` at its end (`"12.0"` → `"12"`).
    func replacingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }

    /// The first letter in upper case (ASCII).
    var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}

extension ReviewFormat {
    /// `+33%`, `−12%`, `±0%`.
    public static func signedPercent(_ fraction: Double) -> String {
        let percent = Int((fraction * 100).rounded())
        if percent == 0 { return "±0%" }
        return (percent < 0 ? "−" : "+") + "\(abs(percent))%"
    }
}

/// Pain before and after sessions, week by week: two bars a week drawn in eighths of a cell,
/// the "before" bar muted on the left, the "after" bar in its pain band on the right, over a
/// 0-10 axis with week labels. When there are more weeks than fit, the latest are shown.
struct PainPairChart: Widget {
    var before: [Double?]
    var after: [Double?]
    var labels: [String]

    func render(in area: Rect, on grid: inout Grid) {
        let frame = ChartFrame(area: area, maxValue: 10, hasXLabels: !labels.isEmpty)
        let plot = frame.plot
        guard plot.width > 0, plot.height > 0 else { return }
        frame.drawAxes(on: &grid)
        let count = max(before.count, after.count)
        let step = plot.width >= 3 * count ? 3 : 2
        let capacity = max(0, plot.width / step)
        let first = max(0, count - capacity)
        var placed: [(column: Int, text: String)] = []
        for index in first..<count {
            let column = plot.x + 1 + (index - first) * step
            if index < labels.count, column + labels[index].displayWidth <= plot.maxX { placed.append((column, labels[index])) }
            for (offset, values, isAfter) in [(0, before, false), (1, after, true)] {
                guard index < values.count, let value = values[index] else { continue }
                let style: Style = isAfter ? .pain(Int(value.rounded())) : .muted
                let eighths = max(1, Int((min(10, max(0, value)) / 10 * Double(plot.height) * 8).rounded()))
                for level in 0..<plot.height {
                    let filled = min(8, eighths - level * 8)
                    guard filled > 0 else { break }
                    grid.write(String(Sparkline.levels[filled - 1]), column: column + offset, row: plot.maxY - 1 - level,
                               style: style, clip: plot)
                }
            }
        }
        frame.drawXLabels(placed, on: &grid)
    }
}
