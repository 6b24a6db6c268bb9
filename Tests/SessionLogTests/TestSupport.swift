import Foundation
@testable import SessionLog

/// A fresh temporary folder, removed when the value is deinitialised.
final class TempFolder {
    let url: URL
    init() {
        url = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
            .appendingPathComponent("limber-log-tests-\(UUID().uuidString)", isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit {
        // Folders made read-only by a test must be writable again to be removed.
        _ = chmod(url.path, 0o700)
        try? FileManager.default.removeItem(at: url)
    }
    func sub(_ name: String) -> URL { url.appendingPathComponent(name, isDirectory: true) }
}

/// A fixed instant: 2026-03-01 07:00:00 UTC plus `seconds`.
func t(_ seconds: Double = 0) -> Date {
    Date(timeIntervalSince1970: 1_772_348_400 + seconds)
}

func newSession(_ start: Date = t(), routine: String = "five-minute", planned: Int = 6, painBefore: Int? = 3) -> NewSession {
    NewSession(routineID: routine, routineName: routine == "five-minute" ? "Five minute" : routine,
               startedAt: start, painBefore: painBefore, plannedSets: planned, planJSON: #"{"exercises":["knee-to-chest"]}"#)
}

func set(_ session: Int64, position: Int = 0, number: Int = 1, pain: Int = 2, spread: Bool = false,
         adjustment: SetAdjustment = .keep, reason: String = "", at: Date = t(60),
         exercise: String = "knee-to-chest", name: String = "Knee to chest", side: SetSide = .left) -> SetRow {
    SetRow(sessionID: session, position: position, exerciseID: exercise, exerciseName: name, side: side,
           setNumber: number, targetKind: .seconds, targetAmount: 30, doneAmount: 30, pain: pain,
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

/// A deterministic pseudo-random generator (SplitMix64) for generated histories.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Generated histories for scale tests and benchmarks (never used by the commands).
enum HistoryGenerator {
    static let exercises: [(id: String, name: String, kind: TargetKind, amount: Int, sides: Bool)] = [
        ("sciatic-nerve-glide", "Sciatic nerve glide", .reps, 10, true),
        ("knee-to-chest", "Knee to chest", .seconds, 30, true),
        ("piriformis-stretch", "Piriformis stretch", .seconds, 30, true),
        ("glute-bridge", "Glute bridge", .reps, 10, false),
        ("bird-dog", "Bird dog, \"slow\"", .reps, 8, true),
        ("pelvic-tilt", "Pelvic tilt", .reps, 10, false),
        ("cat-cow", "Cat-cow", .reps, 10, false),
        ("hamstring-stretch", "Hamstring stretch", .seconds, 30, false),
    ]

    /// One session a day for `days` days from `start`, each with 8 exercises x 2-3 sets (both sides
    /// where relevant): about 33 sets a session, so 5 years = ~1,826 sessions and ~60,000 sets.
    static func make(days: Int, start: Date, seed: UInt64 = 42) -> [SessionWithSets] {
        var rng = SplitMix64(state: seed)
        var result: [SessionWithSets] = []
        result.reserveCapacity(days)
        for day in 0..<days {
            let started = start.addingTimeInterval(Double(day) * 86_400 + Double(Int.random(in: 0..<3600, using: &rng)))
            var clock = started
            var sets: [SetRow] = []
            var skips: [SkipRow] = []
            let before = Int.random(in: 1...6, using: &rng)
            for (position, exercise) in exercises.enumerated() {
                if Int.random(in: 0..<40, using: &rng) == 0 {
                    skips.append(SkipRow(sessionID: 0, position: position, exerciseID: exercise.id, at: clock))
                    continue
                }
                let setCount = exercise.sides || exercise.kind == .seconds ? 3 : 2
                for side in exercise.sides ? [SetSide.left, .right] : [.both] {
                    for number in 1...setCount {
                        clock.addTimeInterval(Double(exercise.amount) + 20)
                        let pain = min(10, max(0, before + Int.random(in: -2...3, using: &rng)))
                        let spread = Int.random(in: 0..<200, using: &rng) == 0
                        let adjustment: SetAdjustment = spread ? .stopExercise : pain >= 8 ? .stopExercise : pain >= 6 ? .reduce : .keep
                        let reason = adjustment == .keep ? "" : spread ? "Symptoms spread down the leg: stop this exercise" : "Pain \(pain) is above 5, next sets shorter"
                        sets.append(SetRow(
                            sessionID: 0, position: position, exerciseID: exercise.id, exerciseName: exercise.name,
                            side: side, setNumber: number, targetKind: exercise.kind, targetAmount: exercise.amount,
                            doneAmount: adjustment == .reduce ? exercise.amount * 7 / 10 : exercise.amount,
                            pain: pain, spread: spread, adjustment: adjustment, reason: reason, completedAt: clock))
                    }
                }
            }
            let planned = exercises.reduce(0) { $0 + ($1.sides ? 6 : $1.kind == .seconds ? 3 : 2) }
            let session = SessionRecord(
                id: 0, routineID: "gentle-relief", routineName: "Gentle relief", startedAt: started,
                endedAt: clock.addingTimeInterval(30), status: .completed, painBefore: before,
                painAfter: max(0, before - 1), legPainBefore: before, backPainBefore: before - 1 < 0 ? 0 : before - 1,
                legPainAfter: max(0, before - 2), backPainAfter: before, plannedSets: planned,
                planJSON: #"{"routine":"gentle-relief"}"#)
            result.append(SessionWithSets(session: session, sets: sets, skips: skips))
        }
        return result
    }

    /// Fills `store` with `days` generated daily sessions in chunks of 100 per transaction.
    static func fill(_ store: SessionStore, days: Int, start: Date) throws {
        let all = make(days: days, start: start)
        var index = 0
        while index < all.count {
            let end = min(all.count, index + 100)
            try store.importSessions(Array(all[index..<end]))
            index = end
        }
    }
}
