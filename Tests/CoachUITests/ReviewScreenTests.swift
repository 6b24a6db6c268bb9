import MonotonicTime
import CoachPolicy
import TUIKit
import Testing
import TestSupport
import CoachUI
import SessionEngine

/// Every review view rendered at 80x24 and 40x12 for the fixture history (ReviewFixtures),
/// asserting the lines a person reads, plus the keys that move between them.
@Suite("review screens")
struct ReviewScreenTests {
    @Test("the session list: newest first, duration, sets, status, pain with meaningful marks, flags")
    func sessionList() {
        let driver = ReviewDriver()
        let lines = driver.screen()
        #expect(lines[0] == "limber · review                                                          1 of 80")
        #expect(lines[1] == " 1 Sessions   2 Detail   3 Trend   4 Adherence   5 Progress   6 Outcomes")
        #expect(lines[3] == "DATE             ROUTINE         TIME  SETS STATUS      PAIN    MARKS")
        #expect(lines[4] == "2026-03-04 07:30 Gentle relief  11:20 20/20 done        3 → 1 ↓")
        #expect(lines[5] == "2026-03-03 18:05 Core basics     6:02  8/20 ended early 4 → 6 ↑ flag spread sto…")
        #expect(lines[6] == "2026-03-02 08:00 Gentle relief   1:35  3/20 interrupted 5 → -")
        // 5 -> 4 is 1 point and 20%: no arrow.
        #expect(lines[7] == "2026-03-01 07:45 Gentle relief  12:00 20/20 done        5 → 4   reduced")
        #expect(lines[8].hasPrefix("2026-02-27 07:00"), "2026-02-28 was missed")
        #expect(lines[21].hasPrefix("2026-02-12 07:00"))
        #expect(lines[23] == "↑/↓ move · enter open · tab view · q quit · ? help")

        let small = driver.screen(40, 12)
        #expect(small[0] == "Sessions · 1 of 80          1 2 3 4 5 6")
        #expect(small[1] == "DATE        SETS PAIN    MARKS")
        #expect(small[2] == "2026-03-04 20/20 3→1 ↓")
        #expect(small[3] == "2026-03-03  8/20 4→6 ↑   flag spread st…")
        #expect(small[5] == "2026-03-01 20/20 5→4     reduced")
        #expect(small[11] == "↑/↓ move · enter open · q quit · ? help")
    }

    @Test("j/k and arrows move the selection; End reaches the oldest session; the list scrolls")
    func listNavigation() {
        var driver = ReviewDriver()
        driver.press(.character("j"), .down)
        #expect(driver.program.selectedIndex == 2)
        #expect(driver.screen()[0].hasSuffix("3 of 80"))
        driver.press(.character("k"))
        #expect(driver.program.selectedIndex == 1)
        driver.press(.end)
        var lines = driver.screen()
        #expect(lines[0].hasSuffix("80 of 80"))
        #expect(lines[21].hasPrefix("2025-12-05 07:00"), "the oldest generated session, 89 days ago")
        #expect(lines[4].hasPrefix("2025-12-24 07:00"), "scrolled so the last row is at the bottom")
        driver.press(.pageUp)
        #expect(driver.program.selectedIndex == 79 - 18)
        driver.press(.home)
        lines = driver.screen()
        #expect(lines[4].hasPrefix("2026-03-04 07:30"))
        driver.press(.up)
        #expect(driver.program.selectedIndex == 0, "stays on the first row")
    }

