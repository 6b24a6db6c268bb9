import MonotonicTime
import CoachPolicy
import TUIKit
import Foundation
import Testing
import TestSupport
import CoachUI
import ExerciseCatalog
import SessionEngine

/// Every session screen rendered at 80x24 and 40x12, asserting the lines a person reads.
@Suite("session screens")
struct SessionScreenTests {
    /// Check-in answered with 3, intro shown.
    func atIntro() -> ProgramDriver {
        var driver = ProgramDriver()
        driver.type("3")  // one key answers
        return driver
    }

    @Test("check-in asks today's pain on the 0-10 scale, with bands")
    func checkIn() {
        var driver = ProgramDriver()
        var lines = driver.screen()
        #expect(lines[0].hasPrefix("limber · test routine"))
        #expect(lines[2] == "  Before you start")
        #expect(lines[4] == "  How is your pain right now, 0-10?")
        #expect(lines[6].contains("0   1   2   3   4   5   6   7   8   9  10"))
        #expect(lines[7].contains("└─── fine ───┘  └ ok ┘  └─── too much ───┘"))
        #expect(lines[23] == "0-9/t pain · ←/→ move · enter confirm · q end · ? help")
        for _ in 0..<5 { driver.press(.right) }  // 0 first, then up to 4
        lines = driver.screen()
        #expect(lines[6].contains("3  [4]  5"))
        #expect(lines[9] == "  4 chosen · enter to confirm")
        let small = driver.screen(40, 12)
        #expect(small[3] == "    0  1  2  3 [4] 5  6  7  8  9 10")
        #expect(small[4] == "   0-3 fine · 4-5 ok · 6-10 too much")
        #expect(small[11] == "0-9/t pain · ←/→ move · enter confirm")
    }

    @Test("the intro shows steps, cues, stop-if and the figure; the small one keeps the steps")
    func intro() {
        let driver = atIntro()
        let lines = driver.screen()
        #expect(lines[0].hasSuffix("exercise 1 of 3 · 00:00"), "one key from the check-in: no time passed")
        #expect(lines[2].hasPrefix("Knee to chest"))
        #expect(lines[2].hasSuffix("2 x 30 s each side"))
        #expect(lines[4].hasPrefix("  1. Lie on your back with both knees bent."))
        #expect(lines[4].hasSuffix("____"))
        #expect(lines[6].contains("o__/____\\__"))
        #expect(lines[9] == "  Stop if: Pain or tingling spreads further down your leg.", "warning signs right after the steps")
        #expect(lines[11] == "  • Breathe out as you pull.")
        #expect(lines[23] == "enter begin · ↑/↓ scroll · s skip · q end · ? help")
        let small = driver.screen(40, 12)
        #expect(small[1] == "Knee to chest         2 x 30 s each side")
        #expect(small[2] == " 1. Lie on your back with both knees")
        #expect(!small.joined().contains("o__/"), "no room for the figure at 40x12")
    }

    @Test("at 40x12 a long intro scrolls with ↓ until the stop signs and cues are in view")
    func introScrollsOnSmallTerminals() {
        var driver = atIntro()
        var small = driver.screen(40, 12)
        #expect(small[10].hasSuffix("↓ more"))
        #expect(!small.joined().contains("No bouncing."))
        for _ in 0..<20 { driver.press(.down) }
        small = driver.screen(40, 12)
        #expect(small.contains { $0.contains("• No bouncing.") })
        #expect(small.contains { $0.contains("Stop if: Pain or tingling spreads") })
        #expect(!small[10].hasSuffix("↓ more"))
        #expect(driver.program.engine.state.phase.kind == .intro, "scrolling does not start the exercise")
        for _ in 0..<20 { driver.press(.up) }
        #expect(driver.screen(40, 12)[2] == " 1. Lie on your back with both knees")
    }

