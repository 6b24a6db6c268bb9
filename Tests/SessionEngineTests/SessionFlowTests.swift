import MonotonicTime
import CoachPolicy
import ExerciseCatalog
import Testing
import TestSupport
@testable import SessionEngine

@Suite("Phase transitions")
struct SessionFlowTests {
    @Test func checkInNeedsAValueThenLogsItAndShowsTheFirstIntro() {
        var h = Harness(Fixtures.plan(Fixtures.hamstringStretch))
        #expect(h.phase == .notStarted)
        h.confirm()
        #expect(h.phase == .notStarted, "nothing but .start leaves notStarted")
        h.send { .start(now: $0) }
        #expect(h.phase == .checkIn)
        h.confirm()
        #expect(h.phase == .checkIn, "Enter without a value does nothing")
        let effects = h.send { .painDigit(2, now: $0) }
        #expect(Harness.logOnly(effects) == [.logCheckIn(pain: 2)], "one key answers")
        #expect(h.state.checkInPain == 2)
        #expect(h.phase == .intro)
        #expect(h.state.exercise?.id == "hamstring-stretch")
        #expect(h.state.setNumber == 1 && h.state.totalSets == 3 && h.state.side == .both)
    }

    @Test func aStartingPainGivenBeforehandIsLoggedAndSkipsTheCheckIn() {
        var h = Harness(engine: SessionEngine(plan: Fixtures.plan(Fixtures.hamstringStretch), startingPain: 4, options: Harness.fixedOptions))
        let effects = h.send { .start(now: $0) }
        #expect(Harness.logOnly(effects) == [.logCheckIn(pain: 4)])
        #expect(h.state.checkInPain == 4)
        #expect(h.phase == .intro, "no second pain question")
    }

    @Test func holdSetRunsGetReadyThenHoldThenPainThenRest() {
        var h = Harness(Fixtures.plan(Fixtures.hamstringStretch), at: 0)
        h.startAndCheckIn()
        h.confirm()
        #expect(h.phase == .getReady)
        #expect(h.state.countdownTotal == .seconds(5))
        h.tick(at: 4.999)
        #expect(h.phase == .getReady)
        #expect(h.engine.handle(.tick(now: .seconds(5))) == [.cue(.holdStart)])
        #expect(h.phase == .hold)
        #expect(h.state.countdown?.deadline == .seconds(35))
        h.tick(at: 34.9)
        #expect(h.phase == .hold)
        let end = h.tick(at: 35)
        #expect(end.contains(.cue(.setDone)))
        #expect(h.phase == .painPrompt)
        #expect(h.state.painPrompt?.completedWork == CompletedWork(target: .seconds(30), done: .seconds(30)))
        let rated = h.rate(1)
        #expect(Harness.logOnly(rated).count == 1)
        #expect(rated.last == .cue(.rest(seconds: 30)))
        guard case .logSet(let record) = rated.first else { Issue.record("no logSet"); return }
        #expect(record.pain == 1 && record.setNumber == 1 && record.side == .both && record.decision.action == .keep)
        #expect(h.phase == .rest, "a safe rating goes straight on, without a notice")
        #expect(h.state.setNumber == 2)
        #expect(h.state.countdownTotal == .seconds(30))
        let restEnd = h.tick(at: 65)
        #expect(restEnd == [.cue(.restEnd), .cue(.getReady(side: .both))])
        #expect(h.phase == .getReady)
        #expect(h.state.countdown?.deadline == .seconds(70))
    }

    @Test func enterSkipsTheRestAndFinishesAHoldEarlyWithTheSecondsHeld() {
        var h = Harness(Fixtures.plan(Fixtures.hamstringStretch), at: 0)
        h.startAndCheckIn()
        h.confirm()
        h.confirm()  // start now instead of counting down
        #expect(h.phase == .hold)
        h.tick(at: 12.7)
        h.confirm()
        #expect(h.state.painPrompt?.completedWork?.done == .seconds(12))
        h.rate(0)
        #expect(h.phase == .rest)
        h.confirm()
        #expect(h.phase == .getReady)
        #expect(!h.cues.contains(.restEnd), "a skipped rest does not ring")
    }

