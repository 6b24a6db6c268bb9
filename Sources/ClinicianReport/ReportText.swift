import CoachPolicy
import Foundation
import PlainText

/// The report as plain text on one printed page (at most ``maxLines`` lines of at most ``width``
/// columns): the same sections as the HTML, condensed. Lists that could run long (sessions,
/// events, check-ins) show their totals and the latest few, and say how many more the HTML has.
public enum ReportText {
    public static let width = 80
    /// A4 at 10-12 pt monospace with the usual print margins holds about 64 lines.
    public static let maxLines = 64

    public static func render(_ r: ClinicianReport) -> String {
        var out: [String] = []
        func line(_ text: String = "") { out.append(contentsOf: text.isEmpty ? [""] : PlainText.wrap(text, width: width)) }
        func heading(_ title: String, _ detail: String = "") {
            out.append("")
            out.append(title.uppercased() + (detail.isEmpty ? "" : " " + detail))
        }
        func row(_ cells: [(String, Int)]) {
            out.append(cells.map { $0.0.truncated(toWidth: $0.1).padded(toWidth: $0.1) }.joined(separator: " ")
                .trimmingCharacters(in: .whitespaces))
        }

        out.append("limber report for the clinician · \(r.periodText) · made \(r.generated.text)")
        let met = r.weeksMet
        line("Sessions \(r.sessionCount) (\(r.completedCount) completed), \(r.setCount) sets · plan \(r.weeklyTarget) days a week, met in \(met.met) of \(met.of) finished weeks")

        heading("Pain before → after sessions", "(0-10; \(MeaningfulChange.note))")
        let marks = r.meaningfulCounts
        if r.pain.isEmpty {
            line("No sessions in this period.")
        } else {
            line("\(marks.better) session\(marks.better == 1 ? "" : "s") meaningfully better after, \(marks.worse) worse; by week (means):")
            row([("week of", 10), ("sessions", 8), ("leg", 12), ("back", 12), ("better", 6), ("worse", 5)])
            for w in r.painWeeks.suffix(6) {
                row([(w.start.text, 10), ("\(w.sessions)", 8), (w.legText, 12), (w.backText, 12), ("\(w.better)", 6), ("\(w.worse)", 5)])
            }
        }

        heading("How far down the leg")
        if let fl = r.reachFirstLast {
            let moves = r.reachMoves
            line("Before the first session \(fl.first.plainText), before the latest \(fl.last.plainText); moved up toward the back in \(moves.up) session\(moves.up == 1 ? "" : "s"), spread further down in \(moves.down).")
        } else {
            line("Not recorded in this period.")
        }

        heading("PEG and PSFS", "(\(OutcomeChange.note))")
        if r.peg.isEmpty && r.psfs.isEmpty {
            line("No weekly check-in in this period.")
        } else {
            if let first = r.peg.first, let last = r.peg.last {
                line("PEG \(one(first.score)) on \(first.day.text) → \(one(last.score)) on \(last.day.text)" +
                     (last.changeFromFirst.map { " (\(signed($0))\(last.meaningful ? ", meaningful" : ", no clear change"))" } ?? "") +
                     "; lower is better.")
            }
            if let first = r.psfs.first, let last = r.psfs.last {
                line("PSFS \(one(first.score)) on \(first.day.text) → \(one(last.score)) on \(last.day.text)" +
                     (last.changeFromFirst.map { " (\(signed($0))\(last.meaningful ? ", meaningful" : ", no clear change"))" } ?? "") +
                     ": " + last.ratings.map { "\($0.activity) \($0.rating)" }.joined(separator: "; ") + ".")
            }
        }

        heading("Adherence", "(plan: \(r.weeklyTarget) days a week)")
        if r.weeks.isEmpty {
            line("No weeks in this period.")
        } else {
            line("Days each week, oldest to newest of the last \(min(12, r.weeks.count)): " +
                 r.weeks.suffix(12).map { "\($0.days)\($0.isCurrent ? " (so far)" : $0.met ? "" : "*")" }.joined(separator: " ") +
                 "   (* under the plan)")
        }

        heading("Each exercise", "(sets x dose per set, first → latest; highest pain)")
        for e in r.exercises.prefix(10) {
            row([(e.name, 26), ("\(e.points.count) session\(e.points.count == 1 ? "" : "s")", 12), ("\(e.firstDose) → \(e.lastDose)", 27),
                 ("pain \(e.points.first?.maxPain ?? 0) → \(e.points.last?.maxPain ?? 0)", 12)])
        }
        if r.exercises.count > 10 { line("… and \(r.exercises.count - 10) more exercises in the HTML report.") }
        if r.exercises.isEmpty { line("No sets in this period.") }

        heading("Stops, spread marks, skips, flares")
        line("\(r.count(.stop)) stops, \(r.count(.spread)) spread marks, \(r.count(.skip)) skips, \(r.count(.flare)) flare days, \(r.count(.ended)) sessions ended early" +
             (r.events.isEmpty ? "." : "; the latest:"))
        let latest = r.events.suffix(5)
        for e in latest {
            row([(e.day.text, 10), (e.kind.rawValue, 11), ((e.exercise ?? "") + (e.exercise == nil ? "" : ": ") + e.reason, 57)])
        }
        if r.events.count > latest.count { line("(\(r.events.count - latest.count) earlier ones in the HTML report)") }

        heading("Red flags and assessments")
        let concerns = r.checks.filter { $0.concern != nil || $0.what == "clinician assessed" }
        line("\(r.checks.count) checks, \(r.checks.filter { $0.concern != nil }.count) with an answer needing attention" + (concerns.isEmpty ? "." : ":"))
        for c in concerns.suffix(4) {
            row([(c.day.text, 10), (c.what, 21), ((c.concern.map { "\($0): " } ?? "") + c.answer, 47)])
        }

        heading("Current prescription", r.prescriptionRoutine.map { "for \($0)" } ?? "")
        if let note = r.prescriptionNote { line(note) }
        for p in r.prescription.prefix(8) {
            row([(p.exercise, 24), (p.dose, 14), (p.change, 14), (p.reason, 26)])
        }
        if r.prescription.count > 8 { line("… and \(r.prescription.count - 8) more in the HTML report.") }

        // One page: what does not fit is cut with a pointer to the HTML (the sections above are
        // sized so that this does not happen with an ordinary log).
        if out.count > maxLines {
            out = Array(out.prefix(maxLines - 1)) + ["… more in the HTML report (limber report --format html)."]
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func one(_ value: Double) -> String { String(format: "%.1f", value) }
    static func signed(_ value: Double) -> String { (value > 0 ? "+" : value < 0 ? "-" : "±") + String(format: "%.1f", abs(value)) }
}