    @Test("the detail shows every set: target vs done, side, pain, the decision and its reason")
    func detail() {
        var driver = ReviewDriver()
        driver.press(.down, .enter)
        #expect(driver.program.view == .detail)
        var lines = driver.screen()
        #expect(lines[0].hasSuffix("2 of 80"))
        #expect(lines[3] == "2026-03-03 18:05 · Core basics · 6:02 · ended early · 8 of 20 sets")
        #expect(lines[4] == "Pain before → after: pain 4 → 6 worse · leg 4 → 6 worse · back 4 → 5")
        #expect(lines[5] == "red flag: see a clinician soon · spread 1× · stopped 1× · skipped Bird dog")
        #expect(lines[7] == "EXERCISE             SET SIDE   TARGET    DONE PAIN DECISION")
        #expect(lines[8] == "Sciatic nerve glide    1 left  10 reps 10 reps    3 keep")
        #expect(lines[11] == "Knee to chest          1 right    30 s    22 s    6 stopped · spread")
        #expect(lines[12] == "Glute bridge           1       10 reps 10 reps    6 reduced")
        #expect(lines[15] == "Pelvic tilt            2       10 reps 10 reps    5 keep")
        #expect(lines[20] == "No change after this set.")
        #expect(lines[23] == "↑/↓ set · ←/→ older/newer · esc back · tab view · ? help")
        driver.press(.down, .down, .down)
        lines = driver.screen()
        #expect(lines[20] == "Symptoms spread further down the leg: knee to chest stops here; next time the")
        #expect(lines[21] == "easier variant.")
        driver.press(.character("j"))
        #expect(driver.screen()[20] == "Pain 6 is above 5 → the next set is 7 reps instead of 10.")

        let small = driver.screen(40, 12)
        #expect(small[0] == "Detail · 2 of 80            1 2 3 4 5 6")
        #expect(small[1] == "2026-03-03 18:05 · 8/20 · ended early")
        #expect(small[2] == "pain 4 → 6 worse · leg 4 → 6 worse · ba…")
        #expect(small[3] == "EXERCISE                 SET   DONE PAIN")
        #expect(small[4] == "Sciatic nerve glide      1 L  10/10    3")
        #expect(small[7] == "Knee to chest            1 R 22/30s    6")
        #expect(small[10] == "reduced: Pain 6 is above 5 → the next…")
        #expect(small[11] == "←/→ older/newer · esc back · ? help")
    }

    @Test("in the detail ←/→ step to older and newer sessions; esc goes back to the list")
    func detailStepsAndBack() {
        var driver = ReviewDriver()
        driver.press(.enter)
        #expect(driver.screen()[3].hasPrefix("2026-03-04 07:30 · Gentle relief"))
        #expect(driver.screen()[4] == "Pain before → after: pain 3 → 1 better · leg 3 → 1 better · back 4 → 3")
        #expect(driver.screen()[5] == "No spread, stops, reductions or skips.")
        driver.press(.right)
        #expect(driver.program.selectedIndex == 0, "nothing newer than the newest")
        driver.press(.left)
        #expect(driver.screen()[3].hasPrefix("2026-03-03 18:05 · Core basics"))
        driver.press(.left)
        let interrupted = driver.screen()
        #expect(interrupted[3] == "2026-03-02 08:00 · Gentle relief · 1:35 · interrupted · 3 of 20 sets")
        #expect(interrupted[4] == "Pain before → after: pain 5 → - · leg 5 → - · back 4 → -")
        driver.press(.escape)
        #expect(driver.program.view == .sessions)
        #expect(driver.program.selectedIndex == 2, "the list keeps the session the detail showed")
        #expect(!driver.program.isFinished)
    }

    @Test("the pain trend: weekly leg and back pain before/after, only meaningful changes named")
    func trend() {
        var driver = ReviewDriver()
        driver.type("3")
        let lines = driver.screen()
        #expect(lines[0].hasSuffix("Dec 15 – Mar 4"))
        #expect(lines[1] == " 1 Sessions   2 Detail   3 Trend   4 Adherence   5 Progress   6 Outcomes")
        #expect(lines[3] == "Weekly average pain, 0-10 · left bar before a session, right bar after")
        #expect(lines[4] == "Leg pain                                 Back pain")
        #expect(lines[5] == "10┤                                      10┤")
        #expect(lines[9] == "  │ █▂ █▂ ▅  ▂  ▂  ▂                 ▂     │ ▂▂ ▂▂ ▂▂ ▂▂ ▂▂ ▂▂ ▂▂ ▂▂ ▂▂ ▂▂ ▂▂ ▂▂")
        #expect(lines[12] == " 0┤ ██ ██ ██ ██ ██ ██ ██ ██ ██ ██ ██ ██   0┤ ██ ██ ██ ██ ██ ██ ██ ██ ██ ██ ██ ██")
        #expect(lines[14] == "    Dec 15   Jan 5 Jan 19   Feb 9            Dec 15   Jan 5 Jan 19   Feb 9",
                "labels that would be cut at the edge (Feb 23) are left out")
        #expect(lines[16] == "First 2 rated weeks → last 2 (meaningful: 2+ points or 30%):")
        // -1.4 from 5.0 is 28%: not called better. -1.3 from 4.0 is 33%: better.
        #expect(lines[17] == "Leg pain before sessions  5.0 → 3.6  −1.4  no clear change")
        #expect(lines[18] == "Leg pain after sessions   4.0 → 2.7  −1.3  better")
        #expect(lines[19] == "Back pain before sessions 4.0 → 4.0  ±0.0  no clear change")
        #expect(lines[20] == "Back pain after sessions  4.0 → 4.0  ±0.0  no clear change")
        #expect(lines[21] == "Within sessions: leg 27 better, 1 worse of 70 · back 0 better, 0 worse of 70")
        #expect(lines[23] == "tab view · 1-6 views · q quit · ? help")