    @Test func noRestAfterTheLastSetThenNextIntroThenSummary() {
        var h = Harness(Fixtures.plan(Fixtures.shortHold, Fixtures.catCow), at: 0)
        h.startAndCheckIn()
        for set in 1...3 {
            h.doCurrentSet()
            #expect(h.phase == .painPrompt)
            h.rate(2)
            if set < 3 { #expect(h.phase == .rest) }
        }
        #expect(h.phase == .intro)
        #expect(h.state.exerciseIndex == 1)
        #expect(h.state.exercise?.id == "cat-cow")
        for _ in 1...2 {
            h.doCurrentSet()
            h.rate(2)
        }
        #expect(h.phase == .summary)
        #expect(h.state.outcome == .completed)
        #expect(h.sessionEnds.count == 1)
        let end = h.sessionEnds[0]
        #expect(end.painBefore == 2 && end.painAfter == 2)
        #expect(end.setsDone == 5 && end.setsPlanned == 5)
        #expect(h.state.isOver)
    }

    @Test func eachSideGoesLeftPainSwitchRightPainThenRest() {
        var h = Harness(Fixtures.plan(Fixtures.kneeToChest), at: 0)
        h.startAndCheckIn()
        var phases: [SessionPhase.Kind] = []
        var order: [String] = []
        for _ in 1...4 {
            h.doCurrentSet()
            phases.append(h.phase)
            h.rate(1)
            phases.append(h.phase)
            if case .sideSwitch(let side, _) = h.state.phase {
                #expect(side == .right)
                #expect(h.state.side == .right)
            }
        }
        order = h.loggedSets.map { "\($0.setNumber)\($0.side.label)" }
        #expect(order == ["1LEFT", "1RIGHT", "2LEFT", "2RIGHT"])
        #expect(phases == [.painPrompt, .sideSwitch, .painPrompt, .rest, .painPrompt, .sideSwitch, .painPrompt, .summary])
    }

    @Test func sideSwitchCountsDownThenStartsTheRightHold() {
        var h = Harness(Fixtures.plan(Fixtures.kneeToChest), at: 0)
        h.startAndCheckIn()
        h.doCurrentSet()
        h.rate(1)
        let switchStart = h.now
        #expect(h.state.countdown?.deadline == switchStart + .seconds(5))
        let effects = h.wait(5)
        #expect(effects == [.cue(.holdStart)])
        #expect(h.phase == .hold && h.state.side == .right)
    }

    @Test func selfPacedRepsStopAtTwiceTheTargetAndUndoTakesOneBack() {
        var h = Harness(Fixtures.plan(Fixtures.catCow), at: 0)
        h.startAndCheckIn()
        h.confirm()
        h.wait(5)
        for _ in 0..<410 { h.send { .countRep(now: $0) } }
        #expect(h.state.reps?.counted == 20, "a held-down Space bar counts no more than twice the target")
        #expect(h.state.reps?.overTarget == 10)
        #expect(h.state.reps?.isAtMaximum == true)
        for _ in 0..<11 { h.send { .undoRep(now: $0) } }
        #expect(h.state.reps?.counted == 9)
        #expect(h.state.reps?.isTargetReached == false)
        for _ in 0..<30 { h.send { .undoRep(now: $0) } }
        #expect(h.state.reps?.counted == 0, "undo stops at zero")
        h.send { .countRep(now: $0) }
        h.confirm()
        h.rate(1)
        #expect(h.loggedSets.first?.done == .reps(1))
    }

    @Test func selfPacedRepsCountPastTheTargetAndLogTheRealCount() {
        var h = Harness(Fixtures.plan(Fixtures.catCow), at: 0)
        h.startAndCheckIn()
        h.confirm()
        #expect(h.wait(5) == [.cue(.repsStart(target: 10, guided: false))])
        #expect(h.phase == .selfPacedReps)
        #expect(h.engine.nextVisibleChange(after: h.now) == nil, "self-paced reps wait on the person")
        for _ in 0..<12 { h.send { .countRep(now: $0) } }
        #expect(h.state.reps?.counted == 12)
        #expect(h.state.reps?.displayedCount == 10)
        #expect(h.state.reps?.isTargetReached == true)
        h.wait(100)
        #expect(h.phase == .selfPacedReps, "no deadline: the set waits for Enter")
        h.confirm()
        h.rate(2)
        #expect(h.loggedSets.first?.done == .reps(12))
        #expect(h.loggedSets.first?.target == .reps(10))
    }

    @Test func tempoRepsAreGuidedPhaseByPhaseAndEndByThemselves() {
        var plan = Fixtures.plan(Fixtures.gluteBridge)
        plan.exercises[0].dose.sets = 1
        plan.exercises[0].dose.work = .reps(2)
        var h = Harness(plan, at: 0)
        h.startAndCheckIn()
        h.confirm()
        h.tick(at: 5)
        #expect(h.state.tempo?.rep == 1 && h.state.tempo?.phase == .up)
        #expect(h.state.countdownTotal == .seconds(2))
        h.tick(at: 7)
        #expect(h.state.tempo?.phase == .hold)
        #expect(h.state.remaining(at: h.now) == .seconds(3))
        h.tick(at: 10)
        #expect(h.state.tempo?.phase == .down)
        h.tick(at: 12)
        #expect(h.state.tempo?.rep == 2 && h.state.tempo?.phase == .up)
        #expect(h.state.tempo?.completedReps == 1)
        let end = h.tick(at: 19)
        #expect(end == [.cue(.tempo(.hold, rep: 2)), .cue(.tempo(.down, rep: 2)), .cue(.setDone), .cue(.ratePain)],
                "a late tick cues every phase it passed, in order")
        #expect(h.state.painPrompt?.completedWork == CompletedWork(target: .reps(2), done: .reps(2)))
    }

