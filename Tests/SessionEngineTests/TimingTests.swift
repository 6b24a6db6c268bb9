import MonotonicTime
import CoachPolicy
import ExerciseCatalog
import Testing
import TestSupport
@testable import SessionEngine

@Suite("Time, pause and visible changes")
struct TimingTests {
    /// The first hold of `plan` is running from `holdStart` (get-ready at 0, hold from 5 s).
    private func harnessInFirstHold(_ plan: SessionPlan) -> Harness {
        var h = Harness(plan, at: 0)
        h.startAndCheckIn()
        h.confirm()
        h.tick(at: 5)
        return h
    }

    @Test func aSixtySecondHoldPausedTenSecondsEndsAtSeventySecondsWall() {
        var h = harnessInFirstHold(Fixtures.plan(Fixtures.longHold))
        #expect(h.phase == .hold)
        h.tick(at: 25)
        #expect(h.state.remaining(at: h.now) == .seconds(40))
        h.send { .togglePause(now: $0) }
        #expect(h.state.isPaused)
        #expect(h.state.remaining(at: .seconds(30)) == .seconds(40), "a paused countdown keeps its remainder")
        #expect(h.engine.nextVisibleChange(after: .seconds(30)) == nil)
        h.tick(at: 30)
        h.confirm()  // ignored while paused
        h.send { .countRep(now: $0) }
        #expect(h.phase == .hold && h.state.isPaused)
        h.tick(at: 35)
        h.send { .togglePause(now: $0) }
        #expect(!h.state.isPaused)
        #expect(h.state.countdown?.deadline == .seconds(75))
        #expect(h.state.remaining(at: .seconds(50)) == .seconds(25))
        h.tick(at: 74.999)
        #expect(h.phase == .hold)
        h.tick(at: 75)
        #expect(h.phase == .painPrompt, "60 s of unpaused hold end exactly at 70 s after its start")
        #expect(h.state.painPrompt?.completedWork?.done == .seconds(60))
    }

    @Test func activeTimeLeavesOutPauses() {
        var h = Harness(Fixtures.plan(Fixtures.catCow), at: 100)
        h.send { .start(now: $0) }
        h.tick(at: 110)
        h.send { .togglePause(now: $0) }
        h.tick(at: 200)
        #expect(h.state.activeTime(at: h.now) == .seconds(10))
        h.send { .togglePause(now: $0) }
        h.tick(at: 205)
        #expect(h.state.activeTime(at: h.now) == .seconds(15))
        h.send { .endEarly(now: $0) }
        #expect(h.sessionEnds.first?.activeTime == .seconds(15))
    }

    @Test func pausingTheGetReadyAndTheRestKeepsTheirRemainders() {
        var h = Harness(Fixtures.plan(Fixtures.hamstringStretch), at: 0)
        h.startAndCheckIn()
        h.confirm()
        h.tick(at: 2)
        h.send { .togglePause(now: $0) }
        h.tick(at: 100)
        #expect(h.phase == .getReady)
        h.send { .togglePause(now: $0) }
        #expect(h.state.countdown?.deadline == .seconds(103))
    }

    @Test func aSkipMidSetAsksWhyAndPainOrSpreadCountsLikeARating() {
        var h = harnessInFirstHold(Fixtures.plan(Fixtures.longHold, Fixtures.catCow, Fixtures.longHold))
        h.tick(at: 9)
        h.send { .skipExercise(now: $0) }
        guard case .skipReason(let work) = h.state.phase else { Issue.record("\(h.state.phase)"); return }
        #expect(work.done == .seconds(4))
        h.send { .skipReason(.spread, now: $0) }
        let skip = h.effects.compactMap { effect -> SkipRecord? in if case .logSkip(let s) = effect { return s } else { return nil } }.last
        #expect(skip?.reason == .spread, "logged with its reason")
        #expect(h.state.stopCount == 1)
        guard case .adjustmentNotice(let decision, _) = h.state.phase else { Issue.record("\(h.state.phase)"); return }
        #expect(decision.rule == .spreadDownLeg && decision.action == .stopExercise)
        #expect(decision.reason.hasPrefix("Skipped: spread down the leg, which counts like a rating. Pain spread down your leg: stopping"))
        #expect(h.loggedSets.isEmpty, "no made-up rating is logged")
        h.confirm()
        #expect(h.state.exercise?.id == "cat-cow")
        // A second pain skip is the session's second stop: it ends gently.
        for _ in 0..<200 where !(h.state.exerciseIndex == 2 && h.phase == .hold) && !h.state.isOver {
            switch h.phase {
            case .painPrompt: h.rate(1)
            case .hold, .selfPacedReps, .tempoReps: h.doCurrentSet()
            default: h.confirm()
            }
        }
        #expect(h.phase == .hold && h.state.exercise?.id == Fixtures.longHold.id)
        h.send { .skipExercise(now: $0) }
        h.send { .skipReason(.tooPainful, now: $0) }
        h.confirm()
        #expect(h.state.outcome == .endedByPolicy)
    }

