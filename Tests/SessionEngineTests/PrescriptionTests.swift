import MonotonicTime
import CoachPolicy
import ExerciseCatalog
import PropertyBased
import Testing
import TestSupport
@testable import SessionEngine

/// A chain of three (bridge hold <-> glute bridge <-> single-leg bridge), a stretch with a range and
/// no variants, and a routine over them.
enum ChainFixtures {
    static let bridgeHold = Exercise(
        id: "bridge-hold", name: "Bridge hold", kind: .strength, sides: .both,
        dose: Dose(sets: 3, work: .seconds(15), rest: 30), max: DoseCeiling(seconds: 30),
        steps: ["Lift.", "Hold."], harder: "glute-bridge")
    static let gluteBridge = Exercise(
        id: "glute-bridge", name: "Glute bridge", kind: .strength, sides: .both,
        dose: Dose(sets: 2, work: .reps(10), rest: 45), max: DoseCeiling(reps: 14),
        steps: ["Lift.", "Lower."], easier: "bridge-hold", harder: "single-leg-bridge")
    static let singleLegBridge = Exercise(
        id: "single-leg-bridge", name: "Single-leg bridge", kind: .strength, sides: .each,
        dose: Dose(sets: 2, work: .reps(8), rest: 45), max: DoseCeiling(reps: 10),
        steps: ["Lift on one leg."], easier: "glute-bridge")
    static let kneeToChest = Exercise(
        id: "knee-to-chest", name: "Knee to chest", kind: .stretch, sides: .each,
        dose: Dose(sets: 3, work: .seconds(30), rest: 15), max: DoseCeiling(seconds: 45),
        steps: ["Pull one knee in."])
    static let shortHold = Exercise(
        id: "short-hold", name: "Short hold", kind: .stretch, sides: .both,
        dose: Dose(sets: 1, work: .seconds(5), rest: 0), steps: ["Hold."])

    static let routine = Routine(id: "test", name: "Test", kind: .strength, summary: "Test routine.", items: [
        RoutineItem(exercise: "glute-bridge"),
        RoutineItem(exercise: "knee-to-chest", override: DoseOverride(sets: 1)),
    ])
    static let catalog = Catalog(
        exercises: [bridgeHold, gluteBridge, singleLegBridge, kneeToChest, shortHold], routines: [routine])
    static var plan: SessionPlan { try! SessionPlan(routine: routine, catalogLookup: catalog.exercise) }

    /// A session of the test routine: `bridge` sets at position 0 (each pain, exercise id, target).
    static func session(
        _ bridge: [(Int, String, Work)], knee: [Int] = [1], spread: Bool = false, stopAt: Int? = nil,
        flare: Bool = false, startingPain: Int? = 2
    ) -> PastSession {
        var sets: [SetRecord] = []
        for (index, (pain, id, work)) in bridge.enumerated() {
            var action: Adjustment = .keep
            if stopAt == index { action = .stopExercise }
            sets.append(pastSet(position: 0, exerciseID: id, target: work, pain: pain,
                                spread: spread && index == bridge.count - 1, action: action))
        }
        for pain in knee { sets.append(pastSet(position: 1, exerciseID: "knee-to-chest", target: .seconds(30), pain: pain)) }
        return PastSession(routineID: "test", startingPain: startingPain, flareReported: flare, sets: sets)
    }

    static func easy(_ id: String = "glute-bridge", _ work: Work = .reps(10)) -> PastSession {
        session([(1, id, work), (2, id, work)])
    }

    static func prescribe(_ history: [PastSession], today: TodayCheckIn = TodayCheckIn()) -> Prescription {
        Prescriber.prescribe(base: plan, history: history, today: today, catalog: catalog)
    }
}

@Suite("prescription")
struct PrescriptionTests {
    typealias F = ChainFixtures

    @Test("no history: the routine's defaults, no notes")
    func noHistory() {
        let p = F.prescribe([])
        #expect(p.plan == F.plan)
        #expect(p.exercises.map(\.change) == [.routineDefault, .routineDefault])
        #expect(p.exercises[0].reason == "Glute bridge 2 x 10 reps: the routine's dose.")
        #expect(p.changes.isEmpty)
    }

