import MonotonicTime
import CoachPolicy
import ExerciseCatalog
import PropertyBased
import Testing
import TestSupport
@testable import SessionEngine

/// Random key presses with random pauses between them, then a patient person who only confirms,
/// answers the pain question and lets time pass: the invariants hold after every event.
@Suite("Properties over random event sequences")
struct PropertyTests {
    /// Short doses so a random walk reaches the interesting places (sides, switches, stops) often.
    static let plans: [SessionPlan] = {
        func shrunk(_ exercise: Exercise, sets: Int, work: Work, rest: Int) -> Exercise {
            var copy = exercise
            copy.dose = Dose(sets: sets, work: work, rest: rest)
            return copy
        }
        let knee = shrunk(Fixtures.kneeToChest, sets: 2, work: .seconds(8), rest: 3)
        let catCow = shrunk(Fixtures.catCow, sets: 2, work: .reps(4), rest: 2)
        var bridge = shrunk(Fixtures.gluteBridge, sets: 3, work: .reps(3), rest: 2)
        bridge.tempo = Tempo(up: 1, hold: 2, down: 1)
        let bridgeHold = shrunk(Fixtures.bridgeHold, sets: 2, work: .seconds(6), rest: 2)
        let hamstring = shrunk(Fixtures.hamstringStretch, sets: 3, work: .seconds(6), rest: 2)
        let withEasier = PlannedExercise(exercise: bridge, dose: bridge.dose, easierVariant: bridgeHold)
        func planned(_ e: Exercise) -> PlannedExercise { PlannedExercise(exercise: e, dose: e.dose) }
        return [
            SessionPlan(routineID: "a", routineName: "A", exercises: [planned(knee), planned(catCow), withEasier]),
            SessionPlan(routineID: "b", routineName: "B", exercises: [withEasier, planned(hamstring), planned(Fixtures.deadBug), planned(Fixtures.shortHold)]),
            SessionPlan(routineID: "c", routineName: "C", exercises: [planned(catCow), planned(knee)]),
        ]
    }()

    /// A key for a random code; `value` picks digits and rarely the quit.
    static func event(code: Int, value: Int, now: Instant) -> SessionEvent {
        switch code {
        case 0, 1, 2: return .tick(now: now)
        case 3, 4, 15: return .confirm(now: now)
        case 5: return .countRep(now: now)
        case 6: return .togglePause(now: now)
        case 7: return value % 3 == 0 ? .skipExercise(now: now) : .tick(now: now)
        case 8: return .painDigit(value % 10, now: now)
        case 9: return .painAdjust(1, now: now)
        case 10: return .painAdjust(-1, now: now)
        case 11: return .toggleSpread(now: now)
        case 12: return .painSet(value % 11, now: now)
        case 13: return value % 40 == 0 ? .endEarly(now: now) : .tick(now: now)
        default: return .painSet(value % 11, now: now)
        }
    }

    /// Most events the patient driver may need: every set's get-ready, work, pain, notice and rest,
    /// per side, with the easier variant's work where it is longer.
    static func eventBound(_ plan: SessionPlan) -> Int {
        func workEvents(_ work: Work, _ tempo: Tempo?) -> Int {
            switch work {
            case .seconds(let s): return s
            case .reps(let n): return n * max(1, tempo?.repSeconds ?? 1) + 1
            }
        }
        var bound = 5
        for planned in plan.exercises {
            var work = workEvents(planned.dose.work, planned.exercise.tempo)
            if let easier = planned.easierVariant { work = max(work, workEvents(easier.dose.work, easier.tempo)) }
            let perSet = 5 + work + 3 + 1 + planned.dose.rest + 2
            bound += 2 + planned.dose.sets * 2 * perSet
        }
        return bound
    }

    /// Watches every event's effects and the state after it.
    struct Monitor {
        var volume: [String: (sets: Int, amount: Int)] = [:]
        var targets: [String: Int] = [:]
        var stoppedPlanIndices: Set<Int> = []
        var stops = 0
        var sessionEnded = false
        var setsLogged = 0
        var spreadMarks = 0