    @Test func aLateTickChainsTempoPhasesAtTheirOwnDeadlines() {
        var h = Harness(Fixtures.plan(Fixtures.gluteBridge), at: 0)
        h.startAndCheckIn()
        h.confirm()
        h.tick(at: 5 + 7 * 3 + 2 + 1.5)  // three reps and the up and half the hold of the fourth
        #expect(h.state.tempo?.rep == 4 && h.state.tempo?.phase == .hold)
        #expect(h.state.remaining(at: h.now) == .milliseconds(1500))
    }

    @Test func enterFinishesATempoSetEarlyWithTheRepsCompleted() {
        var h = Harness(Fixtures.plan(Fixtures.gluteBridge), at: 0)
        h.startAndCheckIn()
        h.confirm()
        h.tick(at: 5 + 7 + 3)  // rep 2, in the hold
        #expect(h.state.tempo?.rep == 2)
        h.confirm()
        #expect(h.state.painPrompt?.completedWork?.done == .reps(1))
    }

    @Test func aTempoPhaseOfZeroSecondsIsSkipped() {
        var h = Harness(Fixtures.plan(Fixtures.deadBug), at: 0)
        h.startAndCheckIn()
        h.confirm()
        h.tick(at: 5)
        var seen: [TempoPhase] = []
        for step in 0..<6 {
            if let phase = h.state.tempo?.phase { seen.append(phase) }
            h.tick(at: 5 + Double(step + 1))
        }
        #expect(seen == [.up, .down, .up, .down, .up, .down])
        #expect(h.phase == .painPrompt)
    }

