import MonotonicTime
import CoachPolicy
import ExerciseCatalog
import Testing
import TestSupport
@testable import SessionEngine

@Suite("Pain policy (CLINICAL.md default policy)")
struct PolicyTests {
    private func situation(
        _ exercise: Exercise, dose: Dose? = nil, easier: Exercise? = nil, set: Int = 1, side: BodySide = .both,
        checkIn: Int? = nil, stops: Int = 0
    ) -> PainPolicy.Situation {
        PainPolicy.Situation(
            exercise: exercise, dose: dose ?? exercise.dose, plannedDose: exercise.dose, easierVariant: easier,
            setNumber: set, side: side, checkInPain: checkIn, stopsSoFar: stops)
    }

    // MARK: - Rows, straight on the policy

    @Test func movingTowardTheBackIsNotAReasonToReduce() {
        // Back pain rises while leg pain retreats toward the back (centralisation): keep the dose.
        let up = PainPolicy.decide(pain: 6, spreadDownLeg: false, movedTowardBack: true, in: situation(Fixtures.gluteBridge, easier: Fixtures.bridgeHold, checkIn: 3))
        #expect(up.action == .keep && up.rule == .centralizing)
        #expect(up.reason.contains("a good sign (centralisation), so the same dose"))
        #expect(!up.countsTowardProgression)
        let rise = PainPolicy.decide(pain: 5, spreadDownLeg: false, movedTowardBack: true, in: situation(Fixtures.catCow, checkIn: 1))
        #expect(rise.action == .keep && rise.rule == .centralizing, "a rise of 4 over the start, toward the back")
        let without = PainPolicy.decide(pain: 6, spreadDownLeg: false, in: situation(Fixtures.gluteBridge, easier: Fixtures.bridgeHold, checkIn: 3))
        #expect(without.action == .switchEasier, "the same number without the mark lightens")
        let tooMuch = PainPolicy.decide(pain: 8, spreadDownLeg: false, movedTowardBack: true, in: situation(Fixtures.catCow))
        #expect(tooMuch.action == .stopExercise, "8+ stops whatever the direction")
        let easy = PainPolicy.decide(pain: 2, spreadDownLeg: false, movedTowardBack: true, in: situation(Fixtures.catCow))
        #expect(easy.rule == .safe && easy.countsTowardProgression)
    }

    @Test func spreadStopsTheExerciseEvenAtLowPain() {
        let decision = PainPolicy.decide(pain: 1, spreadDownLeg: true, in: situation(Fixtures.gluteBridge, easier: Fixtures.bridgeHold))
        #expect(decision.action == .stopExercise && decision.rule == .spreadDownLeg)
        #expect(decision.reason == "Pain spread down your leg: stopping Glute bridge for today; next time starts from Bridge hold, the easier variant.")
        #expect(!decision.countsTowardProgression)
    }

    @Test func painEightOrMoreStops() {
        for pain in 8...10 {
            let decision = PainPolicy.decide(pain: pain, spreadDownLeg: false, in: situation(Fixtures.catCow))
            #expect(decision.action == .stopExercise && decision.rule == .painAtStopThreshold)
            #expect(decision.reason == "Pain \(pain) is too much (8 or more): stopping Cat-cow for today.")
        }
    }

    @Test func theSecondStopEndsTheSession() {
        let bySpread = PainPolicy.decide(pain: 2, spreadDownLeg: true, in: situation(Fixtures.catCow, stops: 1))
        let byPain = PainPolicy.decide(pain: 9, spreadDownLeg: false, in: situation(Fixtures.catCow, stops: 1))
        for decision in [bySpread, byPain] {
            #expect(decision.action == .endSession)
            #expect(decision.reason.hasSuffix("That is the second stop today, so the session ends here, gently."))
        }
    }

    @Test func painSixOrSevenReducesRepsByThirtyPercent() {
        let decision = PainPolicy.decide(pain: 7, spreadDownLeg: false, in: situation(Fixtures.catCow))
        #expect(decision.action == .reduce && decision.rule == .painAboveAcceptable)
        #expect(decision.reason == "Pain 7 is above 5: the last set is 7 reps instead of 10.")
        #expect(decision.nextDose == Dose(sets: 2, work: .reps(7), rest: 30))
        let threeSets = PainPolicy.decide(pain: 6, spreadDownLeg: false, in: situation(Fixtures.hamstringStretch))
        #expect(threeSets.reason == "Pain 6 is above 5: next sets 21 s instead of 30 s.")
        #expect(threeSets.nextDose?.work == .seconds(21))
    }

