import MonotonicTime
import CoachPolicy
import ExerciseCatalog
import Foundation
import SessionEngine
@testable import SessionLog
import TestSupport

func newSession(_ start: Date = t(), routine: String = "five-minute", planned: Int = 6, painBefore: Int? = 3) -> NewSession {
    NewSession(routineID: routine, routineName: routine == "five-minute" ? "Five minute" : routine,
               startedAt: start, painBefore: painBefore, plannedSets: planned, planJSON: #"{"exercises":["knee-to-chest"]}"#)
}

func set(_ session: Int64, position: Int = 0, number: Int = 1, pain: Int = 2, spread: Bool = false,
         adjustment: Adjustment = .keep, reason: String = "", at: Date = t(60),
         exercise: String = "knee-to-chest", name: String = "Knee to chest", side: BodySide = .left) -> LoggedSet {
    loggedSet(sessionID: session, position: position, exerciseID: exercise, exerciseName: name, side: side,
              setNumber: number, target: .seconds(30), done: .seconds(30), pain: pain,
              spread: spread, adjustment: adjustment, reason: reason, completedAt: at)
}

/// A tiny RFC 4180 reader: quoted fields, doubled quotes, CRLF records; reports stray bare LFs.
func parseCSV(_ text: String) throws -> [[String]] {
    struct BadCSV: Error, CustomStringConvertible { var description: String }
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var scalars = Array(text.unicodeScalars)[...]
    var quoted = false
    while let c = scalars.popFirst() {
        if quoted {
            if c == "\"" {
                if scalars.first == "\"" { scalars.removeFirst(); field.unicodeScalars.append("\"") } else { quoted = false }
            } else {
                field.unicodeScalars.append(c)
            }
        } else if c == "\"" {
            guard field.isEmpty else { throw BadCSV(description: "quote inside an unquoted field") }
            quoted = true
        } else if c == "," {
            record.append(field); field = ""
        } else if c == "\r" {
            guard scalars.popFirst() == "\n" else { throw BadCSV(description: "CR without LF") }
            record.append(field); field = ""
            records.append(record); record = []
        } else if c == "\n" {
            throw BadCSV(description: "bare LF line end")
        } else {
            field.unicodeScalars.append(c)
        }
    }
    if quoted { throw BadCSV(description: "unterminated quoted field") }
    if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
    return records
}

