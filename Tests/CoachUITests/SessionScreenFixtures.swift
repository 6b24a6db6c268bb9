import MonotonicTime
import CoachPolicy
import TUIKit
import CoachUI
import ExerciseCatalog
import SessionEngine

/// Hand-made exercises and a plan for screen tests: a timed hold done on each side, a
/// self-paced rep exercise and a tempo-guided one with an easier variant.
enum ScreenFixtures {
    static let kneeToChest = Exercise(
        id: "knee-to-chest", name: "Knee to chest", kind: .stretch, area: ["lower-back"], sides: .each,
        dose: Dose(sets: 2, work: .seconds(30), rest: 15),
        steps: ["Lie on your back with both knees bent.", "Pull one knee gently toward your chest.",
                "Hold, breathing slowly.", "Lower it and switch legs."],
        cues: ["Breathe out as you pull.", "No bouncing."],
        stopIf: ["Pain or tingling spreads further down your leg."],
        figure: ["       ____", "      /\\   \\", " o__/____\\__", "=============="])

    static let pelvicTilt = Exercise(
        id: "pelvic-tilt", name: "Pelvic tilt", kind: .mobility, area: ["core"], sides: .both,
        dose: Dose(sets: 2, work: .reps(10), rest: 30),
        steps: ["Lie on your back, knees bent.", "Flatten your low back into the mat.", "Relax."],
        cues: ["Small movement."], stopIf: ["Sharp pain."])

    static let bridgeHold = Exercise(
        id: "bridge-hold", name: "Bridge hold", kind: .strength, area: ["glutes"], sides: .both,
        dose: Dose(sets: 2, work: .seconds(15), rest: 30),
        steps: ["Lie on your back.", "Lift your hips.", "Hold."], harder: "glute-bridge")

    static let gluteBridge = Exercise(
        id: "glute-bridge", name: "Glute bridge", kind: .strength, area: ["glutes"], sides: .both,
        dose: Dose(sets: 2, work: .reps(10), rest: 45), tempo: Tempo(up: 2, hold: 3, down: 2),
        steps: ["Lie on your back.", "Lift your hips.", "Lower slowly."], cues: ["Squeeze first."],
        stopIf: ["Back pain when lifting."], easier: "bridge-hold")

    static var plan: SessionPlan {
        SessionPlan(routineID: "test-routine", routineName: "Test routine", exercises: [
            PlannedExercise(exercise: kneeToChest, dose: kneeToChest.dose),
            PlannedExercise(exercise: pelvicTilt, dose: pelvicTilt.dose),
            PlannedExercise(exercise: gluteBridge, dose: gluteBridge.dose, easierVariant: bridgeHold),
        ])
    }
}

/// Records what the session program asks to be written.
final class RecordingSink: SessionEffectSink {
    var effects: [SessionEffect] = []
    var failure: (any Error)?
    /// Effects refused while `failure` is set, as a sink that keeps them for a retry does.
    var unsaved: [SessionEffect] = []
    var unsavedCount: Int { unsaved.count }
    func perform(_ effect: SessionEffect) throws {
        if let failure { unsaved.append(effect); throw failure }
        effects.append(effect)
    }
    func retryUnsaved() throws {
        if let failure { throw failure }
        effects += unsaved
        unsaved = []
    }
    var loggedSets: [SetRecord] {
        effects.compactMap { if case .logSet(let record) = $0 { return record } else { return nil } }
    }
    var sessionEnds: [SessionEndRecord] {
        effects.compactMap { if case .logSessionEnd(let record) = $0 { return record } else { return nil } }
    }
}

/// Drives a `SessionProgram` with keys at chosen instants, like a person would.
struct ProgramDriver {
    var program: SessionProgram
    let sink = RecordingSink()
    var now = Instant.seconds(1000)

    /// Fixed 5 s get-readies and intros that wait for Enter, unless a test asks for the shipped
    /// defaults (`SessionOptions.standard`).
    static let fixedOptions = SessionOptions(getReady: .seconds(5), firstGetReady: .seconds(5), introAutoAdvance: nil)

    init(plan: SessionPlan = ScreenFixtures.plan, options: SessionOptions = ProgramDriver.fixedOptions) {
        program = SessionProgram(engine: SessionEngine(plan: plan, options: options), sink: sink, ringsBells: true, startingAt: now)
    }

    @discardableResult
    mutating func press(_ key: Key, after seconds: Double = 0.5) -> [ProgramCommand] {
        now = now.advanced(by: .milliseconds(Int64(seconds * 1000)))
        return program.handle(.key(key, now: now))
    }

    @discardableResult
    mutating func wait(_ seconds: Double) -> [ProgramCommand] {
        now = now.advanced(by: .milliseconds(Int64(seconds * 1000)))
        return program.handle(.tick(now: now))
    }

    mutating func type(_ text: String) {
        for character in text { press(character == " " ? .space : .character(character)) }
    }

    func screen(_ width: Int = 80, _ height: Int = 24) -> [String] {
        program.render(size: Size(width: width, height: height), now: now).lines
    }

    func text(_ width: Int = 80, _ height: Int = 24) -> String { screen(width, height).joined(separator: "\n") }
}
