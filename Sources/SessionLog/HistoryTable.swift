import PlainText
import MonotonicTime
import ExerciseCatalog
import Foundation

/// The plain-text table `limber history` prints.
public enum HistoryTable {
    /// The line printed when there is nothing to list.
    public static let emptyMessage = "No sessions yet — start one with `limber start five-minute`."

    /// Column headings, in order.
    public static let headings = ["DATE", "ROUTINE", "TIME", "SETS", "STATUS", "PAIN", "MARKS"]

    /// One table row for a session: local date and time, routine, duration, sets done/planned,
    /// status, pain before -> after, marks.
    public static func cells(_ summary: SessionSummary, zone: LocalZone = .system) -> [String] {
        let s = summary.session
        let end = s.endedAt ?? summary.lastActivityAt
        let pain = "\(s.painBefore.map(String.init) ?? "-") -> \(s.painAfter.map(String.init) ?? "-")"
        return [
            LogDates.localDateTime(s.startedAt, in: zone),
            // From the log file, written by whatever catalog was current: never raw control characters.
            ControlCharacters.escaped(s.routineName),
            TimeText.duration(Int(max(0, end.timeIntervalSince(s.startedAt)).rounded())),
            "\(summary.setsDone)/\(s.plannedSets)",
            s.status.rawValue.replacingOccurrences(of: "_", with: " "),
            pain,
            marks(summary),
        ]
    }

    /// The marks column: `spread N`, `stop N`, `reduced N`, `skipped N`, comma-separated, only
    /// those that happened.
    public static func marks(_ summary: SessionSummary) -> String {
        var parts: [String] = []
        if summary.spreadCount > 0 { parts.append("spread \(summary.spreadCount)") }
        if summary.stopCount > 0 { parts.append("stop \(summary.stopCount)") }
        if summary.reducedCount > 0 { parts.append("reduced \(summary.reducedCount)") }
        if summary.skipCount > 0 { parts.append("skipped \(summary.skipCount)") }
        return parts.joined(separator: ", ")
    }

    /// The whole table (headings and one line per session, columns separated by two spaces, no
    /// trailing spaces), or ``emptyMessage`` when `summaries` is empty. Ends with a newline.
    public static func render(_ summaries: [SessionSummary], zone: LocalZone = .system) -> String {
        if summaries.isEmpty { return emptyMessage + "\n" }
        return PlainText.columns([headings] + summaries.map { cells($0, zone: zone) }) + "\n"

    }
}