    @Test func aRiseOfThreeOverTheCheckInReducesToo() {
        let decision = PainPolicy.decide(pain: 4, spreadDownLeg: false, in: situation(Fixtures.hamstringStretch, checkIn: 1))
        #expect(decision.action == .reduce && decision.rule == .riseOverCheckIn)
        #expect(decision.reason == "Pain 4 is 3 above today's start (1): next sets 21 s instead of 30 s.")
        let smallRise = PainPolicy.decide(pain: 3, spreadDownLeg: false, in: situation(Fixtures.hamstringStretch, checkIn: 1))
        #expect(smallRise.action == .keep && smallRise.rule == .safe)
    }

    @Test func anEasierVariantIsPreferredWithItsDoseScaled() {
        let decision = PainPolicy.decide(pain: 6, spreadDownLeg: false, in: situation(Fixtures.gluteBridge, easier: Fixtures.bridgeHold))
        #expect(decision.action == .switchEasier)
        #expect(decision.switchedToID == "bridge-hold")
        #expect(decision.nextDose == Dose(sets: 2, work: .seconds(20), rest: 45))
        #expect(decision.reason == "Pain 6 is above 5: switching to Bridge hold, the easier variant; the last set is 20 s.")
        // Already cut to 7 of 10 reps: the variant's 20 s is cut in proportion to 14 s.
        let scaled = PainPolicy.easierDose(
            for: Fixtures.bridgeHold, current: Dose(sets: 2, work: .reps(7), rest: 45), planned: Fixtures.gluteBridge.dose)
        #expect(scaled.work == .seconds(14))
    }

    @Test func whenTheAmountCannotFallASetIsDropped() {
        let decision = PainPolicy.decide(pain: 7, spreadDownLeg: false, in: situation(Fixtures.shortHold))
        #expect(decision.action == .reduce)
        #expect(decision.nextDose == Dose(sets: 2, work: .seconds(5), rest: 10))
        #expect(decision.reason == "Pain 7 is above 5: one set fewer (2 instead of 3); 5 s is already the smallest amount.")
    }

    @Test func atTheSmallestDoseOnTheLastSetItKeepsAndSaysSo() {
        let lastSet = PainPolicy.decide(pain: 7, spreadDownLeg: false, in: situation(Fixtures.shortHold, set: 3))
        #expect(lastSet.action == .keep && lastSet.nextDose == nil)
        #expect(lastSet.reason == "Pain 7 is above 5: that was the last set of Short hold, so there is nothing left to reduce.")
        let leftOfLastSet = PainPolicy.decide(
            pain: 6, spreadDownLeg: false,
            in: situation(Fixtures.kneeToChest, dose: Dose(sets: 1, work: .seconds(5), rest: 0), side: .left))
        #expect(leftOfLastSet.action == .keep)
        #expect(leftOfLastSet.reason.contains("already at its smallest dose"))
    }

    @Test func painFourOrFiveKeepsWithoutProgression() {
        for pain in 4...5 {
            let decision = PainPolicy.decide(pain: pain, spreadDownLeg: false, in: situation(Fixtures.catCow, checkIn: 3))
            #expect(decision.action == .keep && decision.rule == .acceptable && !decision.countsTowardProgression)
            #expect(decision.reason == "Pain \(pain) is acceptable (4-5): same dose; no progression from this session.")
            #expect(decision.deservesNotice)
        }
    }

    @Test func painZeroToThreeKeepsGoing() {
        for pain in 0...3 {
            let decision = PainPolicy.decide(pain: pain, spreadDownLeg: false, in: situation(Fixtures.catCow))
            #expect(decision.action == .keep && decision.rule == .safe && decision.countsTowardProgression)
            #expect(!decision.deservesNotice)
        }
    }

