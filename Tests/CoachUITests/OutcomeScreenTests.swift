import MonotonicTime
import CoachPolicy
import TUIKit
import Testing
import CoachUI

/// The weekly outcome screens (PEG, PSFS) and the weekly plan, at 80x24 and 40x12.
@Suite("weekly outcome screens")
struct OutcomeScreenTests {
    @Test("PEG: three questions, one key each (t = 10), b goes back, the answers come out as PEGAnswers")
    func peg() {
        var driver = KeyDriver(PEGProgram())
        var lines = driver.screen()
        #expect(lines[0].hasPrefix("limber · weekly: PEG"))
        #expect(lines[0].hasSuffix("1 of 3"))
        #expect(lines[3] == "  Once a week, three questions about the past 7 days (the PEG scale).")
        #expect(lines[5] == "  What number best describes your pain on average in the past week?")
        #expect(lines[7].contains(" 0   1   2   3   4   5   6   7   8   9  10"))
        #expect(lines[8].contains("0 = no pain · 10 = pain as bad as you can imagine"))
        #expect(lines[23] == "0-9/t answer · s skip this week · b back · ←/→ move · q quit")
        driver.press(.character("6"))
        lines = driver.screen()
        #expect(lines[0].hasSuffix("2 of 3"))
        #expect(lines.contains("  So far: 6"))
        driver.press(.character("8"), .character("b"))
        #expect(driver.screen()[0].hasSuffix("2 of 3"), "b takes back the second answer")
        #expect(driver.screen().contains { $0.contains("[8]") }, "and offers it again")
        driver.press(.character("7"), .character("t"))
        #expect(driver.program.result == .answered(PEGAnswers(pain: 6, enjoyment: 7, activity: 10)))

        let small = KeyDriver(PEGProgram()).screen(40, 12)
        #expect(small[0] == "limber · weekly: PEG              1 of 3")
        #expect(small[1] == " What number best describes your pain")
        #expect(small[2] == " on average in the past week?")
        #expect(small[4].contains("0  1  2  3  4  5  6  7  8  9 10"))
        #expect(small[5] == " 0 = no pain")
        #expect(small[6] == " 10 = pain as bad as you can imagine")
        #expect(small[11] == "0-9/t answer · s skip this week · q quit")
    }

    @Test("PEG: s skips the week, q leaves")
    func pegSkip() {
        var skip = KeyDriver(PEGProgram())
        skip.press(.character("4"), .character("s"))
        #expect(skip.program.result == .skipped)
        var quit = KeyDriver(PEGProgram())
        quit.press(.character("q"))
        #expect(quit.program.result == .quit)
    }

    @Test("PSFS, first time: typing a name starts naming with it; s is a letter there, not a skip; Esc skips")
    func psfsTypingStartsNaming() {
        var typed = KeyDriver(PSFSProgram(activities: []))
        typed.type("sit")
        #expect(typed.program.result == nil && typed.program.stage == .naming)
        #expect(typed.program.typing == "sit")
        var skipped = KeyDriver(PSFSProgram(activities: []))
        skipped.press(.escape)
        #expect(skipped.program.result == .skipped)
    }

    @Test("PSFS, first time: n starts naming, Enter adds, 3-5 names, then each is rated with one key")
    func psfsNaming() {
        var driver = KeyDriver(PSFSProgram(activities: []))
        var lines = driver.screen()
        #expect(lines[0] == "limber · weekly: activities")
        #expect(lines[3] == "  Which everyday activities are hard because of your back or leg?")
        #expect(lines[23] == "n name them · esc skip this week · q quit")
        let small = driver.screen(40, 12)
        #expect(small[1] == " Which everyday activities are hard")
        #expect(small[11] == "n name them · esc skip this week", "q still quits; the narrow bar keeps the two that matter")
        driver.press(.character("n"))
        driver.type("sit for an hour")
        driver.press(.enter)
        driver.type("put on socks")
        driver.press(.enter, .enter)
        lines = driver.screen()
        #expect(lines.contains("  Name at least 3 activities."), "Enter on an empty line with 2 names asks for more")
        driver.type("Put on socks")
        driver.press(.enter)
        #expect(driver.screen().contains { $0.contains("is on the list already") })
        for _ in 0..<"Put on socks".count { driver.press(.backspace) }
        driver.type("walk to the shop")
        driver.press(.enter)
        lines = driver.screen()
        #expect(lines[0].hasSuffix("3 named"))
        #expect(lines[5] == "    1  sit for an hour")
        #expect(lines[7] == "    3  walk to the shop")
        #expect(lines[8] == "  › ▏")
        driver.press(.enter)
        lines = driver.screen()
        #expect(lines[0].hasSuffix("1 of 3"))
        #expect(lines[5] == "  sit for an hour")
        #expect(lines[8].contains("0 = unable · 10 = as before"))
        let rating = driver.screen(40, 12)
        #expect(rating[0] == "limber · weekly: activities       1 of 3")
        #expect(rating[1] == " sit for an hour")
        #expect(rating[11] == "0-9/t answer · s skip this week · q quit")
        driver.press(.character("3"), .character("4"), .character("6"))
        #expect(driver.program.namedHere)
        #expect(driver.program.result == .answered([
            PSFSRating(activity: "sit for an hour", rating: 3), PSFSRating(activity: "put on socks", rating: 4),
            PSFSRating(activity: "walk to the shop", rating: 6),
        ]))
    }

    @Test("PSFS with named activities rates them at once; Esc while naming skips the week")
    func psfsNamedAndSkip() {
        var driver = KeyDriver(PSFSProgram(activities: ["sit", "stand", "walk"]))
        driver.press(.character("5"), .character("s"))
        #expect(driver.program.result == .skipped)
        #expect(!driver.program.namedHere)
        var naming = KeyDriver(PSFSProgram(activities: []))
        naming.press(.character("n"), .character("s"), .escape)
        #expect(naming.program.result == .skipped, "s is a letter of a name while naming; Esc skips")
    }

    @Test("the weekly plan: 1-7 answers, Enter keeps the current plan")
    func weeklyPlan() {
        var driver = KeyDriver(WeeklyPlanProgram(current: 3))
        let lines = driver.screen()
        #expect(lines[0] == "limber · your weekly plan")
        #expect(lines[3] == "  How many days a week do you mean to do a session?")
        #expect(lines[5] == "    1  2  3  4  5  6  7    (enter: 3)")
        #expect(lines[23] == "1-7 days a week · enter keep 3 · q quit")
        let small = driver.screen(40, 12)
        #expect(small[1] == " How many days a week do you mean to do")
        #expect(small[11] == "1-7 days a week · enter keep 3 · q quit")
        driver.press(.character("9"))
        #expect(driver.program.answer == nil, "9 is not a number of days")
        driver.press(.character("5"))
        #expect(driver.program.answer == 5)
        var keep = KeyDriver(WeeklyPlanProgram(current: 3))
        keep.press(.enter)
        #expect(keep.program.answer == 3)
    }
}