    @Test("two easy sessions in a row: +2 reps, with the reason")
    func twoEasyProgress() {
        let p = F.prescribe([F.easy(), F.easy()])
        let bridge = p.exercises[0]
        #expect(bridge.change == .progressed)
        #expect(p.plan.exercises[0].dose == Dose(sets: 2, work: .reps(12), rest: 45))
        #expect(bridge.reason == "Glute bridge 2 x 12 reps, up from 10: two easy sessions in a row (every set 0-3, no spread).")
        #expect(p.plan.exercises[0].prescriptionNote == bridge.reason)
        #expect(p.plan.exercises[0].easierVariant?.id == "bridge-hold")
    }

    @Test("one easy session: same dose, and it says one more moves it up")
    func oneEasyHolds() {
        let p = F.prescribe([F.easy()])
        #expect(p.exercises[0].change == .held)
        #expect(p.exercises[0].reason.hasSuffix("one easy session at this dose; one more in a row moves it up."))
        #expect(p.plan.exercises[0].prescriptionNote == nil, "the routine's own dose needs no note")
    }

    @Test("easy sessions at different doses do not add up")
    func streakNeedsTheSameDose() {
        let p = F.prescribe([F.easy(), F.easy(), F.easy("glute-bridge", .reps(12))])
        #expect(p.exercises[0].change == .held)
        #expect(p.plan.exercises[0].dose.work == .reps(12))
        #expect(p.plan.exercises[0].prescriptionNote?.hasPrefix("Glute bridge 2 x 12 reps, same as last time") == true)
    }

    @Test("pain 4-5 holds; pain 6+ steps back ~30%; a stop or a spread goes to the easier variant")
    func stepsBack() {
        let amber = F.prescribe([F.easy(), F.session([(1, "glute-bridge", .reps(10)), (5, "glute-bridge", .reps(10))])])
        #expect(amber.exercises[0].change == .held)
        #expect(amber.exercises[0].reason.contains("pain reached 5 (4-5 is acceptable; no step up from that session)"))

        let tooMuch = F.prescribe([F.session([(6, "glute-bridge", .reps(10))])])
        #expect(tooMuch.exercises[0].change == .steppedBack)
        #expect(tooMuch.exercises[0].reason == "Glute bridge 2 x 7 reps, down from 10: last time pain reached 6 (above 5).")

        let stopped = F.prescribe([F.session([(8, "glute-bridge", .reps(10))], stopAt: 0)])
        #expect(stopped.plan.exercises[0].exercise.id == "bridge-hold")
        #expect(stopped.plan.exercises[0].dose == Dose(sets: 2, work: .seconds(15), rest: 45))
        #expect(stopped.exercises[0].reason == "Bridge hold 2 x 15 s, the easier variant, instead of Glute bridge: last time it was stopped (pain 8).")

        let spread = F.prescribe([F.session([(2, "glute-bridge", .reps(10))], spread: true)])
        #expect(spread.plan.exercises[0].exercise.id == "bridge-hold")
        #expect(spread.exercises[0].reason.hasSuffix("last time pain spread down your leg."))
    }

    @Test("a flare steps back what the last session did and blocks any step up")
    func flare() {
        let worse = F.prescribe([F.easy(), F.easy()], today: TodayCheckIn(sinceLast: .worse, startingPain: 2))
        #expect(worse.flare?.cause == .reportedWorse)
        #expect(worse.exercises[0].change == .steppedBack)
        #expect(worse.exercises[0].reason == "Glute bridge 2 x 7 reps, down from 10: a flare: you said your pain is worse since your last session.")
        #expect(worse.exercises[1].change == .steppedBack)
        #expect(worse.plan.exercises[1].dose.work == .seconds(21))

        let history = [F.easy(), F.easy(), F.easy()]  // usual starting pain 2
        let high = F.prescribe(history, today: TodayCheckIn(startingPain: 4))
        #expect(high.usualPain == 2)
        #expect(high.flare?.cause == .painAboveUsual(today: 4, usual: 2))
        #expect(high.exercises.allSatisfy { $0.change == .steppedBack })
        let notYet = F.prescribe(history, today: TodayCheckIn(startingPain: 3))
        #expect(notYet.flare == nil)

        // The session after the flare day does not step up, however easy it was.
        let afterFlare = F.prescribe([F.easy(), F.easy(), F.session([(1, "glute-bridge", .reps(7)), (1, "glute-bridge", .reps(7))], flare: true)])
        #expect(afterFlare.exercises[0].change == .held)
        #expect(afterFlare.exercises[0].reason.contains("the last session started on a flare"))
    }

