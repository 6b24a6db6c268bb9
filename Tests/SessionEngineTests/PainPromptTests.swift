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

    @Test func digitsMakeValuesUpToTen() {
        #expect(typed([7]) == 7)
        #expect(typed([1]) == 1)
        #expect(typed([1, 0]) == 10)
        #expect(typed([3, 5]) == 5)
        #expect(typed([1, 1]) == 1)
        #expect(typed([1, 0, 0]) == 0, "after 10 a new 0 starts over")
        #expect(typed([1, 1, 0]) == 10, "the last lone 1 and a 0 make 10")
        #expect(typed([0, 10, -1]) == 0, "non-digits are ignored")
    }

    @Test func anArrowBetweenOneAndZeroBreaksTheTen() {
        var h = atCheckIn()
        h.send { .painDigit(1, now: $0) }
        h.send { .painAdjust(1, now: $0) }
        h.send { .painDigit(0, now: $0) }
        #expect(h.state.painPrompt?.selection == 0)
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