    @Test("a hold counts down in big digits with a gauge, and shows the side")
    func hold() {
        var driver = atIntro()
        driver.press(.enter)
        var lines = driver.screen()
        #expect(lines[2].hasSuffix("set 1 of 2 · LEFT side"))
        #expect(lines.contains { $0.contains("Lie on your back with both knees bent.") }, "the first step under the get-ready")
        driver.wait(5)
        driver.wait(10)
        lines = driver.screen()
        #expect(lines.contains { $0.hasSuffix("10 of 30 s") && $0.hasPrefix("  █████████████████████░") }, "a third of the bar is filled")
        #expect(lines[21] == "  Stop if: Pain or tingling spreads further down your leg.")
        let small = driver.screen(40, 12)
        #expect(small[2].contains("HOLD"))
        #expect(small[3].contains("█████   ████"), "20 in block digits")
        #expect(small[9].hasSuffix("10 of 30 s"))
        #expect(small[10] == " Stop if: Pain or tingling spreads…", "the stop line is cut, never dropped")
    }

    @Test("tiny terminals get plain digits instead of block digits")
    func plainDigitsWhenTooSmall() {
        var driver = atIntro()
        driver.press(.enter)
        driver.wait(5)
        let tiny = driver.screen(40, 10)
        #expect(tiny.contains { $0.trimmingCharacters(in: .whitespaces) == "30" })
        #expect(!tiny.joined().contains("████"))
    }

    @Test("pausing freezes the countdown and says so")
    func paused() {
        var driver = atIntro()
        driver.press(.enter)
        driver.wait(5)
        driver.press(.character("p"), after: 10)
        let frozen = driver.screen()
        driver.wait(30)
        #expect(driver.screen() == frozen)
        #expect(frozen.joined(separator: "\n").contains("┌─ Paused"))
        #expect(frozen.contains { $0.contains("p resumes · q ends") })
        #expect(frozen[23] == "p resume · s skip · q end")
    }

    @Test("the pain prompt after a set shows the set, the scale and the spread mark")
    func painPrompt() {
        var driver = atIntro()
        driver.press(.enter)
        driver.wait(5)
        driver.wait(30)
        driver.type("l")
        for _ in 0..<5 { driver.press(.right) }  // from the check-in's 3 up to 7
        let lines = driver.screen()
        #expect(lines[4] == "  Knee to chest · set 1 of 2 done (left) · 30 s")
        #expect(lines[6] == "  Leg pain right now?")
        #expect(lines[8].contains("6  [7]  8"))
        #expect(lines[11] == "  l  [x] it spread further down my leg (l first)")
        #expect(lines[12] == "  b  [ ] it moved up toward my back")
        #expect(lines[23] == "0-9/t pain · ←/→ move · l spread · b toward back · enter confirm · q end")
        let small = driver.screen(40, 12)
        #expect(small[6] == " l  [x] it spread further down my leg")
        driver.type("b")
        #expect(driver.screen()[11] == "  l  [ ] it spread further down my leg (l first)", "the two marks exclude each other")
        #expect(driver.screen()[12] == "  b  [x] it moved up toward my back")
    }

    @Test("s during a hold asks why in one key; too painful counts like a rating and says so")
    func skipReason() {
        var driver = atIntro()
        driver.press(.enter)
        driver.wait(5)
        driver.wait(4)
        driver.type("s")
        let lines = driver.screen()
        #expect(lines[4] == "  Skipping Knee to chest · 4 s of 30 s")
        #expect(lines[6] == "  Why?")
        #expect(lines[8] == "  p  too painful")
        #expect(lines[9] == "  l  spread down the leg")
        #expect(lines[10] == "  t  no time")
        #expect(lines[11] == "  o  other")
        #expect(lines[23] == "p too painful · l spread down the leg · t no time · o other · q end")
        let small = driver.screen(40, 12)
        #expect(small.contains(" p  too painful"))
        driver.type("p")
        let notice = driver.screen().joined(separator: " ")
        #expect(notice.contains("Skipped: too painful, which counts like a rating."))
        #expect(notice.contains("stopping Knee to chest for today"))
    }

    @Test("an offered last answer is shown as such, and Enter to keep it stays in the footer at 40x12")
    func offeredAnswer() {
        var driver = atIntro()
        driver.press(.enter)
        driver.wait(5)
        driver.wait(30)
        driver.type("2")      // left side
        driver.press(.enter)  // right side now
        driver.wait(30.1)
        let lines = driver.screen()
        #expect(lines[8].contains("1  [2]  3"))
        #expect(lines[14] == "  2 was your last answer · enter keeps it · or press 0-9, t = 10")
        #expect(driver.screen(40, 12)[11] == "0-9/t pain · l spread · enter keep 2")
        #expect(driver.sink.loggedSets.count == 1, "offered, not logged")
    }