    @Test("a chain reaches its top: +1 set at the top of the reps range, then the harder variant at its starting dose, then it stays")
    func chainTop() {
        let atTop = F.prescribe([F.easy("glute-bridge", .reps(14)), F.easy("glute-bridge", .reps(14))])
        #expect(atTop.plan.exercises[0].exercise.id == "glute-bridge")
        #expect(atTop.plan.exercises[0].dose == Dose(sets: 3, work: .reps(14), rest: 45), "one set more at the top of the reps range")
        #expect(atTop.exercises[0].reason == "Glute bridge 3 x 14 reps, 3 sets instead of 2, at the top of its reps range: two easy sessions in a row (every set 0-3, no spread).")
        var threeSets = F.easy("glute-bridge", .reps(14))
        threeSets.plannedSets = [0: 3, 1: 1]
        let harder = F.prescribe([threeSets, threeSets])
        #expect(harder.plan.exercises[0].exercise.id == "single-leg-bridge")
        #expect(harder.plan.exercises[0].dose == Dose(sets: 2, work: .reps(8), rest: 45), "routine's sets and rest, the variant's work")
        #expect(harder.exercises[0].reason == "Single-leg bridge 2 x 8 reps each, the harder variant, instead of Glute bridge at its top (14): two easy sessions in a row (every set 0-3, no spread).")
        var top = F.easy("single-leg-bridge", .reps(10))
        top.plannedSets = [0: 3, 1: 1]
        let stays = F.prescribe([top, top])
        #expect(stays.exercises[0].change == .held)
        #expect(stays.plan.exercises[0].exercise.id == "single-leg-bridge")
        #expect(stays.exercises[0].reason.hasSuffix("kept: it is at the top of its range (10) and has no harder variant."))
    }

    @Test("a logged exercise outside the chain falls back to the routine's default")
    func outsideChain() {
        let p = F.prescribe([F.easy("knee-to-chest", .seconds(30)), F.easy("knee-to-chest", .seconds(30))])
        #expect(p.exercises[0].change == .routineDefault)
        #expect(p.plan.exercises[0].exercise.id == "glute-bridge")
    }

    @Test("the usual pain is the lower median of the last seven")
    func usualPain() {
        #expect(ProgressionPolicy.usualPain([3, 4]) == nil)
        #expect(ProgressionPolicy.usualPain([1, 5, 3]) == 3)
        #expect(ProgressionPolicy.usualPain([2, 4, 6, 8]) == 4)
        #expect(ProgressionPolicy.usualPain([9, 9, 9, 0, 0, 0, 1, 1]) == 1)
    }

    @Test("walking steps up 2 minutes to 30; an exercise's progression: overrides the default step")
    func steps() {
        let walk = Exercise(id: "walk", name: "Walking", kind: .aerobic, sides: .both,
                            dose: Dose(sets: 1, work: .seconds(600), rest: 0), steps: ["Walk."])
        #expect(ProgressionPolicy.steppedUp(.seconds(600), ceiling: ProgressionPolicy.ceiling(of: walk), step: ProgressionPolicy.step(for: walk)) == .seconds(720))
        #expect(ProgressionPolicy.steppedUp(.seconds(1750), ceiling: ProgressionPolicy.ceiling(of: walk), step: ProgressionPolicy.step(for: walk)) == .seconds(1800))
        #expect(ProgressionPolicy.steppedUp(.seconds(1800), ceiling: ProgressionPolicy.ceiling(of: walk), step: ProgressionPolicy.step(for: walk)) == nil)
        var slow = F.gluteBridge
        slow.progression = ProgressionStep(reps: 1)
        #expect(ProgressionPolicy.steppedUp(.reps(10), ceiling: slow.max, step: ProgressionPolicy.step(for: slow)) == .reps(11))
        #expect(ProgressionPolicy.steppedUp(.seconds(20), ceiling: DoseCeiling(seconds: 45), step: ProgressionPolicy.step(for: F.kneeToChest)) == .seconds(25))
        #expect(ProgressionPolicy.steppedUpSets(2, work: .reps(14), ceiling: F.gluteBridge.max) == 3)
        #expect(ProgressionPolicy.steppedUpSets(3, work: .reps(14), ceiling: F.gluteBridge.max) == nil)
        #expect(ProgressionPolicy.steppedUpSets(2, work: .seconds(30), ceiling: nil) == nil, "holds do not gain sets")
    }

