import ClinicianReport
import CoachPolicy
import ExerciseCatalog
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport

/// A small seeded log: three sessions over two weeks, with a stop, a spread, a skip, a flare, a
/// meaningful pain change, reach moving up, two weekly check-ins and a red-flag answer.
enum Seed {
    static let zone = TimeZone(identifier: "UTC")!
    /// 2026-03-02 (a Monday) 09:00 UTC.
    static let monday = Date(timeIntervalSince1970: 1_772_442_000)
    static func at(day: Int, hour: Double = 0) -> Date { monday.addingTimeInterval(Double(day) * 86_400 + hour * 3600) }

    static func set(_ id: String, _ name: String, number: Int, amount: Int, pain: Int, spread: Bool = false,
                    action: Adjustment = .keep, reason: String = "") -> SetRecord {
        setRecord(exerciseID: id, exerciseName: name, setNumber: number, side: .both, unit: .reps, target: amount, done: amount,
                  pain: pain, spread: spread, adjustment: action, reason: reason)
    }

    static var input: ReportInput {
        let s1 = ReportSession(
            id: 1, startedAt: at(day: 0), routineName: "Five minute", status: .completed,
            legPainBefore: 6, legPainAfter: 3, backPainBefore: 4, backPainAfter: 4, reachBefore: .belowKnee, reachAfter: .thigh,
            sets: [
                ReportSet(record: set("glute-bridge", "Glute bridge", number: 1, amount: 10, pain: 3), completedAt: at(day: 0, hour: 0.1)),
                ReportSet(record: set("glute-bridge", "Glute bridge", number: 2, amount: 10, pain: 4), completedAt: at(day: 0, hour: 0.2)),
                ReportSet(record: set("bird-dog", "Bird dog & co", number: 1, amount: 8, pain: 8, action: .stopExercise,
                                      reason: "Pain 8: stop this exercise"), completedAt: at(day: 0, hour: 0.3)),
            ],
            skips: [ReportSkip(exerciseID: "cat-cow", exerciseName: "Cat-cow", at: at(day: 0, hour: 0.35), reason: .noTime)])
        let s2 = ReportSession(
            id: 2, startedAt: at(day: 2), routineName: "Five minute", status: .endedEarly,
            legPainBefore: 5, legPainAfter: 6, backPainBefore: 3, backPainAfter: 3, reachBefore: .thigh, reachAfter: .belowKnee,
            sets: [
                ReportSet(record: set("glute-bridge", "Glute bridge", number: 1, amount: 12, pain: 5, spread: true, action: .stopExercise,
                                      reason: "Symptoms spread down the leg: stop this exercise"), completedAt: at(day: 2, hour: 0.1)),
            ],
            flare: Flare(cause: .reportedWorse))
        let s3 = ReportSession(
            id: 3, startedAt: at(day: 8), routineName: "Five minute", status: .completed,
            legPainBefore: 4, legPainAfter: 4, backPainBefore: 2, backPainAfter: 1, reachBefore: .buttock, reachAfter: .backOnly,
            sets: [
                ReportSet(record: set("glute-bridge", "Glute bridge", number: 1, amount: 12, pain: 2), completedAt: at(day: 8, hour: 0.1)),
                ReportSet(record: set("glute-bridge", "Glute bridge", number: 2, amount: 12, pain: 2), completedAt: at(day: 8, hour: 0.2)),
            ])
        let outcomes = [
            OutcomeCheckIn(takenAt: at(day: 0, hour: -0.5), peg: PEGAnswers(pain: 6, enjoyment: 6, activity: 6),
                           psfs: [PSFSRating(activity: "sit for an hour", rating: 3), PSFSRating(activity: "put on socks", rating: 4),
                                  PSFSRating(activity: "walk 2 km", rating: 2)]),
            OutcomeCheckIn(takenAt: at(day: 7, hour: -0.5), peg: PEGAnswers(pain: 4, enjoyment: 4, activity: 3),
                           psfs: [PSFSRating(activity: "sit for an hour", rating: 6), PSFSRating(activity: "put on socks", rating: 6),
                                  PSFSRating(activity: "walk 2 km", rating: 3)]),
        ]
        let checks = [
            ReportCheck(at: at(day: 0, hour: -0.6), kind: .daily, yes: [], outcome: .clear),
            ReportCheck(at: at(day: 2, hour: -0.6), kind: .history, yes: [RedFlags.history[0].id], outcome: .seeClinician),
            ReportCheck(at: at(day: 8, hour: -0.6), kind: .clinicianAssessed(about: "history check", date: "2026-03-09")),
        ]
        return ReportInput(
            generatedAt: at(day: 9), timeZone: zone, since: nil, sessions: [s1, s2, s3], checks: checks, outcomes: outcomes,
            weeklyTarget: 2, prescription: .unavailable("The last routine done (Five minute, id five-minute) is not in the catalog now: no prescription to show."))
    }
}

