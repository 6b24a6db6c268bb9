import Foundation
import Testing
@testable import ExerciseCatalog

/// The repository's own Exercises/ (issues 2 and 12): valid, complete, dosed as CLINICAL.md says,
/// routines as long as they promise and ordered by position. Fails (does not skip) when the
/// directory is missing: a checkout without its catalog is broken.
@Suite("Shipped catalog")
struct ShippedCatalogTests {
    static let exerciseIDs = [
        "knee-to-chest", "double-knee-to-chest", "piriformis-stretch", "hamstring-stretch-strap", "childs-pose",
        "cat-cow", "pelvic-tilt", "lower-trunk-rotation", "prone-lying", "prone-on-elbows", "prone-press-up",
        "standing-back-bend", "seated-nerve-glide", "supine-nerve-glide", "bridge-hold", "glute-bridge",
        "single-leg-bridge", "quadruped-arm-slide", "bird-dog", "heel-slide", "dead-bug", "side-plank-knees",
        "side-plank", "curl-up-supported", "mcgill-curl-up", "clamshell", "clamshell-band", "hip-hinge",
        "sit-to-stand", "walking",
    ]
    static let routineIDs = [
        "five-minute", "gentle-relief", "relief-extension", "relief-flexion", "daily-mobility",
        "core-foundations", "core-progress", "return-to-activity", "work-break",
    ]

