import MonotonicTime
import CoachPolicy
import ExerciseCatalog
@testable import SessionEngine

/// Small catalog used by the tests: one exercise of each work form and side pattern.
enum Fixtures {
    /// Timed hold, each side: 2 x 30 s, 20 s rest.
    static let kneeToChest = Exercise(
        id: "knee-to-chest", name: "Knee to chest", kind: .stretch, sides: .each,
        dose: Dose(sets: 2, work: .seconds(30), rest: 20), steps: ["Lie on your back.", "Pull one knee in."])
    /// Timed hold, both sides at once: 3 x 30 s, 30 s rest.
    static let hamstringStretch = Exercise(
        id: "hamstring-stretch", name: "Hamstring stretch", kind: .stretch, sides: .both,
        dose: Dose(sets: 3, work: .seconds(30), rest: 30), steps: ["Sit.", "Reach."])
    /// Self-paced reps: 2 x 10, 30 s rest.
    static let catCow = Exercise(
        id: "cat-cow", name: "Cat-cow", kind: .mobility, sides: .both,
        dose: Dose(sets: 2, work: .reps(10), rest: 30), steps: ["On all fours.", "Round, then arch."])
    /// The easier variant of the glute bridge: 2 x 20 s hold.
    static let bridgeHold = Exercise(
        id: "bridge-hold", name: "Bridge hold", kind: .strength, sides: .both,
        dose: Dose(sets: 2, work: .seconds(20), rest: 30), steps: ["Lift.", "Hold."])
    /// Tempo-guided reps 2-3-2: 2 x 10, 45 s rest, with an easier variant.
    static let gluteBridge = Exercise(
        id: "glute-bridge", name: "Glute bridge", kind: .strength, sides: .both,
        dose: Dose(sets: 2, work: .reps(10), rest: 45), tempo: Tempo(up: 2, hold: 3, down: 2),
        steps: ["Lie on your back.", "Lift your hips."], easier: "bridge-hold")
    /// Tempo with an empty hold phase (1-0-1), each side: 1 x 3.
    static let deadBug = Exercise(
        id: "dead-bug", name: "Dead bug", kind: .strength, sides: .each,
        dose: Dose(sets: 1, work: .reps(3), rest: 0), tempo: Tempo(up: 1, hold: 0, down: 1),
        steps: ["Arms up.", "Lower the opposite arm and leg."])
    /// A 60 s hold for the pause arithmetic: 1 x 60 s.
    static let longHold = Exercise(
        id: "long-hold", name: "Long hold", kind: .stretch, sides: .both,
        dose: Dose(sets: 1, work: .seconds(60), rest: 0), steps: ["Hold."])
    /// A hold already at the shortest the policy allows: 3 x 5 s.
    static let shortHold = Exercise(
        id: "short-hold", name: "Short hold", kind: .stretch, sides: .both,
        dose: Dose(sets: 3, work: .seconds(5), rest: 10), steps: ["Hold."])

    static let all = [kneeToChest, hamstringStretch, catCow, bridgeHold, gluteBridge, deadBug, longHold, shortHold]

    static func lookup(_ id: String) -> Exercise? { all.first { $0.id == id } }

    /// A plan of these exercises in order, each with its catalog dose and easier variant.
    static func plan(_ exercises: Exercise...) -> SessionPlan {
        plan(exercises)
    }

    static func plan(_ exercises: [Exercise]) -> SessionPlan {
        SessionPlan(routineID: "test", routineName: "Test routine", exercises: exercises.map {
            PlannedExercise(exercise: $0, dose: $0.dose, easierVariant: $0.easier.flatMap(lookup))
        })
    }
}

/// Drives an engine with a synthetic clock (seconds since an arbitrary origin) and keeps every effect.
struct Harness {
    var engine: SessionEngine
    var now: Instant
    var effects: [SessionEffect] = []

    /// Fixed 5 s get-readies and intros that wait for Enter, so the tests of everything else
    /// read plainly; the tests of the shipped defaults pass `SessionOptions.standard`.
    static let fixedOptions = SessionOptions(getReady: .seconds(5), firstGetReady: .seconds(5), introAutoAdvance: nil)

    init(_ plan: SessionPlan, at start: Double = 1000, options: SessionOptions = Harness.fixedOptions) {
        engine = SessionEngine(plan: plan, options: options)
        now = .seconds(start)
    }

    init(engine: SessionEngine, at start: Double = 1000) {
        self.engine = engine
        now = .seconds(start)
    }

    var state: SessionState { engine.state }
    var phase: SessionPhase.Kind { engine.state.phase.kind }

    /// Sends an event built for the current instant; returns its effects.
    @discardableResult
    mutating func send(_ make: (Instant) -> SessionEvent) -> [SessionEffect] {
        let produced = engine.handle(make(now))
        effects += produced
        return produced
    }

    /// Moves the clock to `seconds` (absolute) and ticks.
    @discardableResult
    mutating func tick(at seconds: Double) -> [SessionEffect] {
        now = .seconds(seconds)
        return send { .tick(now: $0) }
    }

    /// Moves the clock forward by `seconds` and ticks.
    @discardableResult
    mutating func wait(_ seconds: Double) -> [SessionEffect] {
        now = now + .milliseconds(Int64((seconds * 1000).rounded()))
        return send { .tick(now: $0) }
    }

    @discardableResult
    mutating func confirm() -> [SessionEffect] { send { .confirm(now: $0) } }

    /// Types a pain value at the prompt and confirms it.
    @discardableResult
    mutating func rate(_ pain: Int, spread: Bool = false) -> [SessionEffect] {
        send { .painSet(pain, now: $0) }
        if spread { send { .toggleSpread(now: $0) } }
        return confirm()
    }

    /// start, check-in pain, and Enter on the first intro: the first set's get-ready is running.
    mutating func startAndCheckIn(pain: Int = 2) {
        send { .start(now: $0) }
        rate(pain)
    }

    /// Skips the get-ready countdown and, for holds, waits the hold out; stops at the pain prompt.
    mutating func doCurrentSet() {
        if phase == .intro { confirm() }
        if phase == .rest { confirm() }
        if phase == .getReady || phase == .sideSwitch { confirm() }
        switch engine.state.phase {
        case .hold(let countdown): wait(countdown.total.secondsDouble)
        case .selfPacedReps(let reps):
            for _ in 0..<reps.target { send { .countRep(now: $0) } }
            confirm()
        case .tempoReps(let progress):
            wait(Double(progress.tempo.repSeconds * progress.target))
        default: break
        }
    }

    /// The effects that write the log (every cue left out).
    static func logOnly(_ effects: [SessionEffect]) -> [SessionEffect] {
        effects.filter { if case .cue = $0 { false } else { true } }
    }

    var loggedSets: [SetRecord] {
        effects.compactMap { if case .logSet(let record) = $0 { return record } else { return nil } }
    }

    var cues: [Cue] {
        effects.compactMap { if case .cue(let cue) = $0 { return cue } else { return nil } }
    }

    var sessionEnds: [SessionEndRecord] {
        effects.compactMap { if case .logSessionEnd(let record) = $0 { return record } else { return nil } }
    }
}

