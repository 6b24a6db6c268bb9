import Foundation
import MonotonicTime
import CoachPolicy
import TUIKit
import Testing
import CoachUI

/// The review's outcomes view (key 6) and adherence against the weekly plan.
@Suite("review: weekly outcomes and the weekly plan")
struct OutcomeReviewTests {
    static func outcome(_ daysAgo: Int, peg: (Int, Int, Int)?, psfs: [Int]) -> ReviewOutcome {
        let names = ["sit for an hour", "put on socks", "walk to the shop"]
        return ReviewOutcome(day: ReviewFixtures.day(daysAgo), checkIn: OutcomeCheckIn(
            takenAt: Date(timeIntervalSince1970: Double(ReviewFixtures.day(daysAgo).ordinal) * 86_400),
            peg: peg.map { PEGAnswers(pain: $0.0, enjoyment: $0.1, activity: $0.2) },
            psfs: zip(names, psfs).map { PSFSRating(activity: $0, rating: $1) }))
    }

    static func source() -> FixtureReviewSource {
        let source = ReviewFixtures.source()
        source.outcomeList = [
            outcome(21, peg: (7, 6, 8), psfs: [2, 3, 4]),   // PEG 7.0, PSFS 3.0: the first scores
            outcome(14, peg: (6, 6, 7), psfs: [3, 3, 4]),   // 6.3 (10%), 3.3: no clear change
            outcome(7, peg: nil, psfs: []),                 // skipped
            outcome(0, peg: (4, 5, 5), psfs: [5, 5, 6]),    // 4.7 (33% lower), 5.3 (+2.3): both meaningful
        ]
        return source
    }

    @Test("6 opens the outcomes: each week's PEG and activities score, meaningful changes from the first marked")
    func outcomesView() {
        var driver = ReviewDriver(source: Self.source())
        driver.type("6")
        #expect(driver.program.view == .outcomes)
        let lines = driver.screen()
        #expect(lines[0].hasSuffix("3 weekly checks"))
        #expect(lines[1].contains("6 Outcomes"))
        #expect(lines[3] == "Weekly checks · PEG: lower is better · activities (PSFS): higher is better")
        #expect(lines[5].hasPrefix("DATE          PEG ACTIVITIES"))
        #expect(lines[6].hasPrefix("2026-02-11    7.0        3.0 first"))
        #expect(lines[7].trimmingCharacters(in: .whitespaces) == "2026-02-18    6.3        3.3")
        #expect(lines[8].hasPrefix("2026-03-04    4.7        5.3 ● PEG better, activities better"))
        #expect(lines.contains("PEG 7.0 → 4.7: better (a meaningful change: 30% of the first score or more)"))
        #expect(lines.contains("Activities 3.0 → 5.3: better (a meaningful change: 2 points or more)"))
        #expect(lines.contains("1 week skipped."))
        #expect(lines.contains("meaningful: PEG 30% of the first score, PSFS 2 points"))
        #expect(lines[23] == "tab view · 1-6 views · q quit · ? help")

        let small = driver.screen(40, 12)
        #expect(small[0] == "Outcomes · 3 weekly checks  1 2 3 4 5 6")
        #expect(small[1].hasPrefix("DATE         PEG   ACT"))
        #expect(small[2].hasPrefix("2026-02-11   7.0   3.0 first"))
        #expect(small[4].hasPrefix("2026-03-04   4.7   5.3 ● PEG better,"))
        #expect(small.contains { $0.hasPrefix("PEG 7.0 → 4.7: better") })
    }

    @Test("a change below the meaningful size is no clear change; one check or none says what comes next")
    func smallChangeAndEmpty() {
        let source = ReviewFixtures.source()
        source.outcomeList = [Self.outcome(7, peg: (5, 5, 5), psfs: [4, 4, 4]), Self.outcome(0, peg: (4, 4, 4), psfs: [5, 5, 5])]
        var driver = ReviewDriver(source: source)
        driver.type("6")
        let lines = driver.screen()
        #expect(lines.contains("PEG 5.0 → 4.0: no clear change yet (meaningful: 30% of the first score)"), "1 point of 5 is 20%")
        #expect(lines.contains("Activities 4.0 → 5.0: no clear change yet (meaningful: 2 points)"))
        #expect(!lines.contains { $0.contains("●") })

        let none = ReviewFixtures.source()
        none.outcomeList = [Self.outcome(0, peg: nil, psfs: [])]
        var empty = ReviewDriver(source: none)
        empty.type("6")
        let text = empty.screen().joined(separator: " ")
        #expect(text.contains("No weekly check yet. (1 week skipped)"))
        #expect(text.contains("`limber check outcomes` asks them now"))
    }

    @Test("adherence against a plan of 3 days a week: 14 days planned is 6, this week says 2 of 3")
    func adherencePlan() {
        var driver = ReviewDriver(weeklyTarget: 3)
        driver.type("4")
        let lines = driver.screen()
        #expect(lines[6].hasSuffix("12 days with a session, plan 6"))
        #expect(lines[11].hasSuffix("Your plan: 3 days a week"))
        #expect(lines[12].hasSuffix("3 of 3 this week"))
        #expect(lines[9].hasSuffix("14 weeks (1 missed day a week is fine)"), "every week had at least 2 of the 3 planned days")
    }
}