    @Test func skipLogsTheExerciseAndMovesToTheNext() {
        var h = Harness(Fixtures.plan(Fixtures.kneeToChest, Fixtures.catCow), at: 0)
        h.startAndCheckIn()
        h.doCurrentSet()
        let ignored = h.send { .skipExercise(now: $0) }
        #expect(ignored.isEmpty && h.phase == .painPrompt, "rate the set before skipping")
        h.rate(1)
        #expect(h.phase == .sideSwitch)
        let skipped = h.send { .skipExercise(now: $0) }
        #expect(Harness.logOnly(skipped) == [.logSkip(SkipRecord(
            planIndex: 0, exerciseID: "knee-to-chest", exerciseName: "Knee to chest", setsRated: 1, setsLeft: 3))])
        #expect(h.phase == .intro && h.state.exercise?.id == "cat-cow")
        h.send { .skipExercise(now: $0) }
        #expect(h.state.outcome == .completed)
        #expect(h.sessionEnds.first?.skippedExerciseIDs == ["knee-to-chest", "cat-cow"])
    }

    @Test func endEarlyKeepsWhatWasDoneAndEndsAtOnce() {
        var h = Harness(Fixtures.plan(Fixtures.hamstringStretch, Fixtures.catCow), at: 0)
        h.startAndCheckIn(pain: 4)
        h.doCurrentSet()
        h.rate(3)
        h.doCurrentSet()  // second hold done, pain prompt open
        let effects = h.send { .quitConfirmed(now: $0) }
        #expect(h.phase == .summary && h.state.outcome == .endedEarly)
        guard case .logSessionEnd(let end)? = effects.last else { Issue.record("no end"); return }
        #expect(end.outcome == .endedEarly && end.painBefore == 4 && end.painAfter == 3 && end.setsDone == 1)
        #expect(h.send { .confirm(now: $0) }.isEmpty, "nothing happens after the end")
        #expect(h.engine.nextVisibleChange(after: h.now) == nil)
    }

    @Test func endEarlyDuringCheckInEndsWithoutPain() {
        var h = Harness(Fixtures.plan(Fixtures.catCow))
        h.send { .start(now: $0) }
        h.send { .endEarly(now: $0) }
        #expect(h.state.outcome == .endedEarly)
        #expect(h.sessionEnds.first?.painBefore == nil)
    }

    @Test func theNoticeContinuesAfterFourSecondsOrOnEnter() {
        var h = Harness(Fixtures.plan(Fixtures.hamstringStretch), at: 0)
        h.startAndCheckIn(pain: 3)  // so 5 is not a 3-point rise
        h.doCurrentSet()
        h.rate(5)
        #expect(h.phase == .adjustmentNotice)
        #expect(h.state.lastDecision?.rule == .acceptable)
        let noticeStart = h.now
        #expect(h.engine.nextVisibleChange(after: h.now) == noticeStart + .seconds(4))
        h.wait(3.9)
        #expect(h.phase == .adjustmentNotice)
        h.wait(0.1)
        #expect(h.phase == .rest)
        #expect(h.state.countdown?.deadline == noticeStart + .seconds(4) + .seconds(30))
        h.doCurrentSet()
        h.rate(4)
        #expect(h.phase == .adjustmentNotice)
        h.confirm()
        #expect(h.phase == .rest)
    }

    @Test func emptyPlanEndsAsSoonAsTheCheckInIsDone() {
        var h = Harness(SessionPlan(routineID: "none", routineName: "None", exercises: []))
        h.startAndCheckIn()
        #expect(h.state.outcome == .completed)
    }

    @Test func planFromARoutineAppliesTheOverrideAndFindsTheEasierVariant() throws {
        let routine = Routine(id: "r", name: "R", kind: .strength, summary: "s", items: [
            RoutineItem(exercise: "glute-bridge", override: DoseOverride(sets: 3, reps: 8)),
            RoutineItem(exercise: "cat-cow"),
        ])
        let plan = try SessionPlan(routine: routine, catalogLookup: Fixtures.lookup)
        #expect(plan.routineID == "r" && plan.routineName == "R")
        #expect(plan.exercises[0].dose == Dose(sets: 3, work: .reps(8), rest: 45))
        #expect(plan.exercises[0].easierVariant?.id == "bridge-hold")
        #expect(plan.exercises[1].dose == Fixtures.catCow.dose)
        #expect(plan.plannedSetCount == 5)
        let broken = Routine(id: "b", name: "B", kind: .relief, summary: "s", items: [RoutineItem(exercise: "nope")])
        #expect(throws: SessionPlanError.unknownExercise(id: "nope", routineID: "b")) {
            try SessionPlan(routine: broken, catalogLookup: Fixtures.lookup)
        }
    }

    @Test func resumeStartsAtTheGivenSetAndSideWithoutACheckIn() {
        let plan = Fixtures.plan(Fixtures.catCow, Fixtures.kneeToChest)
        // Play the first exercise and one side of the second to get real records.
        var first = Harness(plan, at: 0)
        first.startAndCheckIn(pain: 3)
        first.doCurrentSet(); first.rate(2)
        first.doCurrentSet(); first.rate(2)
        first.doCurrentSet(); first.rate(7)  // knee to chest set 1 left: reduce 30 s -> 21 s
        let done = first.loggedSets
        #expect(done.last?.decision.nextDose?.work == .seconds(21))

        let point = ResumePoint(exerciseIndex: 1, setNumber: 1, side: .right, checkIn: .alreadyGiven(3), completedSets: done)
        var h = Harness(engine: SessionEngine(plan: plan, resumingAt: point, options: Harness.fixedOptions))
        h.send { .start(now: $0) }
        #expect(h.phase == .intro)
        #expect(h.state.checkInPain == 3)
        #expect(h.state.exerciseIndex == 1 && h.state.setNumber == 1 && h.state.side == .right)
        #expect(h.state.dose?.work == .seconds(21), "the logged reduction carries over")
        #expect(h.state.setsDone == 3)
        h.doCurrentSet()
        h.rate(2)
        #expect(h.loggedSets.last?.side == .right && h.loggedSets.last?.target == .seconds(21))
    }

    /// A set dropped by the first rating stays dropped when a later "keep" was the last before
    /// the interruption (the resume used to restore the planned set count).
    @Test func resumeKeepsASetDroppedBeforeTheLastRating() {
        var planned = Fixtures.plan(Fixtures.shortHold)
        planned.exercises[0].dose.sets = 4
        var first = Harness(planned, at: 0)
        first.startAndCheckIn(pain: 1)
        first.doCurrentSet(); first.rate(6)  // 5 s is the smallest hold: one set fewer, 3 of 3
        first.confirm()  // the notice
        first.doCurrentSet(); first.rate(2)  // keep
        #expect(first.loggedSets.first?.decision.nextDose?.sets == 3)
        #expect(first.loggedSets.last?.decision.nextDose == nil)

        let point = ResumePoint(exerciseIndex: 0, setNumber: 3, side: .both, checkIn: .alreadyGiven(1),
                                completedSets: first.loggedSets)
        var h = Harness(engine: SessionEngine(plan: planned, resumingAt: point, options: Harness.fixedOptions))
        h.send { .start(now: $0) }
        #expect(h.state.setNumber == 3 && h.state.totalSets == 3)
        h.doCurrentSet(); h.rate(2)
        #expect(h.phase == .summary, "the dropped fourth set is not done after the resume")
    }

    @Test func resumeCanAskForTheCheckInAgain() {
        let point = ResumePoint(exerciseIndex: 0, setNumber: 2, side: .both, checkIn: .ask, completedSets: [])
        var h = Harness(engine: SessionEngine(plan: Fixtures.plan(Fixtures.catCow), resumingAt: point, options: Harness.fixedOptions))
        h.send { .start(now: $0) }
        #expect(h.phase == .checkIn)
        h.rate(1)
        #expect(h.phase == .intro && h.state.setNumber == 2)
    }
}

@Suite("Regressions found by the property tests")
struct RegressionTests {
    /// The policy's end-of-session notice expired at the same event that asked to end early:
    /// the session used to be ended (and logged) twice.
    @Test func aKeyAfterTheEndingNoticeExpiredDoesNotEndTheSessionAgain() {
        var h = Harness(Fixtures.plan(Fixtures.catCow, Fixtures.hamstringStretch), at: 0)
        h.startAndCheckIn()
        h.doCurrentSet()
        h.rate(8)
        h.confirm()
        h.doCurrentSet()
        h.rate(9)
        #expect(h.phase == .adjustmentNotice)
        h.now = h.now + .seconds(10)
        let effects = h.send { .endEarly(now: $0) }
        #expect(h.sessionEnds.count == 1)
        #expect(Harness.logOnly(effects).count == 1 && h.state.outcome == .endedByPolicy)
    }
}