/// The HTML read back as XML: sections by id, each table's rows as cell texts.
final class ReportPage: NSObject, XMLParserDelegate {
    var sections: [String: String] = [:]  // id -> all text inside
    var tables: [String: [[String]]] = [:]  // id -> body rows
    var svgCount = 0
    var elements: Set<String> = []
    private var section: String?
    private var table: String?
    private var inBody = false
    private var row: [String]?
    private var cell: String?

    init(_ html: String) throws {
        super.init()
        // The doctype line is HTML5's; XML reads it as a declaration without a DTD.
        let parser = XMLParser(data: Data(html.utf8))
        parser.delegate = self
        guard parser.parse() else {
            throw CocoaError(.coderReadCorrupt, userInfo: [NSDebugDescriptionErrorKey: "not well-formed: \(String(describing: parser.parserError))"])
        }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.insert(name)
        switch name {
        case "section": section = attributes["id"]; sections[section ?? "", default: ""] = ""
        case "table": table = attributes["id"]; tables[table ?? ""] = []
        case "tbody": inBody = true
        case "tr" where inBody: row = []
        case "td": cell = ""
        case "svg": svgCount += 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "td": row?.append(cell ?? ""); cell = nil
        case "tr": if let row, let table { tables[table]?.append(row) }; row = nil
        case "tbody": inBody = false
        case "table": table = nil
        case "section": section = nil
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if cell != nil { cell! += string }
        if let section { sections[section]! += string }
    }
}

@Suite struct ReportHTMLTests {
    let report = ReportBuilder.build(Seed.input)

    @Test func everySectionIsThereAndTheFileIsSelfContained() throws {
        let html = ReportHTML.render(report)
        let page = try ReportPage(html)
        #expect(Set(page.sections.keys) == ["summary", "pain", "reach", "outcomes", "adherence", "exercises", "events", "red-flags", "prescription"])
        // Inline only: no script, no image, no link, nothing fetched.
        #expect(page.elements.isDisjoint(with: ["script", "img", "link", "iframe", "object"]))
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").count - 1 == page.svgCount)  // the SVG namespace only
        #expect(!html.contains("https://"))
        #expect(html.contains("@page { size: A4"))
        #expect(page.svgCount >= 5)  // leg, back, reach, outcomes, adherence, and one per exercise
    }

    @Test func painRowsCarryTheMeaningfulMarks() throws {
        let page = try ReportPage(ReportHTML.render(report))
        let rows = try #require(page.tables["pain-table"])
        #expect(rows.count == 3)
        // 6 -> 3 is better (3 points); 5 -> 6 is no clear change; back 2 -> 1 is 50% and 1 point: better.
        #expect(rows[0] == ["2026-03-02", "Five minute", "completed", "6 → 3", "better", "4 → 4", ""])
        #expect(rows[1] == ["2026-03-04", "Five minute", "ended early", "5 → 6", "", "3 → 3", ""])
        #expect(rows[2] == ["2026-03-10", "Five minute", "completed", "4 → 4", "", "2 → 1", "better"])
        let summary = try #require(page.sections["summary"])
        #expect(summary.contains("2 sessions meaningfully better after, 0 worse"))
    }