    @Test("the policy text names every threshold")
    func description() {
        let wrapped = PolicyDescription.text()
        let text = wrapped.replacing("\n    ", with: " ")  // one rule per line, to find phrases that wrap
        #expect(text.contains("+2 reps, +5 s of hold"))
        #expect(text.contains("0-3 is safe, 4-5 is acceptable, 6 and above is too much."))
        #expect(!text.contains("CLINICAL.md"))
        #expect(text.contains("new sexual dysfunction"))
        #expect(wrapped.split(separator: "\n").allSatisfy { $0.count <= 78 })
    }

    @Test("red flag outcomes")
    func redFlags() {
        #expect(RedFlags.outcome(yes: []) == .clear)
        #expect(RedFlags.outcome(yes: ["fever"]) == .sameDay, "fever with back pain needs same-day assessment")
        #expect(RedFlags.outcome(yes: ["cancer_history"]) == .seeClinician)
        #expect(RedFlags.daily.map(\.id) == ["saddle_numbness", "bladder_bowel", "both_legs", "sexual_dysfunction", "weak_leg", "fever"])
        #expect(RedFlags.history.allSatisfy { $0.severity == .seeClinician })
        #expect(RedFlags.outcome(yes: ["fever", "bladder_bowel"]) == .emergency)
        #expect(RedFlags.all.prefix(4).allSatisfy { $0.severity == .emergency })
        #expect(RedFlags.whatToTell(yes: ["bladder_bowel"]).contains("new trouble with passing urine, or loss of bowel control"))
    }
}

/// Random trajectories: every session runs today's prescription with random ratings, marks, stops,
/// skips and check-ins, and is added to the history. The invariants hold at every step.
@Suite("prescription properties")
struct PrescriptionPropertyTests {
    typealias F = ChainFixtures

    /// Every level reachable from `level` in one step at position `slot`.
    static func oneStep(from level: ExerciseLevel, slot: PlannedExercise) -> Set<ExerciseLevel> {
        let catalog = F.catalog
        guard let exercise = catalog.exercise(level.exerciseID) else { return [] }
        var result: Set<ExerciseLevel> = [level]
        let ceiling = ProgressionPolicy.ceiling(of: exercise)
        let step = ProgressionPolicy.step(for: exercise)
        if let up = ProgressionPolicy.steppedUp(level.work, ceiling: ceiling, step: step) {
            result.insert(ExerciseLevel(exerciseID: exercise.id, work: up, sets: level.sets))
        }
        // At the top of the reps range the step up is one set more, at the same work.
        if let more = ProgressionPolicy.steppedUpSets(level.sets ?? slot.dose.sets, work: level.work, ceiling: ceiling, step: step) {
            result.insert(ExerciseLevel(exerciseID: exercise.id, work: level.work, sets: more))
        }
        if let back = ProgressionPolicy.steppedBack(level.work) { result.insert(ExerciseLevel(exerciseID: exercise.id, work: back, sets: level.sets)) }
        for id in [exercise.easier, exercise.harder].compactMap({ $0 }) {
            guard let variant = catalog.exercise(id) else { continue }
            let start = variant.id == slot.exercise.id ? slot.dose.work : variant.dose.work
            result.insert(ExerciseLevel(exerciseID: id, work: start))
            if start.kind == level.work.kind {
                result.insert(ExerciseLevel(exerciseID: id, work: start.with(amount: min(start.amount, level.work.amount))))
            }
        }
        return result
    }