        mutating func observe(_ effects: [SessionEffect], engine: SessionEngine, now: Instant) {
            let state = engine.state
            for effect in effects {
                switch effect {
                case .logSet(let record):
                    #expect(!sessionEnded, "no set after the end")
                    #expect((0...10).contains(record.pain), "every logged set has a pain value")
                    setsLogged += 1
                    let key = "\(record.planIndex)/\(record.exerciseID)"
                    #expect(record.target.amount <= targets[key, default: .max], "logged targets never rise")
                    targets[key] = record.target.amount
                    #expect(!stoppedPlanIndices.contains(record.planIndex), "no set of a stopped exercise")
                    if record.spreadDownLeg {
                        spreadMarks += 1
                        #expect(record.decision.stopsExercise, "a spread mark always stops the exercise")
                    }
                    if record.decision.stopsExercise {
                        stops += 1
                        stoppedPlanIndices.insert(record.planIndex)
                        #expect(stops <= PainPolicy.stopsThatEndTheSession)
                        #expect((record.decision.action == .endSession) == (stops == PainPolicy.stopsThatEndTheSession),
                                "the second stop, and only it, ends the session")
                    }
                case .logSessionEnd(let end):
                    #expect(!sessionEnded, "the session ends once")
                    sessionEnded = true
                    #expect(state.isOver)
                    #expect(end.setsDone == setsLogged)
                    if stops == PainPolicy.stopsThatEndTheSession {
                        #expect(end.outcome != .completed, "two stops never end as completed")
                    }
                default:
                    break
                }
            }
            if let current = state.current, !state.isOver {
                let key = "\(current.planIndex)/\(current.exercise.id)"
                if let before = volume[key] {
                    #expect(current.dose.sets <= before.sets && current.dose.work.amount <= before.amount,
                            "volume never rises within a session")
                }
                volume[key] = (current.dose.sets, current.dose.work.amount)
                if stoppedPlanIndices.contains(current.planIndex) {
                    #expect(state.phase.kind == .adjustmentNotice, "a stopped exercise only shows its notice")
                }
            }
            if let countdown = state.countdown {
                let remaining = countdown.remaining(at: now)
                #expect(remaining >= .zero && remaining <= countdown.total)
            }
            if let next = engine.nextVisibleChange(after: now) {
                #expect(next > now, "due deadlines were handled, so the next change is ahead")
                #expect(!state.isPaused)
            }
            #expect(state.setsDone == setsLogged)
            #expect(state.isOver == sessionEnded)
        }
    }

    /// Plays random steps, then the patient driver; returns the harness and monitor at the end.
    static func play(plan: SessionPlan, steps: [(Int, Int, Int)], pains: [Int]) -> (Harness, Monitor, Int) {
        var h = Harness(plan, at: 0)
        var monitor = Monitor()
        monitor.observe(h.send { .start(now: $0) }, engine: h.engine, now: h.now)
        for (code, millis, value) in steps {
            h.now = h.now + .milliseconds(millis)
            let effects = h.send { event(code: code, value: value, now: $0) }
            monitor.observe(effects, engine: h.engine, now: h.now)
        }
        var driverEvents = 0
        var painIndex = 0
        let bound = eventBound(plan)
        while !h.state.isOver && driverEvents <= bound {
            driverEvents += 1
            let effects: [SessionEffect]
            switch h.state.phase {
            case _ where h.state.isPaused:
                effects = h.send { .togglePause(now: $0) }
            case .checkIn(let prompt), .painPrompt(let prompt):
                if prompt.selection == nil {
                    // 11 stands for "pain 2, and it spread down the leg".
                    let pick = pains.isEmpty ? 2 : pains[painIndex % pains.count]
                    painIndex += 1
                    var produced = h.send { .painSet(pick == 11 ? 2 : pick, now: $0) }
                    if pick == 11 && prompt.offersSpreadMark && !prompt.spreadDownLeg {
                        produced += h.send { .toggleSpread(now: $0) }
                    }
                    effects = produced
                } else {
                    effects = h.send { .confirm(now: $0) }
                }
            case .selfPacedReps(let reps) where !reps.isTargetReached:
                effects = h.send { .countRep(now: $0) }
            case .intro, .selfPacedReps, .skipReason:
                // At "why skip?" a patient person says why (Enter is "other").
                effects = h.send { .confirm(now: $0) }
            default:
                if let next = h.engine.nextVisibleChange(after: h.now) { h.now = max(h.now, next) }
                effects = h.send { .tick(now: $0) }
            }
            monitor.observe(effects, engine: h.engine, now: h.now)
        }
        return (h, monitor, driverEvents)
    }

    static let steps = zip(Gen.int(in: 0...15), Gen.int(in: 0...4000), Gen.int(in: 0...1000)).array(of: 0...250)
    static let pains = Gen.int(in: 0...11).array(of: 0...12)
    static let planChoice = Gen.int(in: 0...(plans.count - 1))

    @Test func invariantsHoldAndTheSessionAlwaysEnds() async {
        await propertyCheck(count: 300, input: Self.planChoice, Self.steps, Self.pains) { choice, steps, pains in
            let plan = Self.plans[choice]
            let (h, monitor, driverEvents) = Self.play(plan: plan, steps: steps, pains: pains)
            #expect(h.state.isOver, "ended within \(Self.eventBound(plan)) patient events")
            #expect(driverEvents <= Self.eventBound(plan))
            #expect(monitor.sessionEnded)
            if monitor.stops == PainPolicy.stopsThatEndTheSession {
                #expect(h.state.outcome != .completed)
            }
        }
    }

    @Test func aPatientPersonAlwaysFinishesAndTwoStopsEndByPolicy() async {
        await propertyCheck(count: 200, input: Self.planChoice, Self.pains) { choice, pains in
            let plan = Self.plans[choice]
            let (h, monitor, _) = Self.play(plan: plan, steps: [], pains: pains)
            #expect(h.state.isOver)
            // Without random keys nothing but the policy or the plan's end can finish the session.
            let expected: SessionStatus = monitor.stops == PainPolicy.stopsThatEndTheSession ? .endedByPolicy : .completed
            #expect(h.state.outcome == expected)
            if monitor.spreadMarks > 0 { #expect(monitor.stops >= 1) }
        }
    }

    @Test func aHoldLastsItsSecondsOfUnpausedTimeWhateverThePauses() async {
        let toggles = Gen.int(in: 1...30_000).array(of: 0...12)
        await propertyCheck(count: 200, input: toggles) { gaps in
            var h = Harness(Fixtures.plan(Fixtures.longHold), at: 0)
            h.startAndCheckIn()
            h.confirm()
            h.confirm()  // the hold starts now, at 0
            var paused = Duration.zero
            var pausedSince: Instant?
            for gap in gaps where h.phase == .hold || h.state.isPaused {
                h.now = h.now + .milliseconds(gap)
                if pausedSince == nil, h.now >= .seconds(60) + paused { break }  // the hold ends before this press
                if let since = pausedSince { paused += since.duration(to: h.now); pausedSince = nil } else { pausedSince = h.now }
                h.send { .togglePause(now: $0) }
            }
            if let since = pausedSince {
                h.now = h.now + .seconds(1)
                paused += since.duration(to: h.now)
                h.send { .togglePause(now: $0) }
            }
            let end = Instant.seconds(60) + paused
            h.now = end + .nanoseconds(-1)
            h.send { .tick(now: $0) }
            #expect(h.phase == .hold, "still holding 1 ns before 60 s of unpaused time")
            h.now = end
            h.send { .tick(now: $0) }
            #expect(h.phase == .painPrompt)
            #expect(h.state.painPrompt?.completedWork?.done == .seconds(60))
        }
    }
}