    /// `<package>/Exercises`, found from this file's path (Tests/ExerciseCatalogTests/...).
    static var directory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Exercises").path
    }

    func load() throws -> Catalog {
        var isDir: ObjCBool = false
        try #require(
            FileManager.default.fileExists(atPath: Self.directory, isDirectory: &isDir) && isDir.boolValue,
            "no Exercises/ directory at \(Self.directory)")
        return CatalogLoader(displayBase: Self.directory).load(directory: Self.directory)
    }

    @Test("is valid and has the listed exercises and routines (at least 30 and 8)")
    func validAndComplete() throws {
        let catalog = try load()
        #expect(catalog.issues.map(\.description) == [])
        let ids = Set(catalog.exercises.map(\.id))
        for id in Self.exerciseIDs { #expect(ids.contains(id), "missing exercise \(id)") }
        let routines = Set(catalog.routines.map(\.id))
        for id in Self.routineIDs { #expect(routines.contains(id), "missing routine \(id)") }
        #expect(catalog.exercises.count >= 30)
        #expect(catalog.routines.count >= 8)
        #expect(catalog.exercise("walking")?.kind == .aerobic)
        if case .seconds = catalog.exercise("walking")?.dose.work {} else { Issue.record("walking must be timed") }
    }

    @Test("every exercise follows the house rules and says where the body is")
    func houseRules() throws {
        let catalog = try load()
        for exercise in catalog.exercises {
            #expect((3...6).contains(exercise.steps.count), "\(exercise.id): \(exercise.steps.count) steps, want 3-6")
            #expect((1...3).contains(exercise.cues.count), "\(exercise.id): \(exercise.cues.count) cues, want 1-3")
            #expect(!exercise.stopIf.isEmpty, "\(exercise.id): no stop_if line")
            #expect(!exercise.figure.isEmpty, "\(exercise.id): no figure")
            #expect(exercise.position != nil, "\(exercise.id): no position")
            // The README's figure rules: side view, the mat as a row of `=` at the bottom, and
            // narrow enough to sit beside the text at 80 columns.
            #expect(exercise.figure.last?.contains("=") == true, "\(exercise.id): the figure's last row is not the mat (=)")
            #expect((exercise.figure.map(\.count).max() ?? 0) <= 40, "\(exercise.id): figure wider than 40")
        }
    }

    // MARK: - Chains

    @Test("every easier/harder link exists, is answered by the other side, and no chain loops")
    func chains() throws {
        let catalog = try load()
        for exercise in catalog.exercises {
            if let harder = exercise.harder {
                let target = try #require(catalog.exercise(harder), "\(exercise.id): harder '\(harder)' missing")
                #expect(target.easier == exercise.id, "\(exercise.id) -> \(harder), but \(harder).easier is \(target.easier ?? "nil")")
                #expect(target.kind == exercise.kind || target.position == exercise.position,
                        "\(exercise.id) -> \(harder): a step should keep the kind or the position")
            }
            if let easier = exercise.easier {
                let target = try #require(catalog.exercise(easier), "\(exercise.id): easier '\(easier)' missing")
                #expect(target.harder == exercise.id, "\(exercise.id) <- \(easier), but \(easier).harder is \(target.harder ?? "nil")")
            }
            // Walking up the chain must end within the catalog's size.
            var seen: Set<String> = [exercise.id]
            var next = exercise.harder
            while let id = next {
                #expect(seen.insert(id).inserted, "\(exercise.id): the harder chain loops at \(id)")
                if seen.count > catalog.exercises.count { break }
                next = catalog.exercise(id)?.harder
            }
        }
        let expected: [[String]] = [
            ["bridge-hold", "glute-bridge", "single-leg-bridge"],
            ["prone-lying", "prone-on-elbows", "prone-press-up"],
            ["curl-up-supported", "mcgill-curl-up"],
            ["clamshell", "clamshell-band"],
            ["heel-slide", "dead-bug"],
            ["quadruped-arm-slide", "bird-dog"],
            ["side-plank-knees", "side-plank"],
            ["seated-nerve-glide", "supine-nerve-glide"],
        ]
        for chain in expected {
            for (easier, harder) in zip(chain, chain.dropFirst()) {
                #expect(catalog.exercise(easier)?.harder == harder, "\(easier).harder should be \(harder)")
            }
        }
    }

    // MARK: - Doses

    /// One row of the dose table: what a starting dose (the exercise's default, and every routine
    /// item's) may be, and how far the progression may take it (`max`).
    struct DoseRule {
        var sets: ClosedRange<Int>
        /// Reps or seconds of one set.
        var amount: ClosedRange<Int>
        var work: WorkKind
        /// Seconds of the tempo's hold phase, when the rule names one.
        var hold: ClosedRange<Int>? = nil
        /// Largest `max` the progression may reach (reps or seconds).
        var top: Int
        /// Where the numbers come from.
        var source: String
    }

    /// The dose table. "CLINICAL" = ../shared/CLINICAL.md, "Starting doses used in the catalog";
    /// "issue 12" = the rule of issue 12 that reads it (strength 2 sets, stretches 2-3 x 20-30 s,
    /// press-up 5 building to 10, nerve glides not held); "CATALOG" = ../shared/CATALOG.md where
    /// CLINICAL names no dose.
    static let doseTable: [String: DoseRule] = {
        let stretch = DoseRule(sets: 2...3, amount: 20...30, work: .seconds, top: 30,
                               source: "CLINICAL: knee to chest 3 x 20-30 s, piriformis 2-3 x 30 s, hamstring 3 x 30 s; issue 12: stretches 2-3 x 20-30 s")
        let glide = DoseRule(sets: 1...2, amount: 10...10, work: .reps, hold: 0...0, top: 10,
                             source: "CLINICAL: sciatic nerve glide 10 slow reps, to light tension only; issue 12: not held")
        let extensionReps = DoseRule(sets: 1...2, amount: 5...5, work: .reps, top: 10,
                                     source: "CLINICAL: prone press-up 5 building to 10")
        let proneHold = DoseRule(sets: 1...1, amount: 60...180, work: .seconds, top: 180,
                                 source: "CATALOG: prone lying 1 x 120 s (CLINICAL names no dose)")
        let core = DoseRule(sets: 2...2, amount: 8...12, work: .reps, hold: 2...4, top: 12,
                            source: "CLINICAL: glute bridge, bird dog, curl-up 2 x 10 with 2-4 s holds")
        let smallCore = DoseRule(sets: 2...2, amount: 6...10, work: .reps, hold: 2...4, top: 10,
                                 source: "CATALOG 2 x 8, holds as CLINICAL's 2-4 s; issue 12: strength 2 sets")
        let strength = DoseRule(sets: 2...2, amount: 8...15, work: .reps, top: 15,
                                source: "CATALOG: heel slide 2 x 10, clamshell 2 x 12; issue 12: strength 2 sets")
        let plank = DoseRule(sets: 2...2, amount: 20...30, work: .seconds, top: 30,
                             source: "CLINICAL: side plank on knees 2 x 20-30 s each side")
        return [
            "knee-to-chest": stretch, "double-knee-to-chest": stretch, "piriformis-stretch": stretch,
            "hamstring-stretch-strap": stretch, "childs-pose": stretch,
            "seated-nerve-glide": glide, "supine-nerve-glide": glide,
            "prone-press-up": extensionReps, "standing-back-bend": extensionReps,
            "prone-lying": proneHold, "prone-on-elbows": proneHold,
            "cat-cow": DoseRule(sets: 1...2, amount: 8...12, work: .reps, top: 12, source: "CLINICAL: cat-cow 8-12"),
            "pelvic-tilt": DoseRule(sets: 1...2, amount: 10...10, work: .reps, hold: 5...10, top: 10,
                                    source: "CLINICAL: pelvic tilt 10 x 5-10 s"),
            "lower-trunk-rotation": DoseRule(sets: 1...2, amount: 8...12, work: .reps, top: 12,
                                             source: "CATALOG: 2 x 10 reps; move only in a pain-free range"),
            "glute-bridge": core, "bird-dog": smallCore, "mcgill-curl-up": core, "curl-up-supported": core,
            "single-leg-bridge": smallCore, "quadruped-arm-slide": smallCore,
            "bridge-hold": DoseRule(sets: 2...2, amount: 15...30, work: .seconds, top: 30,
                                    source: "CATALOG: 15 s holds; issue 12: strength 2 sets"),
            "heel-slide": strength, "clamshell": strength, "clamshell-band": strength,
            "sit-to-stand": strength, "hip-hinge": strength,
            "dead-bug": DoseRule(sets: 2...2, amount: 6...10, work: .reps, top: 10,
                                 source: "CLINICAL: dead bug 2 x 6-10 each side (conservative)"),
            "side-plank-knees": plank, "side-plank": plank,
            "walking": DoseRule(sets: 1...1, amount: 300...600, work: .seconds, top: 600, source: "CLINICAL: walking 5-10 min"),
        ]
    }()

    func check(_ dose: Dose, of exercise: Exercise, against rule: DoseRule, where place: String) {
        let what = "\(place) \(exercise.id) \(dose.plainText) (\(rule.source))"
        #expect(rule.sets.contains(dose.sets), "\(what): sets outside \(rule.sets)")
        #expect(dose.work.kind == rule.work, "\(what): counts \(dose.work.kind.rawValue), want \(rule.work.rawValue)")
        #expect(rule.amount.contains(dose.work.amount), "\(what): amount outside \(rule.amount)")
    }

    @Test("every exercise's dose, tempo and top are inside the dose table")
    func exerciseDoses() throws {
        let catalog = try load()
        for exercise in catalog.exercises {
            guard let rule = Self.doseTable[exercise.id] else {
                Issue.record("\(exercise.id) has no row in the dose table; add one with its source")
                continue
            }
            check(exercise.dose, of: exercise, against: rule, where: "default")
            if let hold = rule.hold {
                let tempo = try #require(exercise.tempo, "\(exercise.id): needs a tempo with a \(hold) s hold (\(rule.source))")
                #expect(hold.contains(tempo.hold), "\(exercise.id): tempo hold \(tempo.hold) s outside \(hold) (\(rule.source))")
            }
            if exercise.kind == .nerveGlide { #expect(exercise.tempo?.hold == 0, "\(exercise.id): a nerve glide is never held") }
            let top = try #require(ProgressionTop.of(exercise), "\(exercise.id): no max, so it can never reach the top")
            #expect(top <= rule.top, "\(exercise.id): max \(top) above \(rule.top) (\(rule.source))")
            #expect(top >= exercise.dose.work.amount)
        }
        // "5 building to 10": the press-up starts at 5 and may reach 10.
        #expect(catalog.exercise("prone-press-up")?.dose.work == .reps(5))
        #expect(catalog.exercise("prone-press-up")?.max?.reps == 10)
    }

    @Test("every routine item's dose is inside the dose table")
    func routineDoses() throws {
        let catalog = try load()
        for routine in catalog.routines {
            for item in routine.items {
                let exercise = try #require(catalog.exercise(item.exercise))
                guard let rule = Self.doseTable[exercise.id], let dose = catalog.dose(of: item) else { continue }
                check(dose, of: exercise, against: rule, where: routine.id)
            }
        }
    }

    // MARK: - Routines

    @Test("every routine's estimate (what the picker shows) matches its stated minutes")
    func durations() throws {
        let catalog = try load()
        for routine in catalog.routines {
            let minutes = try #require(routine.minutes, "\(routine.id): no minutes")
            let seconds = catalog.estimatedSeconds(of: routine)
            #expect(TimingEstimate.roughMinutes(seconds) == "~\(minutes) min",
                    "\(routine.id): the picker shows \(TimingEstimate.roughMinutes(seconds)), the file says \(minutes)")
            // At most 10% over what it promises (five-minute: 5.5 min).
            #expect(seconds * 10 <= minutes * 60 * 11, "\(routine.id): \(seconds) s is over \(minutes) min + 10%")
        }
        let five = try #require(catalog.routine("five-minute"))
        #expect(catalog.estimatedSeconds(of: five) <= 330)
    }

    @Test("every routine keeps one position together, in floor-to-standing order, with at most 3 changes")
    func positions() throws {
        let catalog = try load()
        for routine in catalog.routines {
            let positions = routine.items.compactMap { catalog.exercise($0.exercise)?.position }
            #expect(positions.count == routine.items.count, "\(routine.id): an item has no position")
            let changes = zip(positions, positions.dropFirst()).filter { $0 != $1 }.count
            #expect(changes <= 3, "\(routine.id): \(changes) position changes: \(positions.map(\.rawValue))")
            let order = Position.allCases
            let ranks = positions.map { order.firstIndex(of: $0)! }
            #expect(ranks == ranks.sorted(), "\(routine.id): positions out of order: \(positions.map(\.rawValue))")
        }
    }

    @Test("every routine has a stage; relief offers both directions and a neutral one")
    func stagesAndDirections() throws {
        let catalog = try load()
        for routine in catalog.routines { #expect(routine.stage != nil, "\(routine.id): no stage") }
        for stage in RoutineStage.allCases {
            #expect(catalog.routines.contains { $0.stage == stage }, "no routine of stage \(stage.rawValue)")
        }
        let relief = catalog.routines.filter { $0.stage == .relief && $0.kind == .relief }
        for direction in ReliefDirection.allCases {
            #expect(relief.contains { $0.direction == direction }, "no relief routine for \(direction.rawValue)")
        }
        // An extension routine holds no flexion exercise and the other way round.
        let flexion: Set = ["knee-to-chest", "double-knee-to-chest", "childs-pose", "cat-cow"]
        let extensionIDs: Set = ["prone-lying", "prone-on-elbows", "prone-press-up", "standing-back-bend"]
        for routine in relief {
            let ids = Set(routine.items.map(\.exercise))
            switch routine.direction {
            case .extension: #expect(ids.isDisjoint(with: flexion), "\(routine.id) mixes in flexion")
            case .flexion: #expect(ids.isDisjoint(with: extensionIDs), "\(routine.id) mixes in extension")
            case .neutral: #expect(ids.isDisjoint(with: flexion.union(extensionIDs)), "\(routine.id) is not neutral")
            }
        }
    }

    @Test("the wording the issue named is fixed")
    func wording() throws {
        let catalog = try load()
        let piriformis = try #require(catalog.exercise("piriformis-stretch"))
        #expect(!piriformis.steps.joined().contains("back of the lower thigh"))
        let strap = try #require(catalog.exercise("hamstring-stretch-strap"))
        #expect(strap.cues.joined(separator: " ").contains("Ankle relaxed"))
        #expect(strap.cues.joined(separator: " ").contains("Stop before any tingling"))
        #expect(!strap.steps.joined().contains("toes up"))
    }
}

/// The top of an exercise's progression range for its kind of work.
enum ProgressionTop {
    static func of(_ exercise: Exercise) -> Int? {
        switch exercise.dose.work {
        case .reps: return exercise.max?.reps
        case .seconds: return exercise.max?.seconds
        }
    }
}