    /// Plays `steps` sessions; each step is (pain seed, mark seed, check-in seed).
    static func play(_ steps: [(Int, Int, Int)]) {
        var history: [PastSession] = []
        let chain = Set(Prescriber.chain(of: F.gluteBridge, catalog: F.catalog).map(\.id))
        #expect(chain == ["bridge-hold", "glute-bridge", "single-leg-bridge"])
        for (painSeed, markSeed, checkSeed) in steps {
            let sinceLast: SinceLastAnswer? = checkSeed % 5 == 0 ? .worse : checkSeed % 5 == 1 ? .better : nil
            let today = TodayCheckIn(sinceLast: sinceLast, startingPain: checkSeed % 7)
            let p = F.prescribe(history, today: today)
            for entry in p.exercises {
                // Never leaves the chain of the routine's exercise.
                let entryChain = Set(Prescriber.chain(of: entry.routineDefault.exercise, catalog: F.catalog).map(\.id))
                #expect(entryChain.contains(entry.planned.exercise.id))
                // Never more than one step from what was last done.
                if let last = entry.lastLevel {
                    #expect(Self.oneStep(from: last, slot: entry.routineDefault).contains(entry.level), "\(last) -> \(entry.level)")
                }
                // Never a step up on a flare day, after a flare session, or after a spread mark.
                if p.flare != nil { #expect(entry.change != .progressed) }
                let entryIDs = entryChain
                let lastDone = history.last { $0.sets.contains { entryIDs.contains($0.exerciseID) } }
                if let lastDone, lastDone.sets.contains(where: { entryIDs.contains($0.exerciseID) && $0.spreadDownLeg }) {
                    #expect(entry.change != .progressed)
                }
                if history.last?.flareReported == true { #expect(entry.change != .progressed) }
                #expect(!entry.reason.isEmpty)
                if entry.differsFromDefault { #expect(entry.planned.prescriptionNote != nil) }
            }
            // Run it: ratings from the seed, sometimes a spread mark, a stop or a skip.
            var sets: [SetRecord] = []
            var skipped: Set<Int> = []
            for (position, planned) in p.plan.exercises.enumerated() {
                if markSeed % 13 == position { skipped.insert(position); continue }
                for number in 0..<planned.dose.sets {
                    let pain = (painSeed >> (number + position * 3)) % 11 < 7 ? (painSeed >> number) % 4 : (painSeed >> number) % 11
                    let spread = markSeed % 17 == number + position
                    let action: Adjustment = spread || pain >= 8 ? .stopExercise : pain >= 6 ? .reduce : .keep
                    sets.append(pastSet(position: position, exerciseID: planned.exercise.id, target: planned.dose.work,
                                        pain: pain, spread: spread, action: action))
                    if action == .stopExercise { break }
                }
            }
            history.append(PastSession(routineID: checkSeed % 11 == 0 ? "other" : "test", startingPain: checkSeed % 7,
                                       flareReported: sinceLast == .worse, sets: sets, skippedPositions: skipped))
        }
    }

    static let steps = zip(Gen.int(in: 0...100_000), Gen.int(in: 0...1000), Gen.int(in: 0...1000)).array(of: 1...40)

    @Test func invariantsHoldOverRandomTrajectories() async {
        await propertyCheck(count: 300, input: Self.steps) { steps in
            Self.play(steps)
        }
    }

    /// Arbitrary logged levels (anything a past version or a hand-edited catalog could leave).
    @Test func arbitraryLogsStayInTheChainAndMoveAtMostOneStep() async {
        let ids = ["glute-bridge", "bridge-hold", "single-leg-bridge", "knee-to-chest", "short-hold", "gone"]
        let sessions = zip(Gen.int(in: 0...5), Gen.int(in: 0...40), Gen.int(in: 0...10), Gen.int(in: 0...7)).array(of: 0...8)
        await propertyCheck(count: 300, input: sessions, Gen.int(in: 0...3)) { sessions, todaySeed in
            let history = sessions.map { id, amount, pain, mark in
                let work: Work = mark % 2 == 0 ? .reps(amount) : .seconds(amount)
                return F.session([(pain, ids[id], work), (pain / 2, ids[id], work)], spread: mark == 7, stopAt: mark == 5 ? 0 : nil, flare: mark == 3)
            }
            let today = TodayCheckIn(sinceLast: todaySeed == 0 ? .worse : nil, startingPain: todaySeed)
            let p = F.prescribe(history, today: today)
            for entry in p.exercises {
                let chain = Set(Prescriber.chain(of: entry.routineDefault.exercise, catalog: F.catalog).map(\.id))
                #expect(chain.contains(entry.planned.exercise.id))
                #expect(entry.planned.dose.work.amount > 0)
                if let last = entry.lastLevel {
                    #expect(Self.oneStep(from: last, slot: entry.routineDefault).contains(entry.level))
                }
                if p.flare != nil || history.last?.sets.contains(where: \.spreadDownLeg) == true && entry.position == 0 {
                    #expect(entry.change != .progressed)
                }
            }
        }
    }
}
