import CoachPolicy
import Foundation

// The other tables of `limber export` (issue 14): the check-ins before sessions (red-flag
// answers, the next-day response, the gentle offer with its starting pain, the direction of
// relief...), the weekly outcome measures, and the plan (the weekly target and the PSFS
// activities). CSV holds one table per file (`--table`); JSON can hold them all in one object.

extension LogExport {
    /// Check-in fields, in order (one row of the `check_in` table each).
    public static let checkInFieldNames = ["check_in_id", "at", "day", "kind", "outcome", "answers_json", "session_id"]

    /// Outcome fields, in order: the PEG items and score, the PSFS score, then up to five
    /// activities with their ratings (`psfs_1_activity`, `psfs_1_rating`, ...). A check-in with no
    /// PEG and no ratings is a weekly offer that was skipped.
    public static let outcomeFieldNames = ["taken_at", "peg_pain", "peg_enjoyment", "peg_activity", "peg_score", "psfs_score"]
        + (1...OutcomeChange.psfsActivities.upperBound).flatMap { ["psfs_\($0)_activity", "psfs_\($0)_rating"] }

    /// Plan fields, in order: one row per setting.
    public static let planFieldNames = ["setting", "value"]

    /// A check-in's values, in ``checkInFieldNames`` order.
    public static func checkInValues(_ row: CheckInRow) -> [Value] {
        [.int(row.id.map(Int.init)), .date(row.at), .text(row.day), .text(row.kind.rawValue), .text(row.outcome),
         .text(row.answersJSON), .int(row.sessionID.map(Int.init))]
    }

    /// An outcome check-in's values, in ``outcomeFieldNames`` order (scores to two decimals).
    public static func outcomeValues(_ checkIn: OutcomeCheckIn) -> [Value] {
        var values: [Value] = [.date(checkIn.takenAt), .int(checkIn.peg?.pain), .int(checkIn.peg?.enjoyment),
                               .int(checkIn.peg?.activity), .text(checkIn.peg.map { decimal($0.score) }),
                               .text(checkIn.psfsScore.map(decimal))]
        for index in 0..<OutcomeChange.psfsActivities.upperBound {
            let rating = index < checkIn.psfs.count ? checkIn.psfs[index] : nil
            values += [.text(rating?.activity), .int(rating?.rating)]
        }
        return values
    }

    /// The plan's rows: the weekly target, then each current PSFS activity.
    public static func planRows(weeklyTarget: Int, activities: [String]) -> [[Value]] {
        [[.text("weekly_target"), .int(weeklyTarget)]]
            + activities.enumerated().map { [.text("psfs_activity_\($0.offset + 1)"), .text($0.element)] }
    }

    /// `4.67`: a score with two decimals, written without a formatter.
    static func decimal(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let rest = abs(hundredths % 100)
        return "\(hundredths / 100).\(rest < 10 ? "0" : "")\(rest)"
    }

    /// One table as RFC 4180 CSV: the header row, then the rows (CRLF line ends, spreadsheet-safe text).
    public static func csvTable(_ names: [String], _ rows: [[Value]]) -> String {
        var out = Bytes()
        appendCSVRow(names.map(Value.text), to: &out)
        for row in rows { appendCSVRow(row, to: &out) }
        return out.string
    }

    /// Everything in one JSON object: `{"sessions":[...],"check_ins":[...],"outcomes":[...],
    /// "plan":{"weekly_target":3,"psfs_activities":[...]}}`, one element per line.
    public static func jsonDocument(sessions: [SessionWithSets], checkIns: [CheckInRow], outcomes: [OutcomeCheckIn],
                                    weeklyTarget: Int, activities: [String]) -> String {
        var out = Bytes()
        out.appendASCII("{\"sessions\":[")
        for (i, item) in sessions.enumerated() {
            out.appendASCII(i > 0 ? ",\n" : "\n")
            appendJSONObject(item, to: &out)
        }
        out.appendASCII("],\n\"check_ins\":[")
        for (i, row) in checkIns.enumerated() {
            out.appendASCII(i > 0 ? ",\n{" : "\n{")
            appendPairs(checkInFieldNames, checkInValues(row), to: &out)
            out.append(0x7D)
        }
        out.appendASCII("],\n\"outcomes\":[")
        for (i, checkIn) in outcomes.enumerated() {
            out.appendASCII(i > 0 ? ",\n" : "\n")
            out.appendASCII(outcomeJSON(checkIn))
        }
        out.appendASCII("],\n\"plan\":{\"weekly_target\":")
        out.appendInt(weeklyTarget)
        out.appendASCII(",\"psfs_activities\":[")
        for (i, name) in activities.enumerated() {
            if i > 0 { out.append(0x2C) }
            out.appendJSONString(name)
        }
        out.appendASCII("]}}\n")
        return out.string
    }

    /// One check-in as a JSON object: `taken_at`, `peg` (`pain`, `enjoyment`, `activity`,
    /// `score`, or null when skipped), `psfs` (`activity`, `rating` each) and `psfs_score`.
    public static func outcomeJSON(_ checkIn: OutcomeCheckIn) -> String {
        var out = Bytes()
        out.append(0x7B)
        appendPairs(["taken_at"], [.date(checkIn.takenAt)], to: &out)
        out.appendASCII(",\"peg\":")
        if let peg = checkIn.peg {
            out.append(0x7B)
            appendPairs(["pain", "enjoyment", "activity"], [.int(peg.pain), .int(peg.enjoyment), .int(peg.activity)], to: &out)
            out.appendASCII(",\"score\":" + decimal(peg.score) + "}")
        } else {
            out.appendASCII("null")
        }
        out.appendASCII(",\"psfs\":[")
        for (i, rating) in checkIn.psfs.enumerated() {
            if i > 0 { out.append(0x2C) }
            out.append(0x7B)
            appendPairs(["activity", "rating"], [.text(rating.activity), .int(rating.rating)], to: &out)
            out.append(0x7D)
        }
        out.appendASCII("],\"psfs_score\":" + (checkIn.psfsScore.map(decimal) ?? "null") + "}")
        return out.string
    }
}

extension LogExport {
    /// One flat JSON object of `names` and `values`.
    public static func jsonObject(_ names: [String], _ values: [Value]) -> String {
        var out = Bytes()
        out.append(0x7B)
        appendPairs(names, values, to: &out)
        out.append(0x7D)
        return out.string
    }

    /// `{"weekly_target":3,"psfs_activities":["sit for an hour",...]}`.
    public static func planJSON(weeklyTarget: Int, activities: [String]) -> String {
        "{\"weekly_target\":\(weeklyTarget),\"psfs_activities\":[" + activities.map(jsonString).joined(separator: ",") + "]}\n"
    }
}