    @Test("the adjustment notice gives the decision and its reason in plain words")
    func adjustmentNotice() {
        var driver = atIntro()
        driver.press(.enter)
        driver.wait(5)
        driver.wait(30)
        driver.type("8")
        let lines = driver.screen()
        #expect(lines[4] == "  Stopping this exercise")
        #expect(lines[6].hasPrefix("  Pain 8"))
        #expect(lines.contains { $0.contains("continues in 4 s · enter now") })
    }

    @Test("rest counts down and says what comes next")
    func rest() {
        var driver = atIntro()
        driver.press(.enter)
        driver.wait(5)
        driver.wait(30)
        driver.type("2") // left rated: side switch
        driver.press(.enter) // start right now
        driver.wait(30.1)
        driver.press(.enter) // the left side's 2 is offered again: Enter keeps it
        let lines = driver.screen()
        #expect(lines.contains { $0.contains("█████  ██████  █████ ██████") }, "REST in block letters")
        #expect(lines.contains { $0.contains("Next: set 2 of 2, LEFT side. Enter skips the rest.") })
        #expect(lines[2].hasSuffix("set 2 of 2 · LEFT side"))
        #expect(driver.sink.loggedSets.map(\.pain) == [2, 2])
    }

    @Test("self-paced reps show the count against the target, and past it as such")
    func selfPacedReps() {
        var driver = atIntro()
        driver.press(.character("s")) // skip knee to chest
        driver.press(.enter)          // pelvic tilt intro -> get ready
        driver.wait(5)
        driver.type("   ")
        var lines = driver.screen()
        #expect(lines[2].hasPrefix("Pelvic tilt"))
        #expect(lines.contains { $0.contains("REPS 3 of 10") })
        #expect(lines.contains { $0.hasSuffix("3 of 10 reps") })
        #expect(lines[23] == "space count rep · enter done · u undo · p pause · s skip · q end · ? help")
        driver.type(String(repeating: " ", count: 40))
        lines = driver.screen()
        #expect(lines.contains { $0.contains("REPS 20 of 10 · 10 over the target") })
        #expect(lines.contains { $0.contains("That is twice the target: no more are counted.") })
        driver.press(.character("u"))
        #expect(driver.screen().contains { $0.contains("REPS 19 of 10 · 9 over the target") })
    }

    @Test("tempo reps name the phase and the rep")
    func tempoReps() {
        var driver = atIntro()
        driver.press(.character("s"))
        driver.press(.character("s"))
        driver.press(.enter)
        driver.wait(5)
        var lines = driver.screen()
        #expect(lines.contains { $0.contains("UP · rep 1 of 10 · 2 s") })
        #expect(lines.contains { $0.contains("Move slowly into the position. Squeeze first.") })
        driver.wait(2)
        lines = driver.screen()
        #expect(lines.contains { $0.contains("HOLD · rep 1 of 10 · 3 s") })
    }

    @Test("the summary lists time, sets, pain before and after, and every change with its reason")
    func summary() {
        var driver = atIntro()
        driver.press(.enter)
        driver.wait(5)
        driver.wait(30)
        driver.type("7")  // pain 7 -> reduce
        driver.press(.character("q"))
        var lines = driver.screen()
        #expect(lines.contains { $0.contains("End the session now? Every set you rated is") })
        driver.press(.character("y"))
        lines = driver.screen()
        #expect(lines[2] == "  Session ended early. Everything you did is saved.")
        #expect(lines[4].hasPrefix("  time 00:"))
        #expect(lines[4].hasSuffix("sets 1 of 8 · pain 3 → 7"))
        #expect(lines[6] == "  What changed and why:")
        #expect(lines[7].hasPrefix("  • Knee to chest, set 1 left: Pain 7"))
        #expect(lines[23] == "enter close · a about pain")
        // At 40 columns the facts wrap between facts, never inside one ("pain 3 →" / "7").
        #expect(driver.screen(40, 12)[3].hasSuffix(" · sets 1 of 8 · pain 3 → 7"))
        let narrow = driver.screen(30, 12)
        #expect(narrow.contains { $0.hasSuffix(" · sets 1 of 8") } && narrow.contains(" pain 3 → 7"), "\(narrow)")
        #expect(driver.sink.sessionEnds.count == 1)
        driver.press(.enter)
        #expect(driver.program.isFinished)
    }

