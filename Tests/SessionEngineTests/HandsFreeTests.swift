import MonotonicTime
import CoachPolicy
import ExerciseCatalog
import Testing
import TestSupport
@testable import SessionEngine

/// Fewer keypresses, nothing lost: the intro starts by itself, the first get-ready is long, one
/// key answers the pain question, and a safe last answer is offered again for Enter to keep.
@Suite("Hands-free session")
struct HandsFreeTests {
    private func standard(_ plan: SessionPlan) -> Harness {
        var h = Harness(plan, at: 0, options: .standard)
        h.send { .start(now: $0) }
        h.send { .painDigit(2, now: $0) }
        return h
    }

    @Test func theIntroStartsTheLongFirstGetReadyByItselfThenTheUsualOne() {
        var h = standard(Fixtures.plan(Fixtures.hamstringStretch))
        #expect(h.phase == .intro)
        #expect(h.state.countdownTotal == .seconds(10), "the intro's own countdown")
        #expect(h.engine.nextVisibleChange(after: h.now) == .seconds(1))
        h.tick(at: 9.9)
        #expect(h.phase == .intro)
        let effects = h.tick(at: 10)
        #expect(effects == [.cue(.getReady(side: .both))])
        #expect(h.phase == .getReady)
        #expect(h.state.countdownTotal == .seconds(15), "the first get-ready: time to get onto the floor")
        #expect(h.state.countdown?.deadline == .seconds(25), "starts at the intro's deadline, not at the late tick")
        #expect(h.tick(at: 22.5) == [.cue(.countIn(3))])
        #expect(h.tick(at: 23.5) == [.cue(.countIn(2))])
        #expect(h.tick(at: 25) == [.cue(.holdStart)])
        h.wait(30)
        h.send { .painDigit(1, now: $0) }
        #expect(h.phase == .rest)
        h.confirm()
        #expect(h.phase == .getReady)
        #expect(h.state.countdownTotal == .seconds(5), "later get-readies are the usual length")
    }

    @Test func anyKeyStopsTheIntrosCountdownAndEnterStillBegins() {
        var h = standard(Fixtures.plan(Fixtures.hamstringStretch))
        h.tick(at: 3)
        h.send { .holdIntro(now: $0) }
        #expect(h.state.countdown == nil)
        #expect(h.engine.nextVisibleChange(after: h.now) == nil, "waits on the person now")
        h.tick(at: 500)
        #expect(h.phase == .intro)
        h.confirm()
        #expect(h.phase == .getReady)
        #expect(h.state.countdownTotal == .seconds(15))
    }

    @Test func pausingAnIntroFreezesItsCountdown() {
        var h = standard(Fixtures.plan(Fixtures.hamstringStretch))
        h.tick(at: 4)
        h.send { .togglePause(now: $0) }
        h.tick(at: 100)
        #expect(h.phase == .intro)
        h.send { .togglePause(now: $0) }
        #expect(h.state.countdown?.deadline == .seconds(106))
    }

    @Test func theFirstGetReadyStaysLongUntilWorkHasReallyBegun() {
        var h = standard(Fixtures.plan(Fixtures.hamstringStretch, Fixtures.catCow))
        h.send { .skipExercise(now: $0) }
        #expect(h.state.exercise?.id == "cat-cow")
        h.confirm()
        #expect(h.state.countdownTotal == .seconds(15), "a skipped intro did not get anyone onto the floor")
    }

    @Test func oneKeyAnswersThePainQuestionAndTIsTen() {
        var h = Harness(Fixtures.plan(Fixtures.hamstringStretch, Fixtures.catCow))
        h.send { .start(now: $0) }
        h.send { .painDigit(1, now: $0) }
        #expect(h.state.checkInPain == 1, "the check-in takes one key too")
        h.doCurrentSet()
        let effects = h.send { .painDigit(PainPrompt.maximum, now: $0) }
        #expect(h.loggedSets.map(\.pain) == [10])
        #expect(effects.contains { if case .logSet = $0 { true } else { false } })
        h.send { .painDigit(11, now: $0) }
        h.send { .painDigit(-1, now: $0) }
        #expect(h.loggedSets.count == 1, "values off the scale answer nothing")
    }

