import MonotonicTime
import TUIKit
import Testing
import CoachUI

/// "Hurt is not harm" (issue 12) at 80x24 and 40x12, and from the welcome's `a` key.
@Suite("pain education screen")
struct PainEducationScreenTests {
    /// The screen's words with line breaks and indents as single spaces (wrapping moves them).
    static func flat(_ lines: [String]) -> String {
        lines.joined(separator: " ").split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    @Test("80x24: every point of CLINICAL's pain education on one screen, premise first")
    func roomy() {
        let lines = KeyDriver(PainEducationProgram()).screen()
        let text = Self.flat(lines)
        #expect(lines[0].hasPrefix("limber · hurt is not harm"))
        #expect(lines[3].hasPrefix("  Hurt is not harm. Some pain while you exercise is normal"))
        for words in ["does not mean you are damaging", "staying active helps most", "strong core",
                      "Flares happen, and they settle", "On a bad day", "short walk", "position that eases"] {
            #expect(text.contains(words), "missing: \(words)")
        }
        #expect(!text.contains("↓ more"), "fits at 80x24")
        #expect(lines[23].hasPrefix("enter done"))
    }

    @Test("40x12: the premise first, ↓ scrolls to the bad-day advice, Enter closes")
    func compact() {
        var driver = KeyDriver(PainEducationProgram())
        let first = driver.screen(40, 12)
        #expect(first[1].hasPrefix(" Hurt is not harm."))
        #expect(first.joined().contains("↓ more"))
        for _ in 0..<40 { driver.press(.down) }
        let last = Self.flat(driver.screen(40, 12))
        #expect(last.contains("toward your back is a good sign"))
        #expect(!driver.program.isFinished)
        driver.press(.enter)
        #expect(driver.program.isFinished)
    }

    @Test("the welcome opens it with a and comes back to the choices")
    func fromWelcome() {
        var driver = KeyDriver(WelcomeProgram(dataLocation: "/tmp/x", choices: [
            .init(routineID: "five-minute", name: "Five-minute minimum", summary: "The bad-day minimum."),
        ]))
        #expect(driver.screen()[23].contains("a about pain"))
        driver.press(.character("a"))
        #expect(driver.screen()[0].hasPrefix("limber · hurt is not harm"))
        driver.press(.enter)
        #expect(driver.screen()[0].hasPrefix("limber · welcome"))
        #expect(driver.program.result == nil, "closing the screen does not start anything")
    }
}