    @Test func reachOverTime() throws {
        let page = try ReportPage(ReportHTML.render(report))
        let reach = try #require(page.sections["reach"])
        #expect(reach.contains("Before the first session: below the knee · before the latest: buttock · moved up toward the back during 2 sessions, spread further down during 1."))
    }

    @Test func pegAndPSFSWithTheirMeaningfulChanges() throws {
        let page = try ReportPage(ReportHTML.render(report))
        // PEG 6.0 -> 3.7: -2.3 is 39% of 6: meaningful. PSFS 3.0 -> 5.0: +2 points: meaningful.
        #expect(page.tables["peg-table"] == [
            ["2026-03-02", "6", "6", "6", "6.0", "first", ""],
            ["2026-03-09", "4", "4", "3", "3.7", "−2.3", "better"],
        ])
        #expect(page.tables["psfs-table"] == [
            ["2026-03-02", "sit for an hour 3; put on socks 4; walk 2 km 2", "3.0", "first", ""],
            ["2026-03-09", "sit for an hour 6; put on socks 6; walk 2 km 3", "5.0", "+2.0", "better"],
        ])
    }

    @Test func adherenceAgainstTheWeeklyTarget() throws {
        let page = try ReportPage(ReportHTML.render(report))
        // Week of 03-02: two days (target 2, met); week of 03-09: one so far.
        #expect(page.tables["adherence-table"] == [
            ["2026-03-02", "2", "2", "2", "met"],
            ["2026-03-09", "1", "1", "2", "this week, so far"],
        ])
        #expect(page.sections["adherence"]!.contains("Met in 1 of 1 finished weeks."))
    }

    @Test func eachExerciseDoseAndPain() throws {
        let page = try ReportPage(ReportHTML.render(report))
        #expect(page.tables["exercise-table"] == [
            ["Glute bridge", "3", "2 x 10 reps", "2 x 12 reps", "4 → 2", "1"],
            ["Bird dog & co", "1", "1 x 8 reps", "1 x 8 reps", "8 → 8", "0"],
        ])
    }

    @Test func everyStopSpreadSkipAndFlareWithDateAndReason() throws {
        let page = try ReportPage(ReportHTML.render(report))
        #expect(page.tables["events-table"] == [
            ["2026-03-02", "09:18", "stop", "Bird dog & co", "pain 8: Pain 8: stop this exercise"],
            ["2026-03-02", "09:21", "skip", "Cat-cow", "no time"],
            ["2026-03-04", "09:00", "flare", "", "you said your pain is worse since your last session"],
            ["2026-03-04", "09:00", "ended early", "", "the person ended it"],
            ["2026-03-04", "09:06", "spread", "Glute bridge", "Symptoms spread down the leg: stop this exercise"],
        ])
    }

    @Test func redFlagAnswersAndAssessments() throws {
        let page = try ReportPage(ReportHTML.render(report))
        let rows = try #require(page.tables["checks-table"])
        #expect(rows.count == 3)
        #expect(rows[0] == ["2026-03-02", "daily red-flag screen", "all no", "clear"])
        #expect(rows[1] == ["2026-03-04", "history check", "yes: \(RedFlags.history[0].shortText)", "see a clinician"])
        #expect(rows[2] == ["2026-03-10", "clinician assessed", "the history check answer, assessed 2026-03-09", ""])
    }

    @Test func theCurrentPrescriptionWithItsReasons() throws {
        let bridge = Exercise(
            id: "glute-bridge", name: "Glute bridge", kind: .strength, sides: .both,
            dose: Dose(sets: 2, work: .reps(10), rest: 45), max: DoseCeiling(reps: 14), steps: ["Lift.", "Lower."])
        let routine = Routine(id: "five-minute", name: "Five minute", kind: .strength, summary: "Test.", items: [RoutineItem(exercise: "glute-bridge")])
        let catalog = Catalog(exercises: [bridge], routines: [routine])
        let base = try SessionPlan(routine: routine, catalogLookup: catalog.exercise)
        // Two easy sessions at 10 reps: one step up, with its reason.
        let easy = PastSession(routineID: "five-minute", startingPain: 2, sets: [
            pastSet(position: 0, exerciseID: "glute-bridge", target: .reps(10), pain: 1),
            pastSet(position: 0, exerciseID: "glute-bridge", target: .reps(10), pain: 2)])
        let prescription = Prescriber.prescribe(base: base, history: [easy, easy], today: TodayCheckIn(), catalog: catalog)
        var input = Seed.input
        input.prescription = .prescribed(prescription)
        let page = try ReportPage(ReportHTML.render(ReportBuilder.build(input)))
        let rows = try #require(page.tables["prescription-table"])
        #expect(rows.count == prescription.exercises.count)
        #expect(rows.first == ["Glute bridge", prescription.exercises[0].planned.dose.plainText, "progressed", prescription.exercises[0].reason])
        #expect(prescription.exercises[0].planned.dose.plainText != "2 x 10 reps")
    }

    @Test func aPersonsOwnWordsComeOutAsTyped() throws {
        var input = Seed.input
        input.outcomes[0].psfs[0].activity = "lift <5 kg> & carry &amp; R&D;"
        let page = try ReportPage(ReportHTML.render(ReportBuilder.build(input)))
        #expect(page.tables["psfs-table"]?.first?[1].hasPrefix("lift <5 kg> & carry &amp; R&D; 3") == true)
    }

    @Test func manySessionsGiveOneRowAWeek() throws {
        let sessions = (0..<120).map { ReportSession(id: Int64($0), startedAt: Seed.at(day: $0), routineName: "r", status: .completed,
                                                     legPainBefore: 5, legPainAfter: 2) }
        var input = Seed.input
        input.sessions = sessions
        input.generatedAt = Seed.at(day: 120)
        let page = try ReportPage(ReportHTML.render(ReportBuilder.build(input)))
        let rows = try #require(page.tables["pain-table"])
        #expect(rows.count == 18)  // 120 days from a Monday: 17 full weeks and one day
        #expect(rows[0] == ["2026-03-02", "7", "5.0 → 2.0", "-", "7", "0"])
    }
}

