import MonotonicTime
import CoachPolicy
import ExerciseCatalog
import Testing
import TestSupport
@testable import SessionEngine

@Suite("Pain prompt keys")
struct PainPromptTests {
    private func atCheckIn() -> Harness {
        var h = Harness(Fixtures.plan(Fixtures.catCow))
        h.send { .start(now: $0) }
        return h
    }

    private func typed(_ digits: [Int]) -> Int? {
        var h = atCheckIn()
        for digit in digits { h.send { .painDigit(digit, now: $0) } }
        return h.state.painPrompt?.selection
    }

    @Test func oneDigitAnswersAtOnce() {
        for digit in 0...9 {
            var h = atCheckIn()
            h.send { .painDigit(digit, now: $0) }
            #expect(h.state.checkInPain == digit)
            #expect(h.phase == .intro)
        }
        var h = atCheckIn()
        h.send { .painDigit(10, now: $0) }
        #expect(h.state.checkInPain == 10, "the ten key")
    }

    @Test func arrowsStartFromTheLastRatingAndStayInRange() {
        var h = atCheckIn()
        h.send { .painAdjust(-1, now: $0) }
        #expect(h.state.painPrompt?.selection == 0, "nothing rated yet: the first press shows 0")
        h.send { .painAdjust(-1, now: $0) }
        #expect(h.state.painPrompt?.selection == 0)
        h.send { .painSet(9, now: $0) }
        h.send { .painAdjust(1, now: $0) }
        h.send { .painAdjust(1, now: $0) }
        #expect(h.state.painPrompt?.selection == 10)
        h.send { .painSet(11, now: $0) }
        #expect(h.state.painPrompt?.selection == 10, "out of range values are ignored")
        h.send { .painSet(4, now: $0) }
        h.confirm()
        h.doCurrentSet()
        h.send { .painAdjust(1, now: $0) }
        #expect(h.state.painPrompt?.selection == 4, "after a set the arrows start from the check-in")
    }

    @Test func theSpreadMarkOnlyExistsAfterASet() {
        var h = atCheckIn()
        h.send { .toggleSpread(now: $0) }
        #expect(h.state.painPrompt?.spreadDownLeg == false)
        #expect(h.state.painPrompt?.offersSpreadMark == false)
        h.rate(2)
        h.doCurrentSet()
        #expect(h.state.painPrompt?.offersSpreadMark == true)
        h.send { .toggleSpread(now: $0) }
        #expect(h.state.painPrompt?.spreadDownLeg == true)
        h.send { .toggleSpread(now: $0) }
        #expect(h.state.painPrompt?.spreadDownLeg == false)
    }
}