        let small = driver.screen(40, 12)
        #expect(small[0] == "Trend · Dec 15 – Mar 4      1 2 3 4 5 6")
        #expect(small[1] == "Weekly average pain, 0-10")
        #expect(small[2] == "      before        after")
        #expect(small[3] == "Leg   ▅▅▄▄▄▄▃▃▃▃▃▄  ▄▄▃▃▃▃▃▂▂▂▃▃")
        #expect(small[4] == "Back  ▄▄▄▄▄▄▄▄▄▄▄▄  ▄▄▄▄▄▄▄▄▄▄▄▄")
        #expect(small[5] == "Leg before  5.0 → 3.6 no clear change")
        #expect(small[6] == "Leg after   4.0 → 2.7 better")
        #expect(small[8] == "Back after  4.0 → 4.0 no clear change")
        #expect(small[9] == "meaningful: 2+ points or 30%")
    }

    @Test("adherence: 12-week calendar, sessions per week, 14 days, a streak that allows one missed day")
    func adherence() {
        var driver = ReviewDriver()
        driver.type("4")
        let lines = driver.screen()
        #expect(lines[3] == "Sessions over the last 12 weeks · one square a day")
        #expect(lines[4] == "  Dec   Jan         Feb         Mar")
        // This week: Monday interrupted after 3 of 20 sets (░), Tuesday 8 of 20 (▒), today all (█).
        #expect(lines[5] == "M █  ·  █  █  █  █  █  █  █  █  ·  ░    Last 14 days")
        #expect(lines[6] == "T █  █  █  █  █  █  ·  █  █  █  █  ▒    12 days with a session, plan 14")
        #expect(lines[7] == "W ▒  ▒  ·  ▒  ▒  ▒  ▒  ▒  ▒  ▒  ▒  █")
        // Last week missed Friday and Saturday: two days, so the streak is this week only.
        #expect(lines[8] == "T █  █  █  █  █  █  █  ·  █  █  █       Weekly streak")
        #expect(lines[9] == "F █  █  █  ·  █  █  █  █  █  █  █       1 week (1 missed day a week is fine)")
        #expect(lines[11] == "S █  █  █  █  ·  █  █  █  █  █  █       Your plan: 7 days a week", "the review's default plan: every day")
        #expect(lines[12] == "n 7  6  6  6  6  7  6  6  6  7  5  3    3 of 7 this week")
        #expect(lines[14] == "█ all planned sets  ▓ most  ▒ half  ░ a few  · none    n = sessions that week")

        let small = driver.screen(40, 12)
        #expect(small[0] == "Adherence · Dec 15 – Mar 4  1 2 3 4 5 6")
        #expect(small[1] == "  Dec Jan     Feb     Mar")
        #expect(small[2] == "M █ · █ █ █ █ █ █ █ █ · ░   14 days")
        #expect(small[3] == "T █ █ █ █ █ █ · █ █ █ █ ▒   12 · plan 14")
        #expect(small[5] == "T █ █ █ █ █ █ █ · █ █ █     1 week")
        #expect(small[7] == "S █ █ █ █ █ █ █ █ · █ ·     3 of 7")
        #expect(small[9] == "n 7 6 6 6 6 7 6 6 6 7 5 3")
        #expect(small[10] == "█ all ▓ most ▒ half ░ few · none")
    }

    @Test("progress: pick an exercise, then its volume and pain over time")
    func progress() {
        var driver = ReviewDriver()
        driver.type("5")
        var lines = driver.screen()
        #expect(lines[0].hasSuffix("3 exercises"))
        #expect(lines[3] == "Pick an exercise to see its volume and pain over time.")
        #expect(lines[5] == "EXERCISE                                                     SESSIONS LAST")
        #expect(lines[6] == "Knee to chest                                                      79 2026-03-04")
        #expect(lines[8] == "Glute bridge                                                       42 2026-03-03")
        let picker = driver.screen(40, 12)
        #expect(picker[1] == "EXERCISE             SESSIONS LAST")
        #expect(picker[2] == "Knee to chest              79 2026-03-04")

        driver.press(.enter)
        lines = driver.screen()
        #expect(lines[0].hasSuffix("exercise 1 of 3"))
        #expect(lines[3] == "Knee to chest · 40 sessions since 2025-12-16")
        #expect(lines[4] == "Seconds per session (all sets and sides)")
        #expect(lines[5].hasPrefix("180┤"))
        #expect(lines[5].hasSuffix("▁ ▁ ▁ ▂ ▂ ▃ ▃ ▃ ▄ ▄ ▅ ▅ ▅ ▆ ▆ ▇ ▇ ▇ █"))
        #expect(lines[12].hasPrefix("     Dec 20  Dec 28"))
        #expect(lines[13] == "Highest pain after a set, 0-10")
        #expect(lines[20] == "Volume 124 → 175 s a session (+41%), first 2 weeks → last 2 weeks")
        #expect(lines[21] == "Highest pain 5.0 → 2.9: better")
        #expect(lines[23] == "←/→ exercise · esc back · tab view · ? help")

        let small = driver.screen(40, 12)
        #expect(small[1] == "Knee to chest")
        #expect(small[2] == "seconds a session, last 40")
        #expect(small[3] == "▆▆▆▆▆▆▆▆▆▆▆▆▆▆▆▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇████████")
        #expect(small[5] == "▅▅▅▅▅▅▅▅▅▅▅▅▅▄▄▄▄▄▄▄▄▄▄▄▄▄▃▃▃▃▃▃▃▃▃▃▃▃▃▂")
        #expect(small[6] == "volume 124 → 175 s (+41%)")
        #expect(small[7] == "pain 5.0 → 2.9: better")
        #expect(small[8] == "40 sessions since 2025-12-16")

        driver.press(.right)
        #expect(driver.screen()[3] == "Pelvic tilt", "no sets in the fixture for it")
        #expect(driver.screen()[5] == "No sets of this exercise are logged.")
        driver.press(.escape)
        #expect(driver.screen()[3] == "Pick an exercise to see its volume and pain over time.")
        #expect(driver.screen()[7].hasPrefix("Pelvic tilt"))
    }

    @Test("? shows the keys at both sizes; any key closes it")
    func help() {
        var driver = ReviewDriver()
        driver.type("?")
        let lines = driver.screen()
        #expect(lines.contains { $0.contains("┌─ Review keys ") })
        #expect(lines.contains { $0.contains("│ tab 1-6    switch view") })
        #expect(lines.contains { $0.contains("│ esc q      back, or quit") })
        let small = driver.screen(40, 12)
        #expect(small[0] == "┌─ Review keys ───────────────────────┐")
        #expect(small[5] == "│ ←/→        older/newer (views 2, 5) │")
        #expect(small[10] == "│ any key closes this help            │")
        let commands = driver.press(.character("q"))
        #expect(commands.isEmpty, "q closes the help, it does not quit")
        #expect(!driver.program.showsHelp)
        #expect(driver.screen()[3].hasPrefix("DATE"))
    }

    @Test("tab cycles the views, 1-6 jump, q quits from a top view")
    func switching() {
        var driver = ReviewDriver()
        var seen: [ReviewView] = []
        for _ in 0..<6 {
            driver.press(.character("\t"))
            seen.append(driver.program.view)
        }
        #expect(seen == [.detail, .trend, .adherence, .progress, .outcomes, .sessions])
        driver.type("4")
        #expect(driver.program.view == .adherence)
        #expect(driver.screen()[1] == " 1 Sessions   2 Detail   3 Trend   4 Adherence   5 Progress   6 Outcomes")
        #expect(driver.press(.character("q")) == [.quit])
        #expect(driver.program.isFinished)
        var other = ReviewDriver()
        #expect(other.press(.escape) == [.quit], "esc on the list quits too")
    }

    @Test("an empty history: every view says what to do, at both sizes")
    func emptyHistory() {
        var driver = ReviewDriver(source: FixtureReviewSource())
        var lines = driver.screen()
        #expect(lines[0].hasSuffix("no sessions yet"))
        #expect(lines[3] == "No sessions yet.")
        #expect(lines[5] == "Start one with `limber start` (or just `limber`): every set you rate is saved,")
        var small = driver.screen(40, 12)
        #expect(small[1] == "No sessions yet.")
        #expect(small[3] == "Start one with `limber start` (or just")
        driver.press(.enter, .down, .end)
        #expect(!driver.program.isFinished)

        driver.type("2")
        #expect(driver.screen()[8] == "Then pick a session in view 1 and press enter to see every set.")
        driver.type("3")
        lines = driver.screen()
        #expect(lines[3] == "No pain ratings yet.")
        #expect(lines[5] == "Rate your pain before and after a session (`limber start`) and the weekly trend")
        small = driver.screen(40, 12)
        #expect(small[1] == "No pain ratings yet.")
        driver.type("4")
        lines = driver.screen()
        #expect(lines[3] == "No sessions yet.")
        #expect(lines[5] == "Do a session with `limber start`: each day with a session fills a square of the")
        #expect(driver.screen(40, 12)[3] == "Do a session with `limber start`: each")
        driver.type("5")
        lines = driver.screen()
        #expect(lines[3] == "No exercises logged yet.")
        #expect(lines[5] == "Do a session with `limber start`; then pick an exercise here to see its volume")
        #expect(driver.screen(40, 12)[1] == "No exercises logged yet.")
    }

    @Test("only old sessions: trend and adherence say there is nothing in the last 12 weeks")
    func nothingRecent() {
        let old = ReviewFixtures.generated.map { session -> ReviewSession in
            var moved = session
            moved.day = session.day.adding(days: -200)
            return moved
        }
        var driver = ReviewDriver(source: FixtureReviewSource(sessions: old))
        driver.type("3")
        #expect(driver.screen()[3] == "No pain ratings in the last 12 weeks.")
        driver.type("4")
        #expect(driver.screen()[3] == "No sessions in the last 12 weeks.")
    }

    @Test("a log that cannot be read is one line, not a crash")
    func readError() {
        let source = ReviewFixtures.source()
        source.failure = FixtureError()
        let driver = ReviewDriver(source: source)
        #expect(driver.screen()[3] == "Could not read the log: disk I/O error")
        #expect(driver.screen(40, 12)[1] == "Could not read the log: disk I/O error")
    }

    @Test("five years of history are read a page at a time, around the selection")
    func lazyPaging() {
        let days = 5 * 365 + 1
        let many = (0..<days).map { ago in
            ReviewSession(id: Int64(days - ago), day: ReviewFixtures.day(ago), startMinute: 420, routineName: "Gentle relief",
                          durationSeconds: 600, setsDone: 33, setsPlanned: 36, status: .completed, painBefore: 4, painAfter: 3)
        }
        let source = FixtureReviewSource(sessions: many)
        var driver = ReviewDriver(source: source)
        #expect(source.pageRequests.map(\.offset) == [0], "the first screen reads one page of 100")
        #expect(driver.screen()[0].hasSuffix("1 of 1,826"))
        driver.press(.end)
        #expect(driver.screen()[21].hasPrefix(ReviewFixtures.day(1825).isoText + " 07:00"), "the oldest of 1,826 daily sessions")
        #expect(source.pageRequests.map(\.offset) == [0, 1800], "the last page only: its rows fill the screen")
        for _ in 0..<30 { driver.press(.pageUp) }
        #expect(source.pageRequests.map(\.offset) == [0, 1800, 1700, 1600, 1500, 1400, 1300, 1200],
                "paging back reads only the pages it passes")
        #expect(driver.screen()[4].hasPrefix(ReviewFixtures.day(driver.program.selectedIndex).isoText))
        #expect(source.windowRequests == 0, "the 12-week window is read only when its views open")
        driver.type("3")
        #expect(source.windowRequests == 1)
    }

    @Test("a resize keeps the selection on screen")
    func resizeKeepsSelection() {
        var driver = ReviewDriver()
        for _ in 0..<15 { driver.press(.down) }
        driver.resize(40, 12)
        let small = driver.screen(40, 12)
        #expect(small[10].hasPrefix(driver.program.session(at: 15)!.day.isoText))
    }

    @Test("through the run loop on a fake terminal: first frame, keys, quit")
    func runLoop() {
        let clock = ManualClock()
        let terminal = FakeTerminal(size: Size(width: 80, height: 24), clock: clock, script: [
            .key(.down, at: .seconds(1)), .key(.enter, at: .seconds(2)),
            .resize(to: Size(width: 40, height: 12), at: .seconds(3)),
            .key(.escape, at: .seconds(4)), .key(.character("q"), at: .seconds(5)),
        ])
        var program = ReviewProgram(source: ReviewFixtures.source(), today: ReviewFixtures.today, size: terminal.size)
        let outcome = RunLoop(terminal: terminal, clock: clock).run(&program)
        #expect(outcome == .quit)
        #expect(terminal.drawnGrids[0].lines[4].hasPrefix("2026-03-04 07:30"))
        #expect(terminal.drawnGrids[2].lines[3].hasPrefix("2026-03-03 18:05 · Core basics"))
        #expect(terminal.drawnGrids[3].lines[0] == "Detail · 2 of 80            1 2 3 4 5 6")
        #expect(terminal.lines[0] == "Sessions · 2 of 80          1 2 3 4 5 6")
        #expect(terminal.requestedTimeouts.allSatisfy { $0 == nil }, "an idle review blocks on the next key")
    }
}