@Suite struct ReportTextTests {
    @Test func onePrintablePageWithTheSameFigures() {
        let text = ReportText.render(ReportBuilder.build(Seed.input))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count <= ReportText.maxLines)
        #expect(lines.allSatisfy { $0.count <= ReportText.width })
        let flat = text.replacingOccurrences(of: "\n", with: " ")  // the figures, wherever a line wraps
        #expect(flat.contains("Sessions 3 (2 completed), 6 sets · plan 2 days a week, met in 1 of 1 finished weeks"))
        #expect(flat.contains("2 sessions meaningfully better after, 0 worse"))
        #expect(flat.contains("Before the first session below the knee, before the latest buttock; moved up toward the back in 2 sessions, spread further down in 1."))
        #expect(flat.contains("PEG 6.0 on 2026-03-02 → 3.7 on 2026-03-09 (-2.3, meaningful); lower is better."))
        #expect(flat.contains("PSFS 3.0 on 2026-03-02 → 5.0 on 2026-03-09 (+2.0, meaningful)"))
        #expect(flat.contains("1 stops, 1 spread marks, 1 skips, 1 flare days, 1 sessions ended early"))
        #expect(flat.contains("history check"))
        #expect(flat.contains("not in the catalog now"))
    }

    @Test func fiveYearsStillFitOnePage() {
        var input = Seed.input
        input.sessions = HistoryGenerator.make(days: 5 * 365, start: Seed.monday).enumerated().map { index, item in
            let s = item.session
            return ReportSession(id: Int64(index), startedAt: s.startedAt, routineName: s.routineName, status: s.status,
                                 legPainBefore: s.legPainBefore, legPainAfter: s.legPainAfter, backPainBefore: s.backPainBefore,
                                 backPainAfter: s.backPainAfter, sets: item.sets.map { ReportSet(record: $0.record, completedAt: $0.completedAt) })
        }
        input.generatedAt = Seed.at(day: 5 * 365)
        let text = ReportText.render(ReportBuilder.build(input))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count <= ReportText.maxLines)
        #expect(!text.contains("… more in the HTML report (limber"))  // nothing had to be cut
    }
}