    @Test("sets the log could not take are never called saved: the header, the quit question and the summary say so, and Enter retries")
    func unsavedSetsAreShown() {
        struct DiskFull: Error, CustomStringConvertible { var description: String { "cannot write /d/limber.sqlite: the disk is full" } }
        var driver = atIntro()
        driver.press(.enter)
        driver.wait(5)
        driver.wait(30)
        driver.sink.failure = DiskFull()
        driver.type("2")
        var lines = driver.screen()
        #expect(lines[0].hasSuffix("1 not saved (disk full), retrying"))
        driver.press(.character("q"))
        lines = driver.screen()
        #expect(lines.contains { $0.contains("1 rated set not saved yet") })
        #expect(!lines.contains { $0.contains("already saved") })
        driver.press(.character("y"))
        lines = driver.screen()
        let text = lines.joined(separator: "\n")
        #expect(text.contains("NOT SAVED"))
        #expect(!text.contains("Everything you did is saved"))
        #expect(lines[23] == "enter try again · q leave unsaved")
        driver.press(.enter)
        #expect(!driver.program.isFinished, "Enter must not close the summary while a set is unsaved")
        // Space returns: the next retry (a tick, or Enter) writes the set, in order, before the end.
        driver.sink.failure = nil
        driver.wait(2)
        #expect(driver.sink.unsavedCount == 0)
        #expect(driver.sink.loggedSets.count == 1)
        lines = driver.screen()
        #expect(lines[2] == "  Session ended early. Everything you did is saved.")
        driver.press(.enter)
        #expect(driver.program.isFinished)
    }

    @Test("help opens over any screen, pauses a running hold, and any key closes it")
    func helpPausesTheHold() {
        var driver = atIntro()
        driver.press(.enter)
        driver.wait(5)
        driver.press(.character("?"), after: 3)
        #expect(driver.program.engine.state.isPaused)
        #expect(driver.screen().contains { $0.contains("q        end the session (asks; sets are kept)") })
        driver.wait(60)
        driver.press(.character("x"))
        #expect(!driver.program.engine.state.isPaused)
        #expect(driver.program.engine.state.remaining(at: driver.now) == .seconds(27))
    }

    @Test("a log that cannot be written is shown in the header and the session goes on")
    func logFailureIsShown() {
        struct DiskFull: Error, CustomStringConvertible { var description: String { "disk full" } }
        var driver = ProgramDriver()
        driver.sink.failure = DiskFull()
        driver.type("2")
        #expect(driver.screen()[0].hasSuffix("1 not saved (disk full), retrying"))
        #expect(driver.program.engine.state.phase.kind == .intro)
    }

    @Test("the header names a file size limit (ulimit -f) as the reason a set is not saved")
    func fileSizeLimitIsNamed() {
        struct Limit: Error, CustomStringConvertible {
            var description: String { "cannot write /d/limber.sqlite: the file size limit of this shell (ulimit -f, 8 KB) is too small" }
        }
        var driver = ProgramDriver()
        driver.sink.failure = Limit()
        driver.type("2")
        #expect(driver.screen()[0].hasSuffix("1 not saved (file size limit), retrying"))
    }

    @Test("bells ring when a hold starts and in its last seconds, not with --quiet")
    func bells() {
        var driver = atIntro()
        driver.press(.enter)
        #expect(driver.wait(5).contains(.bell))
        #expect(!driver.wait(20).contains(.bell))
        #expect(driver.wait(7.5).contains(.bell))
        var quiet = ProgramDriver()
        quiet.program = SessionProgram(engine: SessionEngine(plan: ScreenFixtures.plan, options: ProgramDriver.fixedOptions), sink: quiet.sink,
                                       ringsBells: false, startingAt: quiet.now)
        quiet.type("2")
        quiet.press(.enter)
        #expect(quiet.wait(5).isEmpty)
    }
}