    @Test func theSpreadMarkComesBeforeTheNumber() {
        var h = Harness(Fixtures.plan(Fixtures.hamstringStretch))
        h.startAndCheckIn()
        h.doCurrentSet()
        h.send { .toggleSpread(now: $0) }
        h.send { .painDigit(2, now: $0) }
        #expect(h.loggedSets.first?.spreadDownLeg == true)
        #expect(h.loggedSets.first?.pain == 2)
    }

    @Test func aSafeAnswerIsOfferedAgainOnTheSameExerciseAndEnterKeepsIt() {
        var h = Harness(Fixtures.plan(Fixtures.kneeToChest, Fixtures.hamstringStretch))
        h.startAndCheckIn()
        h.doCurrentSet()
        #expect(h.state.painPrompt?.selection == nil, "the first set of an exercise is asked afresh")
        h.send { .painDigit(2, now: $0) }
        h.doCurrentSet()  // the right side
        #expect(h.state.painPrompt?.selection == 2)
        #expect(h.state.painPrompt?.isPreselected == true)
        h.wait(60)
        #expect(h.loggedSets.count == 1, "an offered answer is never logged by itself")
        h.confirm()
        #expect(h.loggedSets.map(\.pain) == [2, 2])
        #expect(h.loggedSets.last?.side == .right)
        h.doCurrentSet()  // set 2, left
        h.send { .painAdjust(1, now: $0) }
        #expect(h.state.painPrompt?.selection == 3)
        #expect(h.state.painPrompt?.isPreselected == false, "a moved value is the person's own")
        h.confirm()
        h.doCurrentSet()  // set 2, right: 3 is still safe
        #expect(h.state.painPrompt?.selection == 3)
    }

    @Test func anAnswerAboveThreeOrASpreadMarkOrAnotherExerciseIsAskedAfresh() {
        var h = Harness(Fixtures.plan(Fixtures.kneeToChest, Fixtures.hamstringStretch))
        h.startAndCheckIn()
        h.doCurrentSet()
        h.send { .painDigit(4, now: $0) }
        if h.phase == .adjustmentNotice { h.confirm() }
        h.doCurrentSet()
        #expect(h.state.painPrompt?.selection == nil, "4 is not offered again")
        h.send { .toggleSpread(now: $0) }
        h.send { .painDigit(1, now: $0) }
        // The spread mark stopped knee-to-chest: the notice, then the next exercise.
        #expect(h.phase == .adjustmentNotice)
        h.confirm()
        #expect(h.state.exercise?.id == "hamstring-stretch")
        h.doCurrentSet()
        #expect(h.state.painPrompt?.selection == nil, "a new exercise is asked afresh")
    }

    @Test func cuesNarrateASetFromIntroToRest() {
        var plan = Fixtures.plan(Fixtures.gluteBridge)
        plan.exercises[0].dose.work = .reps(1)
        var h = Harness(plan, at: 0)
        h.startAndCheckIn()
        h.confirm()
        h.wait(5)
        h.wait(2); h.wait(3); h.wait(2)
        h.send { .painDigit(0, now: $0) }
        let cues = h.cues
        #expect(cues.first == .introduce(exercise: Fixtures.gluteBridge, dose: plan.exercises[0].dose))
        #expect(Array(cues.dropFirst()) == [
            .getReady(side: .both), .countIn(3), .countIn(2), .countIn(1),
            .repsStart(target: 1, guided: true), .tempo(.up, rep: 1), .tempo(.hold, rep: 1), .tempo(.down, rep: 1),
            .setDone, .ratePain, .rest(seconds: plan.exercises[0].dose.rest),
        ].filter { cue in
            // wait(5) jumps over the count-in seconds: only the ones the ticks saw are cued.
            if case .countIn = cue { return false } else { return true }
        })
    }
}
