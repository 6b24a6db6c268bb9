import CoachPolicy
import CoachUI
import ExerciseCatalog
import Foundation
import MonotonicTime
import SessionEngine
import Testing
import TestSupport
import TUIKit

/// The main screens, every line of the grid at 80x24 and 40x12, as ratatui's TestBackend tests
/// assert whole buffers. The expected screens are text files in `Screens/`, one per screen and
/// size, so a change to a screen shows up as a readable diff in review. A missing file (or
/// LIMBER_RECORD_SCREENS=1) writes it and fails the test, so a screen is never accepted unseen.
@Suite("whole screens at 80x24 and 40x12")
struct WholeScreenTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 40, height: 12)]

    static func expectScreen(_ grid: Grid, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Screens/\(name)-\(grid.size.width)x\(grid.size.height).txt")
        let actual = grid.lines.joined(separator: "\n") + "\n"
        let record = ProcessInfo.processInfo.environment["LIMBER_RECORD_SCREENS"] == "1"
        guard !record, let expected = try? String(contentsOf: file, encoding: .utf8) else {
            try? actual.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded \(file.lastPathComponent): read it, then run again", sourceLocation: sourceLocation)
            return
        }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(grid.lines == expectedLines, "\(file.lastPathComponent)", sourceLocation: sourceLocation)
    }

    @Test("review: the session list and one session's detail")
    func review() {
        for size in Self.sizes {
            var driver = ReviewDriver(size: size)
            Self.expectScreen(driver.program.render(size: size, now: driver.now), "review-list")
            driver.press(.down, .enter)
            Self.expectScreen(driver.program.render(size: size, now: driver.now), "review-detail")
        }
    }

    @Test("the routine picker")
    func picker() {
        for size in Self.sizes {
            let picker = RoutinePickerProgram(choices: RoutinePickerTests.choices)
            Self.expectScreen(picker.render(size: size, now: Instant(nanoseconds: 0)), "picker")
        }
    }

    @Test("a session: the intro, a hold, the pain question, the notice after pain 7, the summary")
    func session() {
        for size in Self.sizes {
            var driver = ProgramDriver()
            Self.expectScreen(driver.program.render(size: size, now: driver.now), "session-check-in")
            driver.type("3")  // one key answers
            Self.expectScreen(driver.program.render(size: size, now: driver.now), "session-intro")
            driver.press(.enter)
            Self.expectScreen(driver.program.render(size: size, now: driver.now), "session-get-ready")
            driver.wait(SessionOptions().firstGetReady.secondsDouble)
            driver.wait(10)
            Self.expectScreen(driver.program.render(size: size, now: driver.now), "session-hold")
            driver.wait(20)
            Self.expectScreen(driver.program.render(size: size, now: driver.now), "session-pain")
            driver.type("7")
            Self.expectScreen(driver.program.render(size: size, now: driver.now), "session-notice")
            driver.press(.character("q"))
            driver.press(.character("y"))
            Self.expectScreen(driver.program.render(size: size, now: driver.now), "session-summary")
        }
    }
}