extension PropertyTests {
    /// Guards the properties against passing vacuously: over many random walks, every decision,
    /// every phase and every way to end actually happens.
    @Test func randomWalksReachEveryDecisionPhaseAndEnding() async {
        var actions: Set<Adjustment> = []
        var phases: Set<SessionPhase.Kind> = []
        var outcomes: Set<SessionStatus> = []
        var skips = 0
        var pausedPhases: Set<SessionPhase.Kind> = []
        await propertyCheck(count: 300, input: Self.planChoice, Self.steps, Self.pains) { choice, steps, pains in
            var h = Harness(Self.plans[choice], at: 0)
            h.send { .start(now: $0) }
            for (code, millis, value) in steps {
                h.now = h.now + .milliseconds(millis)
                h.send { Self.event(code: code, value: value, now: $0) }
                phases.insert(h.phase)
                if h.state.isPaused { pausedPhases.insert(h.phase) }
            }
            let (finished, _, _) = Self.play(plan: Self.plans[choice], steps: steps, pains: pains)
            actions.formUnion(finished.loggedSets.map(\.decision.action))
            outcomes.formUnion(finished.state.outcome.map { [$0] } ?? [])
            skips += finished.effects.filter { if case .logSkip = $0 { true } else { false } }.count
        }
        #expect(actions == Set(Adjustment.allCases))
        #expect(phases.isSuperset(of: [.checkIn, .intro, .getReady, .sideSwitch, .hold, .selfPacedReps, .tempoReps,
                                       .painPrompt, .adjustmentNotice, .rest]))
        #expect(outcomes == [.completed, .endedEarly, .endedByPolicy])
        #expect(skips > 0)
        #expect(pausedPhases.contains(.hold))
    }
}