    @Test func reductionRoundsDownNeverBelowTheMinimumAndNeverRises() {
        #expect(PainPolicy.reduced(.reps(10)) == .reps(7))
        #expect(PainPolicy.reduced(.reps(2)) == .reps(1))
        #expect(PainPolicy.reduced(.reps(1)) == nil)
        #expect(PainPolicy.reduced(.seconds(30)) == .seconds(21))
        #expect(PainPolicy.reduced(.seconds(6)) == .seconds(5))
        #expect(PainPolicy.reduced(.seconds(5)) == nil)
        #expect(PainPolicy.reduced(.seconds(3)) == nil, "a hold under the minimum is not raised to it")
        for amount in 0...200 {
            for work in [Work.reps(amount), .seconds(amount)] {
                if let lighter = PainPolicy.reduced(work) { #expect(lighter.amount < amount) }
            }
        }
    }

    // MARK: - Rows, through the engine

    @Test func aSpreadMarkStopsTheExerciseAndMovesOn() {
        var h = Harness(Fixtures.plan(Fixtures.kneeToChest, Fixtures.catCow), at: 0)
        h.startAndCheckIn()
        h.doCurrentSet()
        h.rate(2, spread: true)
        #expect(h.loggedSets.last?.spreadDownLeg == true)
        #expect(h.loggedSets.last?.decision.action == .stopExercise)
        #expect(h.phase == .adjustmentNotice)
        h.confirm()
        #expect(h.phase == .intro && h.state.exercise?.id == "cat-cow", "no right side, no more sets")
        #expect(h.state.stopCount == 1)
    }

    @Test func twoStopsEndTheSessionGently() {
        var h = Harness(Fixtures.plan(Fixtures.catCow, Fixtures.hamstringStretch, Fixtures.kneeToChest), at: 0)
        h.startAndCheckIn()
        h.doCurrentSet()
        h.rate(8)
        h.confirm()
        h.doCurrentSet()
        h.rate(3, spread: true)
        #expect(h.loggedSets.last?.decision.action == .endSession)
        #expect(h.phase == .adjustmentNotice)
        h.wait(4)
        #expect(h.state.outcome == .endedByPolicy)
        #expect(h.sessionEnds.first?.stoppedExerciseIDs == ["cat-cow", "hamstring-stretch"])
    }

    /// q on the notice of the second stop: the policy had already ended the session.
    @Test func quittingOnTheEndingNoticeKeepsThePolicyOutcome() {
        for event in [SessionEvent.endEarly(now:), SessionEvent.quitConfirmed(now:)] {
            var h = Harness(Fixtures.plan(Fixtures.catCow, Fixtures.hamstringStretch, Fixtures.kneeToChest), at: 0)
            h.startAndCheckIn()
            h.doCurrentSet()
            h.rate(8)
            h.confirm()
            h.doCurrentSet()
            h.rate(9)
            #expect(h.phase == .adjustmentNotice)
            h.send { event($0) }
            #expect(h.state.outcome == .endedByPolicy)
            #expect(h.sessionEnds.count == 1 && h.sessionEnds.first?.outcome == .endedByPolicy)
        }
    }

    @Test func aReductionAppliesToEveryRemainingSetAndCompounds() {
        var h = Harness(Fixtures.plan(Fixtures.hamstringStretch), at: 0)
        h.startAndCheckIn()
        h.doCurrentSet()
        h.rate(6)
        #expect(h.state.dose?.work == .seconds(21))
        h.confirm()
        h.doCurrentSet()
        h.rate(7)
        h.confirm()
        h.doCurrentSet()
        h.rate(2)
        #expect(h.loggedSets.map(\.target) == [.seconds(30), .seconds(21), .seconds(14)])
        #expect(h.loggedSets[1].decision.reason == "Pain 7 is above 5: the last set is 14 s instead of 21 s.")
    }

    @Test func switchingToTheEasierVariantChangesWhatIsDoneAndLogged() {
        var h = Harness(Fixtures.plan(Fixtures.gluteBridge), at: 0)
        h.startAndCheckIn()
        h.doCurrentSet()
        h.rate(7)
        #expect(h.state.exercise?.id == "bridge-hold")
        #expect(h.state.current?.isEasierVariant == true)
        h.confirm()
        h.doCurrentSet()
        #expect(h.state.painPrompt?.completedWork?.target == .seconds(20))
        h.rate(7)
        let last = h.loggedSets.last
        #expect(last?.exerciseID == "bridge-hold" && last?.plannedExerciseID == "glute-bridge")
        #expect(last?.decision.action == .keep, "last set: nothing left, and no second switch")
    }

    @Test func aRightSideAfterAReductionOnTheLeftUsesTheReducedDose() {
        var h = Harness(Fixtures.plan(Fixtures.kneeToChest), at: 0)
        h.startAndCheckIn()
        h.doCurrentSet()
        h.rate(7)
        h.confirm()
        #expect(h.phase == .sideSwitch)
        h.doCurrentSet()
        #expect(h.state.painPrompt?.completedWork?.target == .seconds(21))
    }
}