    @Test func aSkipBetweenSetsAsksNothing() {
        var h = Harness(Fixtures.plan(Fixtures.longHold, Fixtures.catCow), at: 0)
        h.startAndCheckIn()
        h.send { .skipExercise(now: $0) }  // at the intro
        #expect(h.phase == .intro && h.state.exercise?.id == "cat-cow")
    }

    @Test func skipAndEndWorkWhilePaused() {
        var h = harnessInFirstHold(Fixtures.plan(Fixtures.longHold, Fixtures.catCow))
        h.send { .togglePause(now: $0) }
        h.send { .skipExercise(now: $0) }
        #expect(h.phase == .skipReason && !h.state.isPaused, "mid-set: why, in one key")
        h.send { .skipReason(.noTime, now: $0) }
        #expect(h.phase == .intro && !h.state.isPaused && h.state.exercise?.id == "cat-cow")
        h.send { .togglePause(now: $0) }
        h.send { .endEarly(now: $0) }
        #expect(h.state.outcome == .endedEarly && !h.state.isPaused)
    }

    @Test func nextVisibleChangeIsTheNextWholeSecondOfTheCountdown() {
        var h = Harness(Fixtures.plan(Fixtures.hamstringStretch), at: 0)
        h.send { .start(now: $0) }
        #expect(h.engine.nextVisibleChange(after: h.now) == nil, "check-in waits on the person")
        h.rate(2)
        #expect(h.engine.nextVisibleChange(after: h.now) == nil, "intro waits on the person")
        h.tick(at: 0.5)
        h.confirm()  // get ready from 0.5 to 5.5
        #expect(h.engine.nextVisibleChange(after: .seconds(0.5)) == .seconds(1.5))
        #expect(h.engine.nextVisibleChange(after: .seconds(0.8)) == .seconds(1.5))
        #expect(h.engine.nextVisibleChange(after: .seconds(1.5)) == .seconds(2.5))
        #expect(h.engine.nextVisibleChange(after: .seconds(5.2)) == .seconds(5.5))
        #expect(h.engine.nextVisibleChange(after: .seconds(9)) == .seconds(5.5), "an overdue deadline is returned as due")
        #expect(h.state.countdown?.displaySeconds(at: .seconds(0.5)) == 5)
        #expect(h.state.countdown?.displaySeconds(at: .seconds(1.4)) == 5)
        #expect(h.state.countdown?.displaySeconds(at: .seconds(1.5)) == 4)
        #expect(h.state.countdown?.displaySeconds(at: .seconds(5.5)) == 0)
        h.doCurrentSet()
        #expect(h.engine.nextVisibleChange(after: h.now) == nil, "the pain prompt waits on the person")
    }

    @Test func tickingAtEachVisibleChangeRingsTheLastThreeSecondsThenDone() {
        var h = harnessInFirstHold(Fixtures.plan(Fixtures.hamstringStretch))
        var ticks = 0
        var cues: [Cue] = []
        while h.phase == .hold, let next = h.engine.nextVisibleChange(after: h.now) {
            #expect(next > h.now)
            h.now = next
            cues += h.send { .tick(now: $0) }.compactMap { if case .cue(let c) = $0 { c } else { nil } }
            ticks += 1
        }
        #expect(ticks == 30, "one wake-up per displayed second")
        #expect(cues == [.lastSeconds(3), .lastSeconds(2), .lastSeconds(1), .setDone, .ratePain])
    }

    @Test func aCoarseTickRingsTheLastSecondsItSeesOnlyOnce() {
        var h = harnessInFirstHold(Fixtures.plan(Fixtures.hamstringStretch))
        #expect(h.tick(at: 33.5) == [.cue(.lastSeconds(2))])
        #expect(h.tick(at: 33.7).isEmpty)
        #expect(h.tick(at: 34.2) == [.cue(.lastSeconds(1))])
    }

    @Test func timeNeverRunsBackwardsInsideTheEngine() {
        var h = harnessInFirstHold(Fixtures.plan(Fixtures.hamstringStretch))
        h.tick(at: 20)
        h.tick(at: 3)  // a confused clock: treated as 20
        #expect(h.phase == .hold)
        #expect(h.state.remaining(at: .seconds(20)) == .seconds(15))
        h.confirm()
        #expect(h.state.painPrompt?.completedWork?.done == .seconds(15))
    }

    @Test func countdownArithmetic() {
        var countdown = Countdown(total: .seconds(10), startingAt: .seconds(100))
        #expect(countdown.deadline == .seconds(110))
        #expect(countdown.remaining(at: .seconds(99)) == .seconds(10), "clamped to the total")
        #expect(countdown.remaining(at: .seconds(120)) == .zero, "never negative")
        countdown.pause(at: .seconds(104))
        #expect(countdown.isPaused && countdown.remaining(at: .seconds(500)) == .seconds(6))
        #expect(countdown.nextWholeSecondBoundary(after: .seconds(500)) == nil)
        countdown.resume(at: .seconds(200))
        #expect(countdown.deadline == .seconds(206))
        #expect(countdown.elapsed(at: .seconds(201)) == .seconds(5))
    }
}
